"""Exports of the published file: Parquet with the exact values, and for reading in German Excel CSV
files and workbooks (German headers, names beside codes, rounded values), per Stichtag and over all years.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from sozialmonitor.sql import literal

FAKTEN = ("fct_indikatoren", "fct_bevoelkerung", "fct_sozialindex")
DIMENSIONEN = ("dim_stadtteil", "dim_indikator")
#: The workbook over every published Stichtag, beside the year folders.
ALLE_JAHRE = "sozialmonitor_alle_jahre.xlsx"

#: German headers of the readable exports (Parquet keeps the database's column names).
KOEPFE = {
    "stichtag": "Stichtag",
    "stadtteil_nr": "Stadtteil-Nr.",
    "stadtteil": "Stadtteil",
    "name": "Name",
    "indikator_id": "Indikator-Kennung",
    "indikator": "Indikator",
    "thema": "Thema",
    "merkmal": "Merkmal",
    "auspraegung": "Ausprägung",
    "zaehler": "Zähler",
    "nenner": "Nenner",
    "wert": "Wert",
    "einheit": "Einheit",
    "quelle": "Quelle",
    "aufschluesselung": "Aufschlüsselungen",
    "richtung": "Richtung",
    "im_index": "Im Sozialindex",
    "gesperrt": "Gesperrt",
    "hinweis": "Hinweis",
    "altersgruppe": "Altersgruppe",
    "geschlecht": "Geschlecht",
    "herkunft": "Herkunft",
    "einwohner": "Einwohner",
    "indexwert": "Indexwert",
    "klasse": "Klasse",
    "veraenderung_vorjahr": "Veränderung zum Vorjahr",
    "handlungsbedarf": "Handlungsbedarf",
    "anzahl_indikatoren": "Anzahl Indikatoren",
}
#: Decimal places shown; the exact values stay in the database and the Parquet files.
NACHKOMMASTELLEN = {"wert": 1, "indexwert": 2, "veraenderung_vorjahr": 2}
Z_NACHKOMMASTELLEN = 2
ZAHLEN = ("zaehler", "nenner", "einwohner", "anzahl_indikatoren")
#: Codes shown by their German label (table bezeichnungen) in the readable exports.
BEZEICHNETE_CODES = ("geschlecht", "herkunft", "altersgruppe", "einheit", "hinweis", "richtung")
#: A cell starting with one of these is a formula to Excel (CSV injection).
FORMELZEICHEN = ("=", "+", "-", "@", "\t", "\r")


def exportiere(published_db: Path, ziel: Path, stichtag: date) -> list[Path]:
    """Write ``ziel/<YYYY>/`` complete or not at all (built beside, then renamed)."""
    jahr = ziel / str(stichtag.year)
    tmp = ziel / f".{stichtag.year}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with duckdb.connect(str(published_db), read_only=True) as con:
        frames = _lade(con, stichtag)
        bezeichnungen = _bezeichnungen(con)
        for name, df in frames.items():
            con.register("export_df", df)
            con.execute(f"COPY export_df TO {literal(tmp / (name + '.parquet'))} (FORMAT parquet)")
            con.unregister("export_df")
    for name in (*FAKTEN, *DIMENSIONEN):
        _csv(lesbar(frames[name], frames, bezeichnungen), tmp / f"{name}.csv")
    _arbeitsmappe(frames, bezeichnungen, tmp / f"sozialmonitor_{stichtag.year}.xlsx")
    _datenlexikon(frames["dim_indikator"], tmp / "datenlexikon.csv")
    if jahr.exists():
        shutil.rmtree(jahr)
    tmp.rename(jahr)
    return sorted(jahr.iterdir())


def exportiere_alle_jahre(published_db: Path, ziel: Path) -> Path:
    """The workbook over every published Stichtag, ``ziel/sozialmonitor_alle_jahre.xlsx``."""
    with duckdb.connect(str(published_db), read_only=True) as con:
        alle = _lade(con, None)
        bezeichnungen = _bezeichnungen(con)
    mappe = ziel / f".{ALLE_JAHRE}-{os.getpid()}"
    _arbeitsmappe(alle, bezeichnungen, mappe)
    os.replace(mappe, ziel / ALLE_JAHRE)
    return ziel / ALLE_JAHRE


def _lade(con: duckdb.DuckDBPyConnection, stichtag: date | None) -> dict[str, pd.DataFrame]:
    """The published tables, the facts of one Stichtag (or of all when None)."""
    bedingung = "" if stichtag is None else " WHERE stichtag = ?"
    parameter = [] if stichtag is None else [stichtag]
    frames = {t: con.execute(f"SELECT * FROM {t}{bedingung}", parameter).df() for t in FAKTEN}
    return frames | {t: con.execute(f"SELECT * FROM {t}").df() for t in DIMENSIONEN}


def _bezeichnungen(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str]:
    return {
        (s, c): b
        for s, c, b in con.execute("SELECT spalte, code, bezeichnung FROM bezeichnungen").fetchall()
    }


def lesbar(
    df: pd.DataFrame, frames: dict[str, pd.DataFrame], bezeichnungen: dict[tuple[str, str], str]
) -> pd.DataFrame:
    """A table for reading: labels for codes, names beside district and indicator codes, values
    rounded, counts as whole numbers, yes/no for booleans, German headers."""
    out = _mit_namen(_bezeichnet(df.copy(), bezeichnungen), frames)
    katalog = frames["dim_indikator"].set_index("indikator_id")["name"]
    return _gerundet(out).rename(columns=lambda s: _kopf(s, katalog))


def _bezeichnet(out: pd.DataFrame, bezeichnungen: dict[tuple[str, str], str]) -> pd.DataFrame:
    """Codes replaced by their labels: the breakdowns and the columns of BEZEICHNETE_CODES."""
    if "merkmal" in out.columns:
        out["auspraegung"] = [
            bezeichnungen.get((m, a), a)
            for m, a in zip(out["merkmal"], out["auspraegung"], strict=True)
        ]
        out["merkmal"] = [bezeichnungen.get(("merkmal", m), m) for m in out["merkmal"]]
    for spalte in BEZEICHNETE_CODES:
        if spalte in out.columns:
            out[spalte] = [
                v if pd.isna(v) else bezeichnungen.get((spalte, str(v)), v) for v in out[spalte]
            ]
    return out


def _mit_namen(out: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The district's and the indicator's name beside their codes (not in the dimensions)."""
    namen = {
        "stadtteil_nr": ("stadtteil", frames["dim_stadtteil"].set_index("stadtteil_nr")["name"]),
        "indikator_id": ("indikator", frames["dim_indikator"].set_index("indikator_id")["name"]),
    }
    for code, (spalte, name) in namen.items():
        if code in out.columns and "name" not in out.columns:
            out.insert(out.columns.get_loc(code) + 1, spalte, out[code].map(name))
    return out


def _gerundet(out: pd.DataFrame) -> pd.DataFrame:
    """Values rounded, counts whole, booleans ja/nein."""
    for spalte in out.columns:
        if spalte in NACHKOMMASTELLEN:
            out[spalte] = out[spalte].round(NACHKOMMASTELLEN[spalte])
        elif spalte.startswith("z_"):
            out[spalte] = out[spalte].round(Z_NACHKOMMASTELLEN)
        elif spalte in ZAHLEN and out[spalte].dtype.kind in "iuf":
            out[spalte] = out[spalte].round().astype("Int64")
        elif out[spalte].dtype == bool or str(out[spalte].dtype) == "boolean":
            # German Excel reads neither True nor WAHR from a CSV reliably
            out[spalte] = out[spalte].map({True: "ja", False: "nein"})
    return out


def _kopf(spalte: str, katalog: pd.Series) -> str:
    if spalte.startswith("z_") and spalte not in KOEPFE:
        return f"z-Wert {katalog.get(spalte[2:], spalte[2:])}"
    return KOEPFE.get(spalte, spalte)


def _ohne_formel(wert):
    """Text that Excel would run as a formula gets a leading apostrophe (shown as text)."""
    return "'" + wert if isinstance(wert, str) and wert.startswith(FORMELZEICHEN) else wert


def _csv(df: pd.DataFrame, pfad: Path) -> None:
    """CSV for German Excel: ``;``, decimal comma, UTF-8 with BOM, no formulas, district codes as text."""
    out = df.copy()
    for spalte in out.columns:
        if pd.api.types.is_object_dtype(out[spalte]) or pd.api.types.is_string_dtype(out[spalte]):
            out[spalte] = out[spalte].map(_ohne_formel)
    if KOEPFE["stadtteil_nr"] in out.columns:
        # Excel reads 01 as the number 1; ="01" keeps the code (our own code, never delivered text)
        out[KOEPFE["stadtteil_nr"]] = '="' + out[KOEPFE["stadtteil_nr"]] + '"'
    out.to_csv(
        pfad, sep=";", decimal=",", index=False, encoding="utf-8-sig", date_format="%d.%m.%Y"
    )


def _arbeitsmappe(
    frames: dict[str, pd.DataFrame], bezeichnungen: dict[tuple[str, str], str], pfad: Path
) -> None:
    """One sheet per topic (indicators without breakdown), plus index, population and breakdowns."""
    werte = frames["fct_indikatoren"].merge(
        frames["dim_indikator"][["indikator_id", "thema"]], on="indikator_id"
    )
    blaetter: dict[str, pd.DataFrame] = {"Sozialindex": frames["fct_sozialindex"]}
    for thema, gruppe in werte[werte.merkmal == "gesamt"].groupby("thema", sort=False):
        # without breakdown: merkmal and auspraegung say nothing, the indicator's name does
        blaetter[thema[:31]] = gruppe.drop(columns=["merkmal", "auspraegung", "thema"])
    blaetter["Aufschlüsselungen"] = werte[werte.merkmal != "gesamt"].drop(columns=["thema"])
    blaetter["Bevölkerung"] = frames["fct_bevoelkerung"]
    blaetter["Stadtteile"] = frames["dim_stadtteil"]
    blaetter["Indikatoren"] = frames["dim_indikator"]
    zahlen = {KOEPFE[s] for s in ZAHLEN}
    with pd.ExcelWriter(
        pfad,
        engine="xlsxwriter",
        date_format="dd.mm.yyyy",
        datetime_format="dd.mm.yyyy",
        # text stays text: no formulas, numbers or links made from names or codes such as 01
        engine_kwargs={
            "options": {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            }
        },
    ) as writer:
        mappe = writer.book
        zahl = mappe.add_format({"num_format": "#,##0.0#"})
        ganz = mappe.add_format({"num_format": "#,##0"})
        kopf = mappe.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        for name, roh in blaetter.items():
            df = lesbar(roh, frames, bezeichnungen)
            df.to_excel(writer, sheet_name=name, index=False)
            blatt = writer.sheets[name]
            blatt.freeze_panes(1, 0)
            for i, spalte in enumerate(df.columns):
                blatt.write(0, i, spalte, kopf)
                fmt = ganz if spalte in zahlen else zahl if df[spalte].dtype.kind == "f" else None
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
    _csv(lexikon, pfad)
