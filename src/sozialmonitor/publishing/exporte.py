"""Exports of one Stichtag from the published file: Parquet, CSV for German Excel, a workbook, a dictionary."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

FAKTEN = ("fct_indikatoren", "fct_bevoelkerung", "fct_sozialindex")
DIMENSIONEN = ("dim_stadtteil", "dim_indikator")


def exportiere(published_db: Path, ziel: Path, stichtag: date) -> list[Path]:
    """Write ``ziel/<YYYY>/`` complete or not at all (built beside, then renamed)."""
    jahr = ziel / str(stichtag.year)
    tmp = ziel / f".{stichtag.year}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with duckdb.connect(str(published_db), read_only=True) as con:
        frames = {
            t: con.execute(f"SELECT * FROM {t} WHERE stichtag = ?", [stichtag]).df() for t in FAKTEN
        }
        frames |= {t: con.execute(f"SELECT * FROM {t}").df() for t in DIMENSIONEN}
        for name, df in frames.items():
            con.register("export_df", df)
            con.execute(f"COPY export_df TO '{tmp / (name + '.parquet')}' (FORMAT parquet)")
            con.unregister("export_df")
    for name, df in frames.items():
        _csv_fuer_excel(df).to_csv(
            tmp / f"{name}.csv",
            sep=";",
            decimal=",",
            index=False,
            encoding="utf-8-sig",
            date_format="%d.%m.%Y",
        )
    _arbeitsmappe(frames, tmp / f"sozialmonitor_{stichtag.year}.xlsx")
    _datenlexikon(frames["dim_indikator"], tmp / "datenlexikon.csv")
    if jahr.exists():
        shutil.rmtree(jahr)
    tmp.rename(jahr)
    return sorted(jahr.iterdir())


def _csv_fuer_excel(df: pd.DataFrame) -> pd.DataFrame:
    """Booleans as ja/nein: German Excel reads neither True nor WAHR from a CSV reliably."""
    out = df.copy()
    for spalte in out.columns:
        if out[spalte].dtype == bool or str(out[spalte].dtype) == "boolean":
            out[spalte] = out[spalte].map({True: "ja", False: "nein"})
    return out


def _arbeitsmappe(frames: dict[str, pd.DataFrame], pfad: Path) -> None:
    """One sheet per topic (indicators without breakdown), plus index, population and breakdowns."""
    katalog = frames["dim_indikator"][["indikator_id", "thema", "name"]]
    werte = frames["fct_indikatoren"].merge(katalog, on="indikator_id")
    blaetter: dict[str, pd.DataFrame] = {"Sozialindex": frames["fct_sozialindex"]}
    for thema, gruppe in werte[werte.merkmal == "gesamt"].groupby("thema", sort=False):
        # without breakdown: merkmal and auspraegung say nothing, the indicator's name does
        blaetter[thema[:31]] = gruppe.drop(columns=["merkmal", "auspraegung", "thema"])
    blaetter["Aufschlüsselungen"] = werte[werte.merkmal != "gesamt"].drop(columns=["thema"])
    blaetter["Bevölkerung"] = frames["fct_bevoelkerung"]
    blaetter["Stadtteile"] = frames["dim_stadtteil"]
    blaetter["Indikatoren"] = frames["dim_indikator"]
    with pd.ExcelWriter(
        pfad, engine="xlsxwriter", date_format="dd.mm.yyyy", datetime_format="dd.mm.yyyy"
    ) as writer:
        mappe = writer.book
        zahl = mappe.add_format({"num_format": "#,##0.0"})
        ganz = mappe.add_format({"num_format": "#,##0"})
        kopf = mappe.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        for name, df in blaetter.items():
            df.to_excel(writer, sheet_name=name, index=False)
            blatt = writer.sheets[name]
            blatt.freeze_panes(1, 0)
            for i, spalte in enumerate(df.columns):
                blatt.write(0, i, spalte, kopf)
                fmt = (
                    ganz
                    if spalte in ("zaehler", "nenner", "einwohner")
                    else zahl
                    if df[spalte].dtype.kind == "f"
                    else None
                )
                blatt.set_column(i, i, max(12, len(str(spalte)) + 2), fmt)
            blatt.autofilter(0, 0, len(df), len(df.columns) - 1)


def _datenlexikon(katalog: pd.DataFrame, pfad: Path) -> None:
    """The catalogue as a data dictionary: what each indicator counts, over what, in which unit."""
    lexikon = katalog.rename(
        columns={
            "indikator_id": "Kennung",
            "thema": "Thema",
            "name": "Indikator",
            "zaehler": "Zähler",
            "nenner": "Nenner",
            "einheit": "Einheit",
            "quelle": "Quelle",
            "aufschluesselung": "Aufschlüsselungen",
            "richtung": "Richtung (1 = mehr Bedarf)",
            "im_index": "Im Sozialindex",
        }
    )
    lexikon.to_csv(pfad, sep=";", index=False, encoding="utf-8-sig")
