"""Clean deliveries: every source loaded, typed, pseudonymised; idempotent; corrected files replace."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

import pytest

from sozialmonitor.generator import generate
from sozialmonitor.keys import KeyMissingError
from sozialmonitor.landing import QUELLEN, land, land_source, lieferdatei
from tests.landing.conftest import KEY, STICHTAG, deliver, land_with, query, read_rows, status


def _pseudonym(value: str) -> str:
    return hmac.new(KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def test_clean_delivery_loads_every_row_of_all_nine_sources(settings):
    result = land_with(settings)
    assert result.ok and not result.blocks_publication
    assert result.details == dict.fromkeys(QUELLEN, "geladen")
    for quelle in QUELLEN:
        if quelle == "sgb2_stadtteile":
            continue
        path = lieferdatei(settings, STICHTAG, quelle)
        delivered = len(read_rows(path))
        loaded = query(
            settings, f"SELECT count(*) FROM raw.{quelle} WHERE stichtag = ?", [STICHTAG]
        )[0][0]
        assert loaded == delivered, quelle
        assert status(settings, quelle)[:4] == ("geladen", delivered, delivered, 0)
    # 11 districts and the total row of the workbook
    assert query(
        settings, "SELECT count(*), count(*) FILTER (stadtteil_nr = '00') FROM raw.sgb2_stadtteile"
    )[0] == (12, 1)


def test_ids_become_keyed_pseudonyms_and_birth_dates_month_and_year(settings):
    land_with(settings)
    first = read_rows(lieferdatei(settings, STICHTAG, "ewo_einwohner"))[0]
    row = query(
        settings,
        "SELECT pers_pseudonym, hh_pseudonym, geb_jahr, geb_monat FROM raw.ewo_einwohner WHERE zeile = 2",
    )[0]
    _day, month, year = first["GEB_DATUM"].split(".")
    assert row == (_pseudonym(first["PERS_ID"]), _pseudonym(first["HH_ID"]), int(year), int(month))
    columns = {
        c
        for (c,) in query(
            settings,
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'raw'",
        )
    }
    assert not columns & {
        "pers_id",
        "hh_id",
        "geb_datum",
        "kind_id",
        "fall_id",
        "unters_id",
        "schueler_id",
        "wg_fall_id",
    }


def test_same_person_keeps_its_pseudonym_across_years(settings):
    deliver(settings, years=(2023, 2024))
    land(settings, date(2023, 12, 31))
    land(settings, STICHTAG)
    both = query(
        settings,
        "SELECT count(*) FROM raw.ewo_einwohner a JOIN raw.ewo_einwohner b USING (pers_pseudonym) "
        "WHERE a.stichtag = DATE '2023-12-31' AND b.stichtag = DATE '2024-12-31'",
    )[0][0]
    ids_2023 = {
        r["PERS_ID"] for r in read_rows(settings.inbox / "2023" / "ewo_einwohner_20231231.csv")
    }
    ids_2024 = {
        r["PERS_ID"] for r in read_rows(settings.inbox / "2024" / "ewo_einwohner_20241231.csv")
    }
    assert both == len(ids_2023 & ids_2024) > 0


def test_the_same_file_again_changes_nothing(settings):
    land_with(settings)
    before = query(settings, "SELECT count(*), max(geladen_um) FROM raw.ladeprotokoll")
    again = land(settings, STICHTAG)
    assert again.ok
    assert query(settings, "SELECT count(*), max(geladen_um) FROM raw.ladeprotokoll") == before
    assert any("unverändert" in m for m in again.messages)


def test_corrected_file_replaces_the_source_and_history_keeps_both(settings):
    land_with(settings)
    first_lade_id = status_lade_id(settings)
    generate(settings.inbox, [2024], scale=0.2, seed=5, faults=["corrected-file"])
    assert land_source(settings, STICHTAG, "schuluebergaenge").ok
    history = query(
        settings,
        "SELECT lade_id, status FROM raw.ladeprotokoll WHERE quelle = 'schuluebergaenge' ORDER BY geladen_um",
    )
    assert [s for _, s in history] == ["geladen", "geladen"] and history[0][0] == first_lade_id
    corrected = read_rows(lieferdatei(settings, STICHTAG, "schuluebergaenge"))
    loaded = query(
        settings, "SELECT lade_id, zeile, schulform FROM raw.schuluebergaenge ORDER BY zeile"
    )
    assert {lade for lade, _, _ in loaded} == {history[1][0]}
    assert [(z, s) for _, z, s in loaded] == [(r["_zeile"], r["SCHULFORM"]) for r in corrected]


def status_lade_id(settings) -> str:
    return query(
        settings, "SELECT lade_id FROM raw.lieferstatus WHERE quelle = 'schuluebergaenge'"
    )[0][0]


def test_without_key_landing_refuses_with_a_clear_message(settings, monkeypatch):
    monkeypatch.delenv("SOZIALMONITOR_PSEUDONYM_KEY")
    monkeypatch.setenv("SOZIALMONITOR_KEY_FILE", str(settings.data_dir / "no.key"))
    deliver(settings)
    from sozialmonitor.settings import Settings

    with pytest.raises(KeyMissingError, match="init-key"):
        land(Settings.from_env(data_dir=settings.data_dir, inbox=settings.inbox), STICHTAG)


def test_a_loaded_delivery_moved_out_of_the_inbox_stays_valid_and_says_so(settings):
    assert land_with(settings).ok
    datei = lieferdatei(settings, STICHTAG, "wohngeld")
    datei.unlink()
    result = land_source(settings, STICHTAG, "wohngeld")
    assert result.ok
    assert status(settings, "wohngeld")[0] == "geladen"
    assert any(
        m.startswith(f"{datei.name}: nicht mehr im Posteingang") and "gilt weiter" in m
        for m in result.messages
    ), result.messages
