"""The Jobcenter's SGB II workbook: header found by its content, districts through aliases.

Title, source and footnote rows vary between deliveries; the header row is the one that
names the district column and the benefit columns. Cell texts stay as delivered
(``*`` = 1 or 2, ``-`` = 0); dbt decides what they mean.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from sozialmonitor.gemeinde import GESAMT, load_gemeinde, normalize_name
from sozialmonitor.landing.ablehnung import Ablehnung
from sozialmonitor.landing.quellen import SGB2_SPALTEN

#: Key of the district-name column among the header columns (raw: stadtteil_bezeichnung).
STADTTEIL = "stadtteil"
BERICHTSMONAT = re.compile(r"berichtsmonat:?\s*(\w+)\s+(\d{4})", re.IGNORECASE)
ZELLE = re.compile(r"[0-9]+|\*|-")


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def lies_sgb2(pfad: Path, stichtag: date) -> list[tuple]:
    """Rows (zeile, stadtteil_bezeichnung, stadtteil_nr, the nine cell texts), districts then total."""
    datei = pfad.name
    try:
        workbook = load_workbook(pfad, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError) as error:
        raise Ablehnung(
            datei, "excel_fehlerhaft", f"keine lesbare .xlsx-Arbeitsmappe ({error})"
        ) from error
    try:
        sheet = workbook.worksheets[0]
        rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    gemeinde = load_gemeinde()
    wanted = {normalize_name(header): name for name, header in SGB2_SPALTEN}
    wanted[normalize_name("Stadtteil")] = STADTTEIL
    header_at, columns, monat = None, {}, None
    for index, row in enumerate(rows):
        for cell in row:
            if cell and (match := BERICHTSMONAT.search(cell)):
                monat = match
        found = {
            wanted[normalize_name(c)]: i
            for i, c in enumerate(row)
            if c and normalize_name(c) in wanted
        }
        if STADTTEIL in found and len(found) == len(wanted):
            header_at, columns = index, found
            break
    if header_at is None:
        raise Ablehnung(
            datei,
            "kopfzeile_fehlt",
            "keine Kopfzeile mit 'Stadtteil' und allen neun SGB-II-Spalten gefunden",
        )
    if monat is None:
        raise Ablehnung(
            datei, "jahr_falsch", "keine Angabe 'Berichtsmonat: Dezember JJJJ' in den Titelzeilen"
        )
    if int(monat.group(2)) != stichtag.year or normalize_name(monat.group(1)) != "dezember":
        raise Ablehnung(
            datei,
            "jahr_falsch",
            f"Berichtsmonat '{monat.group(1)} {monat.group(2)}' passt nicht zum Stichtag {stichtag:%d.%m.%Y}",
        )

    def cell(row: list, col: str) -> str | None:
        return row[columns[col]] if columns[col] < len(row) else None

    result, seen = [], {}
    for index in range(header_at + 1, len(rows)):
        row, zeile = rows[index], index + 1
        name = cell(row, STADTTEIL)
        cells = [cell(row, col) for col, _ in SGB2_SPALTEN]
        if name is None or all(c is None for c in cells):
            continue  # blank rows and sub-headings between the header and the total row
        nr = gemeinde.resolve(name)
        if nr is None:
            raise Ablehnung(
                datei,
                "stadtteil_unbekannt",
                f"'{name}' ist kein Stadtteil und kein Alias aus stadtteile.csv",
                zeile,
            )
        if nr in seen:
            raise Ablehnung(
                datei, "stadtteil_doppelt", f"'{name}' steht schon in Zeile {seen[nr]}", zeile
            )
        seen[nr] = zeile
        for (_, header), text in zip(SGB2_SPALTEN, cells, strict=True):
            if text is None or not ZELLE.fullmatch(text):
                raise Ablehnung(
                    datei,
                    "wert_unzulaessig",
                    f"Spalte '{header}': '{text or ''}' ist keine Zahl, '*' oder '-'",
                    zeile,
                )
        result.append((zeile, name, nr, *cells))
        if nr == GESAMT:
            break  # footnotes follow the total row
    missing = sorted({t.nr for t in gemeinde.stadtteile} - set(seen))
    if missing or GESAMT not in seen:
        fehlt = [*missing, *([] if GESAMT in seen else [f"Zeile '{gemeinde.name_gesamt}'"])]
        raise Ablehnung(datei, "stadtteil_fehlt", "es fehlen: " + ", ".join(fehlt))
    return result
