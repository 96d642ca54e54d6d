"""The dbt indicators against an independent computation straight from the delivered files.

The hand-written DuckDB script of the benchmark (benchmarks/peers/duckdb_floor.sql) and the
pandas peer are independent of the dbt project; this test adds households, the change to the
previous year and the social index, and asserts equality for every district.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest
import yaml

from sozialmonitor.generator import generate
from sozialmonitor.landing import land
from sozialmonitor.settings import PROJECT_DIR, Settings
from sozialmonitor.transform import build, dbt, dbt_dir

sys.path.insert(0, str(PROJECT_DIR / "benchmarks" / "peers"))
import pandas_peer

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("transform")]
JAHRE = (2023, 2024)
STICHTAG = date(2024, 12, 31)


@pytest.fixture(scope="module")
def lager(tmp_path_factory) -> Settings:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOZIALMONITOR_PSEUDONYM_KEY", "transform-test-key-" + "t" * 32)
    root = tmp_path_factory.mktemp("transform")
    settings = Settings.from_env(data_dir=root / "data", inbox=root / "inbox")
    generate(settings.inbox, list(JAHRE), scale=0.1, seed=23)
    for jahr in JAHRE:
        assert land(settings, date(jahr, 12, 31)).ok
        result = build(settings, date(jahr, 12, 31))
        assert result.ok, result.messages
    yield settings
    mp.undo()


def _dbt(settings: Settings, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql).df()


def _gesamt(settings: Settings) -> pd.DataFrame:
    return _dbt(
        settings,
        f"SELECT indikator_id, stadtteil_nr, zaehler, nenner, wert FROM indicators.fct_indikatoren "
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


def test_nine_indicators_equal_the_hand_written_script_for_every_district(lager):
    folder = lager.inbox / str(STICHTAG.year)
    sql = (PROJECT_DIR / "benchmarks/peers/duckdb_floor.sql").read_text()
    with duckdb.connect() as con:
        con.execute(sql.replace("{dir}", str(folder)).replace("{jahr}", str(STICHTAG.year)))
        floor = con.execute("SELECT * FROM ergebnis").df()
    assert floor.indikator_id.nunique() == 9 and set(floor.stadtteil_nr) >= {"00", "01", "11"}
    _assert_gleich(_gesamt(lager), floor)


def _einwohner(settings: Settings, jahr: int) -> pd.DataFrame:
    folder = settings.inbox / str(jahr)
    kat = pandas_peer._read(folder / f"kataster_adressen_{jahr}1231.csv")
    adr = pd.DataFrame(
        {
            "STR_SCHL": kat.STR_SCHL,
            "h": kat.HNR.astype(int),
            "z": kat.HNR_ZUS.fillna(""),
            "st": kat.STADTTEIL_NR,
        }
    )
    ew = pandas_peer._read(folder / f"ewo_einwohner_{jahr}1231.csv", "latin-1")
    ew["st"] = pandas_peer._stadtteil(ew, adr)
    ew["alter"] = jahr - ew.GEB_DATUM.str[-4:].astype(int)
    return ew


def _mit_stadt(df: pd.DataFrame, name: str) -> pd.DataFrame:
    stadt = pd.DataFrame(
        {"stadtteil_nr": ["00"], "zaehler": [df.zaehler.sum()], "nenner": [df.nenner.sum()]}
    )
    return pd.concat([df, stadt], ignore_index=True).assign(indikator_id=name)


def test_single_parents_and_change_to_previous_year(lager):
    ew = _einwohner(lager, STICHTAG.year)
    hh = ew.groupby("HH_ID").agg(
        minderjaehrige=("alter", lambda a: (a < 18).sum()),
        erwachsene=("alter", lambda a: (a >= 18).sum()),
    )
    # a household's district: where most members live, ties to the lower code
    counts = ew.groupby(["HH_ID", "st"]).size().rename("n").reset_index()
    counts = counts.sort_values(
        ["HH_ID", "n", "st"], ascending=[True, False, True]
    ).drop_duplicates("HH_ID")
    hh = hh.join(counts.set_index("HH_ID").st)
    mit_kindern = hh[hh.minderjaehrige > 0]
    allein = mit_kindern.assign(zaehler=(mit_kindern.erwachsene == 1).astype(float), nenner=1.0)
    allein = (
        allein.groupby("st")[["zaehler", "nenner"]].sum().rename_axis("stadtteil_nr").reset_index()
    )
    vorjahr = _einwohner(lager, STICHTAG.year - 1).groupby("st").size()
    jetzt = ew.groupby("st").size()
    veraenderung = pd.DataFrame(
        {"zaehler": (jetzt - vorjahr).astype(float), "nenner": vorjahr.astype(float)}
    )
    veraenderung = veraenderung.rename_axis("stadtteil_nr").reset_index()
    expected = pd.concat(
        [
            _mit_stadt(allein, "hh_anteil_alleinerziehend"),
            _mit_stadt(veraenderung, "bev_veraenderung_vorjahr"),
        ],
        ignore_index=True,
    )
    _assert_gleich(_gesamt(lager), expected)


def test_social_index_from_the_index_indicators(lager):
    werte = _gesamt(lager)
    katalog = _dbt(
        lager, "SELECT indikator_id, richtung FROM marts.dim_indikator WHERE im_index = 'ja'"
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
        lager, f"SELECT * FROM indicators.fct_sozialindex WHERE stichtag = DATE '{STICHTAG}'"
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


def test_dbt_unit_tests_pass(lager):
    """The yearly run leaves dbt's unit tests out (transform.dbt_args): they run here."""
    process = dbt(
        lager, "test", "--select", "test_type:unit", "--vars", f"{{stichtag: '{STICHTAG}'}}"
    )
    results = json.loads((dbt_dir(lager) / "target" / "run_results.json").read_text())["results"]
    ran = {r["unique_id"].rsplit(".", 1)[-1]: r["status"] for r in results}
    assert process.returncode == 0, process.stdout[-3000:]
    assert set(ran) == _unit_tests_in_yaml() and len(ran) >= 9
    assert set(ran.values()) == {"pass"}
