"""The dbt indicators against an independent computation straight from the delivered files.

The hand-written DuckDB script of the benchmark (benchmarks/peers/duckdb_floor.sql) and the
pandas peer are independent of the dbt project (fourteen indicators, households included);
this test adds the change to the previous year and the social index, and asserts equality
for every district.
"""

from __future__ import annotations

import json
import sys

import duckdb
import numpy as np
import pandas as pd
import pytest
import yaml

from sozialmonitor.settings import PROJECT_DIR, Settings
from sozialmonitor.transform import build, dbt, dbt_dir
from tests.conftest import STICHTAGE, lager_kopie

sys.path.insert(0, str(PROJECT_DIR / "benchmarks" / "peers"))
import pandas_peer
import run_peer

pytestmark = pytest.mark.slow
JAHRE = tuple(d.year for d in STICHTAGE)
STICHTAG = STICHTAGE[-1]


def _dbt(settings: Settings, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql).df()


def _gesamt(settings: Settings) -> pd.DataFrame:
    return _dbt(
        settings,
        f"SELECT indikator_id, stadtteil_nr, zaehler, nenner, wert FROM indicators.ind_indikatoren "
        f"WHERE merkmal = 'gesamt' AND stichtag = DATE '{STICHTAG}'",
    )


def _assert_gleich(dbt: pd.DataFrame, unabhaengig: pd.DataFrame) -> None:
    key = ["indikator_id", "stadtteil_nr"]
    merged = unabhaengig.merge(dbt, on=key, how="left", suffixes=("", "_dbt"))
    assert len(merged) == len(unabhaengig)
    for col in ("zaehler", "nenner"):
        a, b = (
            merged[col].fillna(-1).to_numpy(float),
            merged[f"{col}_dbt"].fillna(-1).to_numpy(float),
        )
        bad = merged[~np.isclose(a, b)]
        assert bad.empty, bad.to_string()


def test_fourteen_indicators_equal_the_hand_written_script_for_every_district(gebautes_lager):
    folder = gebautes_lager.inbox / str(STICHTAG.year)
    floor = run_peer.floor(folder, STICHTAG.year)
    assert floor.indikator_id.nunique() == 14 and set(floor.stadtteil_nr) >= {"00", "01", "11"}
    _assert_gleich(_gesamt(gebautes_lager), floor)


def _mit_stadt(df: pd.DataFrame, name: str) -> pd.DataFrame:
    stadt = pd.DataFrame(
        {"stadtteil_nr": ["00"], "zaehler": [df.zaehler.sum()], "nenner": [df.nenner.sum()]}
    )
    return pd.concat([df, stadt], ignore_index=True).assign(indikator_id=name)


def test_pandas_peer_and_change_to_previous_year(gebautes_lager):
    folder = gebautes_lager.inbox / str(STICHTAG.year)
    vorjahr = pandas_peer.einwohner(
        gebautes_lager.inbox / str(STICHTAG.year - 1), STICHTAG.year - 1
    )
    jetzt = pandas_peer.einwohner(folder, STICHTAG.year).groupby("st").size()
    vorjahr = vorjahr.groupby("st").size()
    veraenderung = pd.DataFrame(
        {"zaehler": (jetzt - vorjahr).astype(float), "nenner": vorjahr.astype(float)}
    )
    veraenderung = veraenderung.rename_axis("stadtteil_nr").reset_index()
    expected = pd.concat(
        [
            pandas_peer.compute(folder, STICHTAG.year),
            _mit_stadt(veraenderung, "bev_veraenderung_vorjahr"),
        ],
        ignore_index=True,
    )
    assert expected.indikator_id.nunique() == 15
    _assert_gleich(_gesamt(gebautes_lager), expected)


def test_social_index_from_the_published_index_indicators(gebautes_lager):
    # the values as published: a suppressed value counts as missing (indicators.md)
    werte = _dbt(
        gebautes_lager,
        f"SELECT indikator_id, stadtteil_nr, CASE WHEN NOT gesperrt THEN wert END AS wert "
        f"FROM indicators.ind_indikatoren_geheimhaltung "
        f"WHERE merkmal = 'gesamt' AND stichtag = DATE '{STICHTAG}'",
    )
    katalog = _dbt(
        gebautes_lager, "SELECT indikator_id, richtung FROM marts.dim_indikator WHERE im_index"
    )
    bezirke = werte[werte.stadtteil_nr.isin([f"{i:02d}" for i in range(1, 12)])].merge(
        katalog, on="indikator_id"
    )
    wide = bezirke.pivot(index="stadtteil_nr", columns="indikator_id", values="wert")
    richtung = katalog.set_index("indikator_id").richtung
    m, s = wide.mean(), wide.std(ddof=0)
    z = ((wide - m) / s.replace(0, np.nan)).mul(richtung, axis=1)
    z.loc[:, s == 0] = 0.0  # z = 0 when s = 0
    z = z.where(wide.notna())
    index = z.mean(axis=1).where(z.notna().sum(axis=1) >= 6)
    klasse = pd.cut(
        index,
        [-np.inf, -0.5, 0.5, 1.0, np.inf],
        labels=["niedrig", "mittel", "hoch", "sehr hoch"],
        right=False,
    ).astype(object)
    klasse[(index > -0.5) & (index < 0.5)] = "mittel"
    klasse[index == -0.5] = "niedrig"
    dbt = _dbt(
        gebautes_lager,
        f"SELECT * FROM indicators.ind_sozialindex WHERE stichtag = DATE '{STICHTAG}'",
    ).set_index("stadtteil_nr")
    assert np.allclose(
        dbt.loc[index.index, "indexwert"].astype(float), index.astype(float), equal_nan=True
    )
    assert list(dbt.loc[index.index, "klasse"]) == list(klasse)
    for indikator in katalog.indikator_id:
        assert np.allclose(
            dbt.loc[z.index, f"z_{indikator}"].astype(float),
            z[indikator].astype(float),
            equal_nan=True,
        )


def _unit_tests_in_yaml() -> set[str]:
    names = set()
    for path in (PROJECT_DIR / "models").rglob("*.yml"):
        for test in yaml.safe_load(path.read_text()).get("unit_tests", []):
            names.add(test["name"])
    return names


def test_dbt_unit_tests_pass(gebautes_lager, tmp_path):
    """The yearly run leaves dbt's unit tests out (transform.dbt_args): they run here."""
    kopie = lager_kopie(gebautes_lager, tmp_path / "data")  # dbt opens its warehouse to write
    process = dbt(kopie, "test", "--select", "test_type:unit", stichtag=STICHTAG)
    results = json.loads((dbt_dir(kopie) / "target" / "run_results.json").read_text())["results"]
    ran = {
        r["unique_id"].rsplit(".", 1)[-1]: r["status"]
        for r in results
        if r["unique_id"].startswith("unit_test.")  # not the on-run-end hook
    }
    assert process.returncode == 0, process.stdout[-3000:]
    assert set(ran) == _unit_tests_in_yaml() and len(ran) >= 9
    assert set(ran.values()) == {"pass"}


def test_a_failing_dbt_test_blocks_the_build_and_is_named(gebautes_lager, tmp_path):
    kopie = lager_kopie(gebautes_lager, tmp_path / "data")
    with duckdb.connect(str(kopie.warehouse)) as con:
        con.execute(
            "INSERT INTO raw.ewo_einwohner SELECT * FROM raw.ewo_einwohner "
            f"WHERE stichtag = DATE '{STICHTAG}' LIMIT 1"
        )
    result = build(kopie, STICHTAG)
    assert not result.ok and result.blocks_publication
    assert any(
        m.startswith("dbt-Test source_eindeutig_ewo_einwohner_stichtag__pers_pseudonym: fail")
        for m in result.messages
    ), result.messages
    with duckdb.connect(str(kopie.warehouse), read_only=True) as con:
        (erfolg, veroeffentlichbar) = con.execute(
            "SELECT b.erfolg, s.veroeffentlichbar FROM betrieb.bauprotokoll b "
            "JOIN betrieb.stichtag_status s USING (stichtag) WHERE stichtag = ? "
            "ORDER BY b.gebaut_um DESC LIMIT 1",
            [STICHTAG],
        ).fetchone()
    assert (erfolg, veroeffentlichbar) == (False, False)  # a failed build is recorded and blocks


def test_movements_equal_the_registers_linked_by_person(gebautes_lager):
    """Births, Zuzüge, Abgänge and moves per district, linked by PERS_ID in the delivered files."""
    vorher, jetzt = (
        pandas_peer.einwohner(gebautes_lager.inbox / str(jahr), jahr).set_index("PERS_ID")
        for jahr in JAHRE
    )
    neu = jetzt.loc[jetzt.index.difference(vorher.index)]
    beide = jetzt.index.intersection(vorher.index)
    umzug = beide[vorher.loc[beide, "st"].to_numpy() != jetzt.loc[beide, "st"].to_numpy()]
    erwartet = pd.DataFrame(
        {
            "geburten": neu[neu.alter == 0].groupby("st").size(),
            "zuzuege": neu[neu.alter > 0].groupby("st").size(),
            "abgaenge": vorher.loc[vorher.index.difference(jetzt.index)].groupby("st").size(),
            "umzuege_zu": jetzt.loc[umzug].groupby("st").size(),
            "umzuege_weg": vorher.loc[umzug].groupby("st").size(),
        }
    )
    gezaehlt = _dbt(
        gebautes_lager,
        "SELECT stadtteil_nr AS st, sum(geburten) AS geburten, sum(zuzuege) AS zuzuege, "
        "sum(abgaenge) AS abgaenge, sum(umzuege_zu) AS umzuege_zu, sum(umzuege_weg) AS umzuege_weg "
        f"FROM marts.fct_bewegungen WHERE stichtag = DATE '{STICHTAG}' GROUP BY 1",
    ).set_index("st")
    erwartet = erwartet.reindex(gezaehlt.index).fillna(0).astype("int64")
    assert (erwartet.sum() > 0).all(), "every kind of movement occurs"
    pd.testing.assert_frame_equal(gezaehlt.astype("int64").sort_index(), erwartet.sort_index())


def test_a_broken_population_balance_fails_its_test(gebautes_lager, tmp_path):
    kopie = lager_kopie(gebautes_lager, tmp_path / "data")
    with duckdb.connect(str(kopie.warehouse)) as con:
        con.execute(
            "UPDATE marts.fct_bewegungen SET zuzuege = zuzuege + 1 WHERE rowid = (SELECT min(rowid) "
            f"FROM marts.fct_bewegungen WHERE stichtag = DATE '{STICHTAG}' AND stadtteil_nr = '03')"
        )
    process = dbt(kopie, "test", "--select", "bevoelkerungsbilanz", stichtag=STICHTAG)
    results = json.loads((dbt_dir(kopie) / "target" / "run_results.json").read_text())["results"]
    assert process.returncode != 0
    tests = [r for r in results if r["unique_id"].startswith("test.")]  # not the on-run-end hook
    assert [(r["status"], r["failures"]) for r in tests] == [("fail", 1)]


@pytest.mark.parametrize(
    ("test", "aenderung"),
    [
        # a breakdown the catalogue asks for that the HzE facts cannot give
        (
            "indikator_aufschluesselungen",
            "UPDATE seeds.indikatoren SET aufschluesselung = 'geschlecht' "
            "WHERE indikator_id = 'hze_quote'",
        ),
        # an index indicator without its z column in ind_sozialindex's contract
        (
            "sozialindex_spalten",
            "UPDATE seeds.indikatoren SET im_index = true WHERE indikator_id = 'sgb2_quote'",
        ),
    ],
)
def test_a_catalogue_the_definitions_do_not_follow_fails_its_test(
    gebautes_lager, tmp_path, test, aenderung
):
    kopie = lager_kopie(gebautes_lager, tmp_path / "data")
    assert dbt(kopie, "test", "--select", test, stichtag=STICHTAG).returncode == 0
    with duckdb.connect(str(kopie.warehouse)) as con:
        con.execute(aenderung)
    process = dbt(kopie, "test", "--select", test, stichtag=STICHTAG)
    results = json.loads((dbt_dir(kopie) / "target" / "run_results.json").read_text())["results"]
    assert process.returncode != 0
    tests = [r for r in results if r["unique_id"].startswith("test.")]  # not the on-run-end hook
    assert [(r["status"], r["failures"]) for r in tests] == [("fail", 1)]
