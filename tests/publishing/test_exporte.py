"""Exports for reading in German Excel: headers, names, rounding, whole counts, codes as text, no formulas."""

from __future__ import annotations

import csv
import shutil

import duckdb
import openpyxl
import pandas as pd
import pytest

from sozialmonitor.publishing.exporte import ALLE_JAHRE, exportiere, exportiere_alle_jahre
from tests.conftest import STICHTAGE

pytestmark = pytest.mark.slow
STICHTAG = STICHTAGE[-1]


def _csv(pfad) -> list[dict[str, str]]:
    return list(csv.DictReader(pfad.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))


def test_readable_exports_have_german_headers_names_rounded_values_and_whole_counts(
    veroeffentlicht,
):
    ordner = veroeffentlicht.exports_dir / "2024"
    zeilen = _csv(ordner / "fct_indikatoren.csv")
    assert list(zeilen[0])[:5] == [
        "Stichtag",
        "Stadtteil-Nr.",
        "Stadtteil",
        "Indikator-Kennung",
        "Indikator",
    ]
    exakt = pd.read_parquet(ordner / "fct_indikatoren.parquet")
    with duckdb.connect(str(veroeffentlicht.published_db), read_only=True) as con:
        namen = dict(con.execute("SELECT indikator_id, name FROM dim_indikator").fetchall())
        stadtteile = dict(con.execute("SELECT stadtteil_nr, name FROM dim_stadtteil").fetchall())
        db = con.execute("SELECT wert FROM fct_indikatoren WHERE stichtag = ?", [STICHTAG]).df()
    # Parquet keeps the exact values of the database, the CSV shows them rounded to one decimal
    assert sorted(exakt["wert"].dropna()) == sorted(db["wert"].dropna())
    assert (exakt["wert"].dropna().round(1) != exakt["wert"].dropna()).any()
    for zeile, (_, roh) in zip(zeilen, exakt.iterrows(), strict=True):
        assert zeile["Indikator"] == namen[roh["indikator_id"]]
        assert zeile["Stadtteil-Nr."] == f'="{roh["stadtteil_nr"]}"'
        assert zeile["Stadtteil"] == stadtteile[roh["stadtteil_nr"]]
        if pd.isna(roh["wert"]):
            assert zeile["Wert"] == ""
        else:
            assert float(zeile["Wert"].replace(",", ".")) == round(roh["wert"], 1)
        for spalte in ("Zähler", "Nenner"):
            assert "," not in zeile[spalte]
    geschlecht = {z["Ausprägung"] for z in zeilen if z["Merkmal"] == "Geschlecht"}
    assert geschlecht == {"männlich", "weiblich"}
    assert {z["Geschlecht"] for z in _csv(ordner / "fct_bevoelkerung.csv")} == {
        "männlich",
        "weiblich",
    }


def test_workbooks_per_year_and_over_all_years_keep_codes_as_text(veroeffentlicht):
    jahr = openpyxl.load_workbook(veroeffentlicht.exports_dir / "2024" / "sozialmonitor_2024.xlsx")
    alle = openpyxl.load_workbook(veroeffentlicht.exports_dir / ALLE_JAHRE)
    for mappe, stichtage in (
        (jahr, {"31.12.2024"}),
        (alle, {f"31.12.{s.year}" for s in STICHTAGE}),
    ):
        blatt = mappe["Sozialindex"]
        kopf = [c.value for c in blatt[1]]
        assert kopf[:4] == ["Stichtag", "Stadtteil-Nr.", "Stadtteil", "Indexwert"]
        zeilen = list(blatt.iter_rows(min_row=2))
        assert {z[0].value.strftime("%d.%m.%Y") for z in zeilen} == stichtage
        assert {(z[1].data_type, z[1].value) for z in zeilen if z[2].value == "Altstadt"} == {
            ("s", "01")
        }
        # counts are whole numbers in the workbook too
        bev = mappe["Bevölkerung"]
        spalte = [c.value for c in bev[1]].index("Einwohner")
        assert all(
            isinstance(z[spalte].value, int)
            for z in bev.iter_rows(min_row=2)
            if z[spalte].value is not None
        )


def test_names_that_look_like_formulas_stay_text(veroeffentlicht, tmp_path):
    """A district or indicator name starting with =, +, - or @ must never run in Excel."""
    boese = {"01": '=HYPERLINK("http://x";"klick")', "02": "+1+1", "03": "-2+3", "04": "@SUMME(A1)"}
    datei = tmp_path / "db" / "sozialmonitor.duckdb"  # the shared release stays as published
    datei.parent.mkdir()
    shutil.copy2(veroeffentlicht.published_db, datei)
    with duckdb.connect(str(datei)) as con:
        for nr, name in boese.items():
            con.execute("UPDATE dim_stadtteil SET name = ? WHERE stadtteil_nr = ?", [name, nr])
        con.execute("UPDATE dim_indikator SET name = '=1+1' WHERE indikator_id = 'hze_quote'")
    exportiere(datei, tmp_path, STICHTAG)
    exportiere_alle_jahre(datei, tmp_path)
    zeilen = _csv(tmp_path / "2024" / "fct_indikatoren.csv")
    gezeigt = {z["Stadtteil"] for z in zeilen} | {z["Indikator"] for z in zeilen}
    assert {"'" + n for n in boese.values()} | {"'=1+1"} <= gezeigt
    assert not [w for w in gezeigt if w[:1] in "=+-@"]
    for pfad in (tmp_path / "2024" / "sozialmonitor_2024.xlsx", tmp_path / ALLE_JAHRE):
        mappe = openpyxl.load_workbook(pfad)
        zellen = [c for blatt in mappe for zeile in blatt.iter_rows() for c in zeile]
        assert not [c.coordinate for c in zellen if c.data_type == "f"]
        texte = {c.value for c in zellen if c.data_type == "s"}
        assert set(boese.values()) | {"=1+1"} <= texte
