"""Every suite passes on a clean warehouse and fails, at the expected expectation, on a corrupted one.

One ``check`` runs on the clean warehouse and one (through the CLI) on a copy with one
corruption per suite; the results are then read from qualitaet.pruefergebnisse.
"""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner
from quality_warehouse import STICHTAG, copy_warehouse

from sozialmonitor.cli import main
from sozialmonitor.landing.quellen import QUELLEN, QUELLEN_DEF
from sozialmonitor.quality import SUITES, check, docs_dir

# suite -> SQL corrupting the clean warehouse -> the (erwartung, spalte) that must fail, nothing else.
CORRUPTIONS: dict[str, tuple[list[str], set[tuple[str, str | None]]]] = {
    "lieferung_ewo_einwohner": (
        [
            "UPDATE raw.ewo_einwohner SET geschlecht = 'q' WHERE stichtag = DATE '2024-12-31' AND pers_pseudonym = 'P5'"
        ],
        {("werte:expect_column_values_to_be_in_set", "geschlecht")},
    ),
    "lieferung_kataster_adressen": (
        [
            (
                "INSERT INTO raw.kataster_adressen SELECT * FROM raw.kataster_adressen "
                "WHERE stichtag = DATE '2024-12-31' AND str_schl = '00003' AND hnr = 2"
            )
        ],
        {("schluessel:expect_column_max_to_be_between", "doppelte")},
    ),
    "lieferung_sgb2_stadtteile": (
        [
            "UPDATE raw.sgb2_stadtteile SET elb = '310' WHERE stichtag = DATE '2024-12-31' AND stadtteil_nr = '00'"
        ],
        {("abgleich:expect_column_pair_values_a_to_be_greater_than_b", "differenz_max,differenz")},
    ),
    "lieferung_kita_kinder": (
        [
            "UPDATE raw.kita_kinder SET wochenstunden = 30 WHERE stichtag = DATE '2024-12-31' AND kind_pseudonym = 'K3'"
        ],
        {("werte:expect_column_values_to_be_in_set", "wochenstunden")},
    ),
    "lieferung_einrichtungen": (
        ["ALTER TABLE raw.einrichtungen DROP COLUMN plaetze_u3"],
        {
            ("spalten:expect_column_pair_values_to_be_equal", "typ,erwartet"),
            ("extremwerte:expect_column_values_to_be_between", "plaetze_u3"),
            ("plausibilitaet:expect_column_values_to_be_between", "plaetze_u3"),
        },
    ),
    "lieferung_hze_faelle": (
        [
            "UPDATE raw.hze_faelle SET fall_pseudonym = 'F1' WHERE stichtag = DATE '2024-12-31' AND fall_pseudonym = 'F2'"
        ],
        {("doppelte:expect_column_max_to_be_between", "fall_pseudonym")},
    ),
    "lieferung_seu": (
        [
            (
                "INSERT INTO raw.quarantaene SELECT 'seu-2024', DATE '2024-12-31', 'seu', 'seu_2024.csv', 500 + i, "
                "'wert_unzulaessig', 'gewicht_kg', '-3', 'Gewicht negativ', '{}' FROM range(5) AS t(i)"
            )
        ],
        {("umfang:expect_column_max_to_be_between", "anteil_quarantaene_prozent")},
    ),
    "lieferung_schuluebergaenge": (
        [
            "UPDATE raw.schuluebergaenge SET schulform = 'XY' WHERE stichtag = DATE '2024-12-31' AND schueler_pseudonym = 'S4'"
        ],
        {("werte:expect_column_values_to_be_in_set", "schulform")},
    ),
    "lieferung_wohngeld": (
        [
            "UPDATE raw.wohngeld SET wohngeld_eur = -5 WHERE stichtag = DATE '2024-12-31' AND wg_fall_pseudonym = 'W1'"
        ],
        {("extremwerte:expect_column_values_to_be_between", "wohngeld_eur")},
    ),
    "zuordnung_wohngeld": (
        [
            (
                "UPDATE {zuordnung_wohngeld} SET stadtteil_nr = '99' "
                "WHERE stichtag = DATE '2024-12-31' AND wg_fall_pseudonym IN ('W7', 'W8')"
            )
        ],
        {("stadtteil_99:expect_column_max_to_be_between", "anteil_99_prozent")},
    ),
    "ergebnis_fct_bevoelkerung": (
        [
            # Two register rows more than the cube counts (blocking) ...
            (
                "INSERT INTO raw.ewo_einwohner SELECT * REPLACE ('X' || pers_pseudonym AS pers_pseudonym) "
                "FROM raw.ewo_einwohner WHERE stichtag = DATE '2024-12-31' AND pers_pseudonym IN ('P7', 'P8')"
            ),
            # ... and district 07 halves against the previous year (warnings only).
            (
                "UPDATE marts.fct_bevoelkerung SET einwohner = 2 * einwohner "
                "WHERE stichtag = DATE '2023-12-31' AND stadtteil_nr = '07'"
            ),
        ],
        {
            (
                "summen:expect_column_pair_values_to_be_equal",
                "einwohner_wuerfel,einwohner_register",
            ),
            ("veraenderung_stadt:expect_column_values_to_be_between", "veraenderung_prozent"),
            ("veraenderung_stadtteile:expect_column_values_to_be_between", "veraenderung_prozent"),
        },
    ),
    "ergebnis_ind_indikatoren": (
        [
            (
                "DELETE FROM indicators.ind_indikatoren WHERE stichtag = DATE '2024-12-31' "
                "AND stadtteil_nr = '05' AND indikator_id = 'hze_quote'"
            ),
            (
                "UPDATE indicators.ind_indikatoren SET wert = 120 WHERE stichtag = DATE '2024-12-31' "
                "AND stadtteil_nr = '02' AND indikator_id = 'seu_uebergewicht'"
            ),
        ],
        {
            ("vollstaendigkeit:expect_column_values_to_be_in_set", "vorhanden"),
            ("anteile:expect_column_values_to_be_between", "wert"),
        },
    ),
    "ergebnis_ind_sozialindex": (
        [
            "UPDATE indicators.ind_sozialindex SET indexwert = NULL WHERE stichtag = DATE '2024-12-31' AND stadtteil_nr = '03'"
        ],
        {("index:expect_column_pair_values_to_be_equal", "eingaben_vollstaendig,index_vorhanden")},
    ),
}

#: Observed values the messages must name (what a person needs to find the fault).
OBSERVED = {
    "lieferung_ewo_einwohner": '"q"',
    "lieferung_einrichtungen": "spalte=plaetze_u3",
    "lieferung_sgb2_stadtteile": "spalte=elb",
    "ergebnis_ind_indikatoren": "stadtteil_nr=05, indikator_id=hze_quote",
    "ergebnis_ind_sozialindex": "stadtteil_nr=03",
}


def _suite(name):
    return next(s for s in SUITES if s.name == name)


def _latest_failures(settings) -> dict[str, set[tuple[str, str | None]]]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        rows = con.execute(
            """
            SELECT suite, erwartung, spalte FROM qualitaet.pruefergebnisse
            WHERE NOT erfolg AND lauf_id = (SELECT max(lauf_id) FROM qualitaet.pruefergebnisse)
            """
        ).fetchall()
    failures: dict[str, set] = {}
    for suite, erwartung, spalte in rows:
        failures.setdefault(suite, set()).add((erwartung, spalte))
    return failures


@pytest.fixture(scope="module")
def clean_run(clean_warehouse, tmp_path_factory):
    settings = copy_warehouse(clean_warehouse, tmp_path_factory.mktemp("sauber_lauf") / "data")
    return settings, check(settings, STICHTAG)


@pytest.fixture(scope="module")
def corrupted_run(clean_warehouse, tmp_path_factory):
    """All corruptions at once (they are independent), checked through `sozialmonitor check`."""
    settings = copy_warehouse(clean_warehouse, tmp_path_factory.mktemp("kaputt") / "data")
    zuordnung = _suite("zuordnung_wohngeld").zuordnung["modell"]
    with duckdb.connect(str(settings.warehouse)) as con:
        for statements, _ in CORRUPTIONS.values():
            for sql in statements:
                con.execute(sql.replace("{zuordnung_wohngeld}", zuordnung))
    result = CliRunner().invoke(
        main, ["check", "--data-dir", str(settings.data_dir), "--stichtag", STICHTAG.isoformat()]
    )
    return settings, result


def test_every_source_has_a_delivery_suite_and_every_address_source_an_assignment_suite():
    assets = {s.name: s.asset for s in SUITES}
    for source in QUELLEN:
        assert assets[f"lieferung_{source}"] == source
    mit_adresse = [
        name
        for name, quelle in QUELLEN_DEF.items()
        if name != "kataster_adressen" and any(s.name == "STR_SCHL" for s in quelle.spalten)
    ]
    assert len(mit_adresse) == 7
    for source in mit_adresse:
        suite = _suite(f"zuordnung_{source}")
        assert suite.asset.startswith("int_") and suite.asset.endswith("__mit_stadtteil")
        assert suite.zuordnung["modell"] == f"intermediate.{suite.asset}"
    assert {"fct_bevoelkerung", "ind_indikatoren", "ind_sozialindex"} <= set(assets.values())


def test_clean_warehouse_passes_every_suite(clean_run):
    settings, stage = clean_run
    assert stage.ok and not stage.blocks_publication, stage.messages
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        suites, laeufe, failed = con.execute(
            "SELECT count(DISTINCT suite), count(DISTINCT lauf_id), count(*) FILTER (WHERE NOT erfolg) "
            "FROM qualitaet.pruefergebnisse"
        ).fetchone()
    assert (suites, laeufe, failed) == (len(SUITES), 1, 0)


def test_results_are_kept_as_json_and_data_docs(clean_run):
    settings, stage = clean_run
    run_dir = settings.quality_dir / "2024-12-31" / stage.details["lauf_id"]
    assert sorted(p.stem for p in run_dir.glob("*.json")) == sorted(s.name for s in SUITES)
    document = json.loads((run_dir / "lieferung_seu.json").read_text(encoding="utf-8"))
    assert document["bestanden"] and len(document["ergebnisse"]) == len(
        _suite("lieferung_seu").erwartungen
    )
    index = docs_dir(settings, STICHTAG) / "index.html"
    assert index.is_file() and "lieferung_seu" in index.read_text(encoding="utf-8")


@pytest.mark.parametrize("suite", sorted(CORRUPTIONS))
def test_corruption_fails_exactly_the_expected_expectation(corrupted_run, suite):
    settings, _ = corrupted_run
    assert _latest_failures(settings).get(suite, set()) == CORRUPTIONS[suite][1]


def test_suites_without_corruption_still_pass(corrupted_run):
    settings, _ = corrupted_run
    failing = set(_latest_failures(settings))
    assert failing == set(CORRUPTIONS)


def test_cli_exits_nonzero_and_prints_each_failure_with_observed_value(corrupted_run):
    _, result = corrupted_run
    assert result.exit_code == 1
    assert "check: BLOCKIERT" in result.output
    for suite, (_, expected) in CORRUPTIONS.items():
        for erwartung, spalte in expected:
            assert f"{suite} [" in result.output and f"{erwartung} Spalte {spalte}" in result.output
    for suite, observed in OBSERVED.items():
        line = next(z for z in result.output.splitlines() if f"{suite} [blockierend]" in z)
        assert observed in line, line
    assert "Datei wohngeld_2024.csv" in result.output


def test_warnings_are_listed_but_do_not_block(clean_warehouse, tmp_path):
    settings = copy_warehouse(clean_warehouse, tmp_path / "data")
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute(
            "UPDATE marts.fct_bevoelkerung SET einwohner = 2 * einwohner "
            "WHERE stichtag = DATE '2023-12-31' AND stadtteil_nr = '07'"
        )
    from sozialmonitor.quality import run_suite

    result = run_suite(settings, STICHTAG, "ergebnis_fct_bevoelkerung")
    assert result.passed and not result.blocking_failures
    assert {w.erwartung.split(":")[0] for w in result.warnings} == {
        "veraenderung_stadt",
        "veraenderung_stadtteile",
    }
    assert any("stadtteil_nr=07" in w.beobachtet for w in result.warnings)


def test_missing_table_fails_its_suite_with_a_reason(clean_warehouse, tmp_path):
    settings = copy_warehouse(clean_warehouse, tmp_path / "data")
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute("DROP TABLE indicators.ind_sozialindex")
    from sozialmonitor.quality import run_suite

    result = run_suite(settings, STICHTAG, "ergebnis_ind_sozialindex")
    assert not result.passed
    assert all("ind_sozialindex" in e.beobachtet for e in result.blocking_failures)


def test_check_without_warehouse_blocks(tmp_path):
    from sozialmonitor.settings import Settings

    stage = check(Settings.from_env(data_dir=tmp_path), STICHTAG)
    assert not stage.ok and stage.blocks_publication and "warehouse" in stage.messages[0].lower()


def test_latest_results_view_holds_the_latest_run_of_each_suite(clean_warehouse, tmp_path):
    from sozialmonitor.quality import run_suite

    settings = copy_warehouse(clean_warehouse, tmp_path / "data")
    run_suite(settings, STICHTAG, "ergebnis_ind_sozialindex", lauf_id="dagster-1")
    run_suite(settings, STICHTAG, "lieferung_seu", lauf_id="dagster-1")
    run_suite(
        settings, STICHTAG, "ergebnis_ind_sozialindex", lauf_id="dagster-0"
    )  # later, smaller id
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        latest = dict(
            con.execute(
                "SELECT suite, list(DISTINCT lauf_id)[1] FROM qualitaet.letzte_pruefergebnisse GROUP BY suite"
            ).fetchall()
        )
    assert latest == {"ergebnis_ind_sozialindex": "dagster-0", "lieferung_seu": "dagster-1"}
