"""One range per column: the delivery contract's (landing/quellen.py). Landing quarantines a
value outside it; the delivery suite checks the same range, and a stricter plausibility band
only warns."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from sozialmonitor.generator import generate
from sozialmonitor.landing import land_source, lieferdatei
from sozialmonitor.landing.quellen import QUELLEN_DEF
from sozialmonitor.quality import BLOCKIEREND, SUITES, WARNUNG, run_suite
from sozialmonitor.quality.suites import SuiteConfigError, load_suite
from sozialmonitor.settings import Settings

STICHTAG = date(2024, 12, 31)


def _bereiche(suite_name: str, rahmen: str) -> dict[str, tuple]:
    suite = next(s for s in SUITES if s.name == suite_name)
    return {
        e.spalte: (e.kwargs.get("min_value"), e.kwargs.get("max_value"), e.schwere)
        for e in suite.erwartungen
        if e.rahmen == rahmen and e.typ == "expect_column_values_to_be_between"
    }


def test_each_delivery_suite_checks_exactly_the_landing_range_of_each_column():
    for quelle in QUELLEN_DEF.values():
        landing = {
            s.raw_name: (s.min, s.max, BLOCKIEREND) for s in quelle.spalten if s.min is not None
        }
        suite = _bereiche(f"lieferung_{quelle.name}", "extremwerte")
        assert {k: v for k, v in suite.items() if k in landing} == landing, quelle.name
    assert _bereiche("lieferung_seu", "extremwerte")["groesse_cm"] == (60, 200, BLOCKIEREND)
    assert _bereiche("lieferung_wohngeld", "extremwerte")["wohngeld_eur"] == (
        0,
        10_000,
        BLOCKIEREND,
    )


def test_stricter_bands_are_plausibility_warnings():
    seu = _bereiche("lieferung_seu", "plausibilitaet")
    assert seu["groesse_cm"] == (70, 180, WARNUNG) and seu["gewicht_kg"] == (8, 80, WARNUNG)
    wohngeld = _bereiche("lieferung_wohngeld", "plausibilitaet")
    assert wohngeld["haushalt_personen"] == (None, 20, WARNUNG)
    assert wohngeld["wohngeld_eur"] == (None, 5000, WARNUNG)
    for suite in SUITES:
        for erwartung in suite.erwartungen:
            if erwartung.rahmen == "plausibilitaet":
                assert erwartung.schwere == WARNUNG
            if erwartung.schwere == WARNUNG:  # every warning says it is a plausibility finding
                assert erwartung.beschreibung.startswith("Plausibilität: "), erwartung


_SUITE = """
name = "lieferung_seu_test"
schuetzt = "seu"
quelle = "seu"

[[erwartung]]
rahmen = "{rahmen}"
typ = "expect_column_values_to_be_between"
column = "groesse_cm"
min_value = 70
max_value = 180
schwere = "{schwere}"
"""


@pytest.mark.parametrize(
    ("rahmen", "schwere", "meldung"),
    [
        ("extremwerte", WARNUNG, "kommt aus landing/quellen.py"),
        ("extremwerte", BLOCKIEREND, "kommt aus landing/quellen.py"),
        ("plausibilitaet", BLOCKIEREND, "darf nur warnen"),
    ],
)
def test_a_suite_file_may_neither_repeat_a_contract_range_nor_block_on_plausibility(
    tmp_path, rahmen, schwere, meldung
):
    pfad = tmp_path / "lieferungen" / "seu.toml"
    pfad.parent.mkdir()
    pfad.write_text(_SUITE.format(rahmen=rahmen, schwere=schwere), encoding="utf-8")
    with pytest.raises(SuiteConfigError, match=meldung):
        load_suite(pfad)


def _setze(settings: Settings, quelle: str, spalte: str, werte: dict[int, str]) -> None:
    """Write ``werte`` (data line number -> text) into column ``spalte`` of the delivered file."""
    pfad = lieferdatei(settings, STICHTAG, quelle)
    zeilen = pfad.read_bytes().split(b"\r\n")
    index = zeilen[0].decode("utf-8-sig").split(";").index(spalte)
    for nr, wert in werte.items():
        felder = zeilen[nr - 1].split(b";")
        felder[index] = wert.encode()
        zeilen[nr - 1] = b";".join(felder)
    pfad.write_bytes(b"\r\n".join(zeilen))


@pytest.fixture(scope="module")
def gelandet(tmp_path_factory):
    """seu and wohngeld landed with values inside the contract but outside the plausibility
    band, and one value outside the contract."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOZIALMONITOR_PSEUDONYM_KEY", "wertebereich-test-key-" + "w" * 32)
    root = tmp_path_factory.mktemp("wertebereiche")
    settings = Settings.from_env(data_dir=root / "data", inbox=root / "inbox")
    generate(settings.inbox, [STICHTAG.year], scale=0.3, seed=3)
    _setze(settings, "seu", "GROESSE_CM", {5: "185", 9: "200,5"})
    _setze(settings, "wohngeld", "WOHNGELD_EUR", {4: "7500,00"})
    _setze(settings, "wohngeld", "HAUSHALT_PERSONEN", {6: "25"})
    for quelle in ("seu", "wohngeld"):
        assert land_source(settings, STICHTAG, quelle).ok
    yield settings
    mp.undo()


def _abfrage(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_value_valid_by_contract_lands_and_a_value_outside_is_quarantined(gelandet):
    assert _abfrage(gelandet, "SELECT groesse_cm FROM raw.seu WHERE zeile = 5") == [(185.0,)]
    assert _abfrage(gelandet, "SELECT zeile FROM raw.seu WHERE zeile = 9") == []
    assert _abfrage(
        gelandet, "SELECT zeile, regel, spalte FROM raw.quarantaene WHERE quelle = 'seu'"
    ) == [(9, "wert_unzulaessig", "GROESSE_CM")]
    assert _abfrage(gelandet, "SELECT wohngeld_eur FROM raw.wohngeld WHERE zeile = 4") == [
        (7500.0,)
    ]
    assert _abfrage(gelandet, "SELECT haushalt_personen FROM raw.wohngeld WHERE zeile = 6") == [
        (25,)
    ]


@pytest.mark.parametrize(
    ("suite", "spalten"),
    [
        ("lieferung_seu", {"groesse_cm"}),
        ("lieferung_wohngeld", {"wohngeld_eur", "haushalt_personen"}),
    ],
)
def test_values_outside_the_plausibility_band_warn_and_do_not_block(gelandet, suite, spalten):
    ergebnis = run_suite(gelandet, STICHTAG, suite)
    assert ergebnis.passed and not ergebnis.blocking_failures, ergebnis.messages
    assert {(w.erwartung.split(":")[0], w.spalte) for w in ergebnis.warnings} == {
        ("plausibilitaet", spalte) for spalte in spalten
    }
