"""Every fault of the delivery contract, fed by the generator, with the exact handling asserted."""

from __future__ import annotations

from collections import Counter

import pytest

from sozialmonitor.generator import FAULTS
from sozialmonitor.landing import land, lieferdatei
from tests.landing.conftest import STICHTAG, land_with, query, read_rows, status

REJECTED = {
    # fault: (source, rule named in the message, line named in the message or None)
    "comma-separator": ("hze_faelle", "pflichtspalte_fehlt", 1),
    "missing-column": ("seu", "pflichtspalte_fehlt", 1),
    "truncated": ("ewo_einwohner", "datei_abgeschnitten", "last"),
    "wrong-year": ("hze_faelle", "jahr_falsch", None),
    "excel-unknown-district": ("sgb2_stadtteile", "stadtteil_unbekannt", 6),
    "invalid-values-over-threshold": ("seu", "zu_viele_fehler", None),
    "duplicate-ids-over-threshold": ("kita_kinder", "zu_viele_fehler", None),
}


@pytest.mark.parametrize("fault", sorted(REJECTED))
def test_rejected_file_blocks_publication_and_is_kept_as_delivered(settings, fault):
    quelle, regel, zeile = REJECTED[fault]
    result = land_with(settings, fault)
    assert not result.ok and result.blocks_publication
    assert {q: s for q, s in result.details.items() if s != "geladen"} == {quelle: "abgelehnt"}
    path = lieferdatei(settings, STICHTAG, quelle)
    datei = path.name
    if zeile == "last":
        zeile = path.read_bytes().count(b"\n") + 1
    where = f"{datei} Zeile {zeile}: {regel}" if zeile else f"{datei}: {regel}"
    assert any(m.startswith(where) for m in result.messages), result.messages
    assert status(settings, quelle)[0] == "abgelehnt"
    assert query(settings, f"SELECT count(*) FROM raw.{quelle}")[0][0] == 0
    (kept,) = list((settings.rejected_dir / "2024").glob(f"*/{datei}"))
    assert kept.read_bytes() == path.read_bytes()


def test_missing_file_is_reported_and_blocks(settings):
    result = land_with(settings, "missing-file")
    assert result.blocks_publication and result.details["wohngeld"] == "fehlt"
    assert any(m.startswith("wohngeld_20241231.csv: datei_fehlt") for m in result.messages)


def test_bom_instead_of_cp1252_is_accepted_and_recorded(settings):
    assert land_with(settings, "encoding").ok
    assert status(settings, "ewo_einwohner")[4] == "utf-8-sig"


def test_extra_column_is_ignored_with_a_warning(settings):
    result = land_with(settings, "extra-column")
    assert result.ok
    assert any("Zeile 1: spalte_unbekannt – Spalte(n) BEMERKUNG" in m for m in result.messages)
    columns = [
        c
        for (c,) in query(
            settings,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'kita_kinder'",
        )
    ]
    assert "bemerkung" not in columns


def _bad_seu_rows(rows: list[dict]) -> dict[int, str]:
    """The injected invalid values, found independently of landing's SQL."""
    bad = {}
    for r in rows:
        if r["UNTERS_DATUM"].startswith("31.02."):
            bad[r["_zeile"]] = "datum_ungueltig"
        elif r["GEWICHT_KG"] == "-3":
            bad[r["_zeile"]] = "wert_unzulaessig"
        elif r["GESCHLECHT"] not in ("m", "w", "d", "x"):
            bad[r["_zeile"]] = "code_unbekannt"
        elif int(r["GEB_DATUM"][-4:]) > 2024:
            bad[r["_zeile"]] = "geburt_nach_stichtag"
    return bad


def test_invalid_values_are_quarantined_with_line_and_rule_and_nothing_is_lost(settings):
    result = land_with(settings, "invalid-values")
    assert result.ok
    rows = read_rows(lieferdatei(settings, STICHTAG, "seu"))
    bad = _bad_seu_rows(rows)
    assert bad
    quarantined = dict(
        query(settings, "SELECT zeile, regel FROM raw.quarantaene WHERE quelle = 'seu'")
    )
    assert quarantined == bad
    _, zeilen, geladen, zurueck, _, _ = status(settings, "seu")
    assert (zeilen, geladen + zurueck, zurueck) == (len(rows), len(rows), len(bad))
    loaded = {z for (z,) in query(settings, "SELECT zeile FROM raw.seu")}
    assert loaded.isdisjoint(bad) and len(loaded) == len(rows) - len(bad)
    first = min(bad)
    assert any(m.startswith(f"seu_2024.csv Zeile {first}: {bad[first]}") for m in result.messages)


def test_every_row_of_a_duplicated_id_is_quarantined(settings):
    result = land_with(settings, "duplicate-ids")
    assert result.ok
    rows = read_rows(lieferdatei(settings, STICHTAG, "kita_kinder"))
    counts = Counter(r["KIND_ID"] for r in rows)
    duplicated = {r["_zeile"] for r in rows if counts[r["KIND_ID"]] > 1}
    assert duplicated
    quarantined = query(
        settings, "SELECT zeile, regel, wert, datensatz->>'KIND_ID' FROM raw.quarantaene"
    )
    assert {z for z, *_ in quarantined} == duplicated
    assert {r for _, r, _, _ in quarantined} == {"id_doppelt"}
    # the id is kept only as its pseudonym, in the rule's value and in the kept row
    assert all(w == d and len(w) == 64 and not w.startswith("K") for _, _, w, d in quarantined)


def test_unknown_addresses_are_loaded_for_district_99(settings):
    assert land_with(settings, "unknown-addresses").ok
    delivered = len(read_rows(lieferdatei(settings, STICHTAG, "wohngeld")))
    assert status(settings, "wohngeld")[:3] == ("geladen", delivered, delivered)


def test_excel_layout_variants_resolve_through_aliases(settings):
    assert land_with(settings, "excel-layout").ok
    codes = [
        nr
        for (nr,) in query(settings, "SELECT stadtteil_nr FROM raw.sgb2_stadtteile ORDER BY zeile")
    ]
    assert sorted(codes) == ["00"] + [f"{i:02d}" for i in range(1, 12)]


def _duplicated_kita_rows(rows: list[dict]) -> dict[int, str]:
    counts = Counter(r["KIND_ID"] for r in rows)
    return {r["_zeile"]: "id_doppelt" for r in rows if counts[r["KIND_ID"]] > 1}


@pytest.mark.parametrize(
    ("fault", "quelle", "injected"),
    [
        ("invalid-values-over-threshold", "seu", _bad_seu_rows),
        ("duplicate-ids-over-threshold", "kita_kinder", _duplicated_kita_rows),
    ],
)
def test_over_threshold_rows_stay_quarantined_with_the_rejection(settings, fault, quelle, injected):
    land_with(settings, fault)
    rows = read_rows(lieferdatei(settings, STICHTAG, quelle))
    bad = injected(rows)
    assert len(bad) > 0.01 * len(rows)
    quarantined = dict(
        query(settings, "SELECT zeile, regel FROM raw.quarantaene WHERE quelle = ?", [quelle])
    )
    assert quarantined == bad
    # rows read = quarantined + kept with the rejected file; none of them reaches raw
    assert status(settings, quelle)[:4] == ("abgelehnt", len(rows), 0, len(bad))
    lade_ids = query(
        settings,
        "SELECT DISTINCT q.lade_id = s.lade_id FROM raw.quarantaene q, raw.lieferstatus s "
        "WHERE q.quelle = s.quelle AND s.quelle = ?",
        [quelle],
    )
    assert lade_ids == [(True,)]


def test_a_rejected_file_delivered_again_changes_nothing(settings):
    land_with(settings, "truncated")
    before = query(settings, "SELECT count(*) FROM raw.ladeprotokoll")
    again = land(settings, STICHTAG)
    assert again.blocks_publication and again.details["ewo_einwohner"] == "abgelehnt"
    assert query(settings, "SELECT count(*) FROM raw.ladeprotokoll") == before
    assert any(
        m.startswith("ewo_einwohner_20241231.csv: unverändert") and "abgelehnt" in m
        for m in again.messages
    )
    assert len(list((settings.rejected_dir / "2024").glob("*/ewo_einwohner_20241231.csv"))) == 1


TESTED_HERE = {
    *REJECTED,
    "missing-file",
    "encoding",
    "extra-column",
    "invalid-values",
    "duplicate-ids",
    "unknown-addresses",
    "excel-layout",
}


def test_every_generator_fault_has_a_test():
    # corrected-file is tested with the idempotency tests in test_land.py
    assert TESTED_HERE | {"corrected-file"} == set(FAULTS)
