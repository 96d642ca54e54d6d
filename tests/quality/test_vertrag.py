"""The delivery suites take the contract from landing/quellen.py: one declaration, no copy in
the suite files, and what the files add only warns as plausibility."""

from __future__ import annotations

import pytest

from sozialmonitor.landing.quellen import GEB_JAHR_MIN, QUELLEN_DEF, SGB2_SPALTEN
from sozialmonitor.quality import BLOCKIEREND, SUITES, WARNUNG
from sozialmonitor.quality.erwartung import LIEFERVERTRAG, PLAUSIBILITAET
from sozialmonitor.quality.suites import EXPECTATIONS_DIR, SuiteConfigError, load_suite
from sozialmonitor.quality.vertrag import vertragsspalten


def _lieferung(quelle: str):
    return next(s for s in SUITES if s.name == f"lieferung_{quelle}")


def _regeln(quelle: str, typ: str) -> dict[str, dict]:
    return {e.spalte: e.kwargs for e in _lieferung(quelle).erwartungen if e.typ == typ}


@pytest.mark.parametrize("quelle", [q for q in QUELLEN_DEF.values() if not q.excel], ids=str)
def test_every_rule_of_a_delivered_column_is_a_blocking_expectation_on_its_raw_column(quelle):
    suite = _lieferung(quelle.name)
    assert suite.spalten == vertragsspalten(quelle)
    werte = _regeln(quelle.name, "expect_column_values_to_be_in_set")
    muster = _regeln(quelle.name, "expect_column_values_to_match_regex")
    leer = {e.spalte for e in suite.erwartungen if e.rahmen == "leerwerte"}
    for spalte in quelle.spalten:
        if spalte.werte is not None:
            assert [str(w) for w in werte[spalte.raw_name]["value_set"]] == list(spalte.werte)
        if spalte.muster is not None:
            assert muster[spalte.raw_name]["regex"] == f"^(?:{spalte.muster})$"
        if spalte.pflicht and spalte.art != "geb":
            assert spalte.raw_name in leer, spalte.name
        if not spalte.pflicht:
            assert spalte.raw_name not in leer, spalte.name
    for erwartung in suite.erwartungen:
        if erwartung.herkunft == LIEFERVERTRAG:
            assert erwartung.schwere == BLOCKIEREND and erwartung.art == LIEFERVERTRAG


def test_the_contract_s_codes_and_key_reach_the_suites():
    assert _regeln("einrichtungen", "expect_column_values_to_be_in_set")["typ"]["value_set"] == [
        "KITA",
        "GRUNDSCHULE",
        "WEITERF_SCHULE",
        "JUGENDTREFF",
        "FAMILIENZENTRUM",
        "SPIELPLATZ",
        "KINDERARZT",
    ]
    assert _regeln("seu", "expect_column_values_to_be_in_set")["masern_impfung"]["value_set"] == [
        0,
        1,
        2,
        9,
    ]
    geb = _regeln("hze_faelle", "expect_column_values_to_be_between")["geb_jahr"]
    assert geb["min_value"] == GEB_JAHR_MIN == 1890
    assert geb["max_value"] == {"$PARAMETER": "stichtag_jahr"}
    assert _regeln("kita_kinder", "expect_column_max_to_be_between")["kind_pseudonym"] == {
        "column": "kind_pseudonym",
        "max_value": 0,
    }
    kataster = _lieferung("kataster_adressen")
    assert "GROUP BY str_schl, hnr, hnr_zus" in kataster.rahmen["schluessel"].sql
    sgb2 = _regeln("sgb2_stadtteile", "expect_column_values_to_match_regex")
    assert set(sgb2) == {name for name, _ in SGB2_SPALTEN}


def test_suite_files_keep_only_what_the_contract_does_not_say():
    for pfad in sorted((EXPECTATIONS_DIR / "lieferungen").glob("*.toml")):
        text = pfad.read_text(encoding="utf-8")
        assert "[spalten]" not in text and "value_set" not in text, pfad.name
        assert "expect_column_values_to_match_regex" not in text, pfad.name
    for suite in SUITES:
        for erwartung in suite.erwartungen:
            if erwartung.schwere == WARNUNG:
                assert erwartung.art == PLAUSIBILITAET, erwartung
                if suite.quelle:
                    assert erwartung.rahmen.startswith(PLAUSIBILITAET), erwartung


_KOPF = 'name = "lieferung_ewo_test"\nschuetzt = "ewo_einwohner"\nquelle = "ewo_einwohner"\n'
_WERTE = """
[[erwartung]]
rahmen = "werte"
typ = "expect_column_values_to_be_in_set"
column = "geschlecht"
value_set = ["m", "w"]
schwere = "blockierend"
"""
_WARNUNG = """
[[erwartung]]
rahmen = "leerwerte"
typ = "expect_column_max_to_be_between"
column = "staatsang_2"
max_value = 0
schwere = "warnung"
beschreibung = "zweite Staatsangehörigkeit meist leer"
"""


@pytest.mark.parametrize(
    ("zusatz", "meldung"),
    [
        (_WERTE, "kommt aus landing/quellen.py"),
        ('\n[spalten]\nstichtag = "DATE"\n', r"\[spalten\] einer Lieferung kommen aus"),
        (_WARNUNG, "eine Warnung ist ein Plausibilitätsbefund"),
    ],
    ids=["code list again", "columns again", "warning not named plausibility"],
)
def test_a_delivery_suite_file_that_repeats_the_contract_or_warns_unnamed_is_refused(
    tmp_path, zusatz, meldung
):
    pfad = tmp_path / "lieferungen" / "ewo_einwohner.toml"
    pfad.parent.mkdir()
    pfad.write_text(_KOPF + zusatz, encoding="utf-8")
    with pytest.raises(SuiteConfigError, match=meldung):
        load_suite(pfad)
