"""The Jobcenter's SGB II workbook: header found by its content, districts through aliases.

Title, source and footnote rows vary between deliveries; the header row is the one that
names the district column and the benefit columns. Cell texts stay as delivered
(``*`` = 1 or 2, ``-`` = 0); dbt decides what they mean.

The workbook is untrusted: only cells that exist are kept (the sheet's declared dimension
is ignored, it may claim a million rows; empty rows are skipped, not stored), within a
hard limit of filled rows and of columns, and any parser failure on its XML is a rule
message, not a crash.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from zipfile import BadZipFile, ZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from sozialmonitor.gemeinde import GESAMT, Gemeinde, load_gemeinde, normalize_name
from sozialmonitor.landing.ablehnung import Ablehnung
from sozialmonitor.landing.quellen import SGB2_SPALTEN, SGB2_ZELLE

#: Key of the district-name column among the header columns (raw: stadtteil_bezeichnung).
STADTTEIL = "stadtteil"
BERICHTSMONAT = re.compile(r"berichtsmonat:?\s*(\w+)\s+(\d{4})", re.IGNORECASE)
ZELLE = re.compile(SGB2_ZELLE)
#: Hard limits of what is read: the workbook has about 30 filled rows and 10 columns;
#: columns further right are not read.
MAX_ZEILEN = 2000
MAX_SPALTEN = 100
#: Unpacked size of the whole workbook; a few KB in practice, so a zip bomb stops here.
MAX_ENTPACKT_BYTES = 20 << 20


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _zellen(pfad: Path) -> list[tuple[int, list[str | None]]]:
    """(row number, cell texts) of the first sheet's filled rows, within the limits."""
    datei = pfad.name
    try:
        with ZipFile(pfad) as archive:
            entpackt = sum(member.file_size for member in archive.infolist())
        workbook = load_workbook(pfad, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError) as error:
        raise Ablehnung(
            datei, "excel_fehlerhaft", f"keine lesbare .xlsx-Arbeitsmappe ({error})"
        ) from error
    if entpackt > MAX_ENTPACKT_BYTES:
        workbook.close()
        raise Ablehnung(
            datei,
            "excel_zu_gross",
            f"entpackt {entpackt // (1 << 20)} MB, mehr als {MAX_ENTPACKT_BYTES >> 20} MB",
        )
    rows: list[tuple[int, list[str | None]]] = []
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the declared A1:XFD1048576 would pad every missing cell
        for zeile, row in enumerate(sheet.iter_rows(max_col=MAX_SPALTEN, values_only=True), 1):
            if row.count(None) == len(row):
                continue  # the reader fills gaps between rows with empty rows: not kept
            cells = [_text(v) for v in row]
            if len(rows) == MAX_ZEILEN:
                raise Ablehnung(
                    datei,
                    "excel_zu_gross",
                    f"mehr als {MAX_ZEILEN} gefüllte Zeilen im ersten Blatt",
                    zeile,
                )
            rows.append((zeile, cells))
    except Ablehnung:
        raise
    except Exception as error:  # openpyxl and its XML parser raise many kinds on a broken sheet
        raise Ablehnung(
            datei,
            "excel_fehlerhaft",
            f"das erste Blatt ist nicht lesbar ({type(error).__name__}: {str(error)[:200]})",
        ) from error
    finally:
        workbook.close()
    return rows


def lies_sgb2(pfad: Path, stichtag: date) -> list[tuple]:
    """Rows (zeile, stadtteil_bezeichnung, stadtteil_nr, the nine cell texts), districts then total."""
    rows = _zellen(pfad)
    datei = pfad.name
    header_at, columns, monat = _kopfzeile(rows, datei)
    _pruefe_berichtsmonat(monat, stichtag, datei)
    gemeinde = load_gemeinde()
    result, seen = [], {}
    for zeile, row in rows[header_at + 1 :]:
        name = _zelle(row, columns, STADTTEIL)
        cells = [_zelle(row, columns, col) for col, _ in SGB2_SPALTEN]
        if name is None or all(c is None for c in cells):
            continue  # blank rows and sub-headings between the header and the total row
        nr = _stadtteil(gemeinde, name, seen, datei, zeile)
        _pruefe_zellen(cells, datei, zeile)
        result.append((zeile, name, nr, *cells))
        if nr == GESAMT:
            break  # footnotes follow the total row
    _pruefe_vollzaehlig(gemeinde, seen, datei)
    return result


def _kopfzeile(
    rows: list[tuple[int, list[str | None]]], datei: str
) -> tuple[int, dict[str, int], re.Match]:
    """(index of the header row, column index per raw column, the Berichtsmonat above it)."""
    wanted = {normalize_name(header): name for name, header in SGB2_SPALTEN}
    wanted[normalize_name("Stadtteil")] = STADTTEIL
    monat = None
    for index, (_, row) in enumerate(rows):
        for cell in row:
            if cell and (match := BERICHTSMONAT.search(cell)):
                monat = match
        found = {
            wanted[normalize_name(c)]: i
            for i, c in enumerate(row)
            if c and normalize_name(c) in wanted
        }
        if STADTTEIL in found and len(found) == len(wanted):
            if monat is None:
                raise Ablehnung(
                    datei,
                    "jahr_falsch",
                    "keine Angabe 'Berichtsmonat: Dezember JJJJ' in den Titelzeilen",
                )
            return index, found, monat
    raise Ablehnung(
        datei,
        "kopfzeile_fehlt",
        "keine Kopfzeile mit 'Stadtteil' und allen neun SGB-II-Spalten gefunden",
    )


def _pruefe_berichtsmonat(monat: re.Match, stichtag: date, datei: str) -> None:
    if int(monat.group(2)) != stichtag.year or normalize_name(monat.group(1)) != "dezember":
        raise Ablehnung(
            datei,
            "jahr_falsch",
            f"Berichtsmonat '{monat.group(1)} {monat.group(2)}' passt nicht zum Stichtag {stichtag:%d.%m.%Y}",
        )


def _zelle(row: list, columns: dict[str, int], col: str) -> str | None:
    return row[columns[col]] if columns[col] < len(row) else None


def _stadtteil(gemeinde: Gemeinde, name: str, seen: dict[str, int], datei: str, zeile: int) -> str:
    """The district number of a row's name or alias, noted in ``seen``; each only once."""
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
    return nr


def _pruefe_zellen(cells: list[str | None], datei: str, zeile: int) -> None:
    for (_, header), text in zip(SGB2_SPALTEN, cells, strict=True):
        if text is None or not ZELLE.fullmatch(text):
            raise Ablehnung(
                datei,
                "wert_unzulaessig",
                f"Spalte '{header}': '{text or ''}' ist keine Zahl, '*' oder '-'",
                zeile,
            )


def _pruefe_vollzaehlig(gemeinde: Gemeinde, seen: dict[str, int], datei: str) -> None:
    """Every district and the total row were there."""
    missing = sorted({t.nr for t in gemeinde.stadtteile} - set(seen))
    if missing or GESAMT not in seen:
        fehlt = [*missing, *([] if GESAMT in seen else [f"Zeile '{gemeinde.name_gesamt}'"])]
        raise Ablehnung(datei, "stadtteil_fehlt", "es fehlen: " + ", ".join(fehlt))
