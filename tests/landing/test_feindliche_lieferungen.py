"""Hostile and broken deliveries, each written by the test: nothing from a file reaches SQL,
nothing outside the inbox is read, nothing is lost, no clear id is kept, no traceback.

Most cases use a hand-written youth-welfare file (``hze_faelle``), which lands on its own;
the cases that need the other sources or the workbook copy one small generated delivery.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import importlib
import os
import re
import resource
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sozialmonitor.generator import generate
from sozialmonitor.landing import datei as datei_modul
from sozialmonitor.landing import land, land_source
from tests.landing.conftest import KEY, STICHTAG, query, status

#: the module, not the function ``land`` that the package exports under the same name
land_modul = importlib.import_module("sozialmonitor.landing.land")
HZE = "hze_faelle"
DATEI = "hze_faelle_2024.csv"
KOPF = [
    "FALL_ID",
    "GEB_DATUM",
    "GESCHLECHT",
    "STR_SCHL",
    "HNR",
    "HNR_ZUS",
    "HILFEART",
    "BEGINN",
    "ENDE",
]


def faelle(n: int) -> list[list[str]]:
    """``n`` valid cases; ids F1000000, F1000001, …"""
    return [
        [f"F{1_000_000 + i}", "16.07.2018", "mw"[i % 2], "00001", str(i % 90 + 1), "", "31"]
        + ["01.03.2024", ""]
        for i in range(n)
    ]


def liefere(settings, kopf: list[str], rows: list[list[str]]) -> Path:
    """Write ``hze_faelle_2024.csv`` (UTF-8, CRLF) into the inbox; returns its path."""
    ordner = settings.inbox / "2024"
    ordner.mkdir(parents=True, exist_ok=True)
    pfad = ordner / DATEI
    pfad.write_bytes("".join(";".join(r) + "\r\n" for r in [kopf, *rows]).encode())
    return pfad


def geladen(settings, quelle: str = HZE) -> int:
    return query(settings, f"SELECT count(*) FROM raw.{quelle}")[0][0]


def protokoll(settings, quelle: str = HZE) -> list[tuple]:
    return query(
        settings,
        "SELECT status, meldung FROM raw.ladeprotokoll WHERE quelle = ? ORDER BY geladen_um",
        [quelle],
    )


def _pseudonym(value: str) -> str:
    return hmac.new(KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


# --- 1. No delivered text in SQL -------------------------------------------------------------


def test_header_cannot_smuggle_reader_options(settings):
    # The finding of issue 15: an extra header column that closed the generated column list
    # and set skip=100 made 100 of 137 cases vanish while the load said "37 von 37".
    injiziert = "X': 'VARCHAR'}, skip=100) --"
    liefere(settings, [*KOPF, injiziert], [[*r, ""] for r in faelle(137)])
    result = land_source(settings, STICHTAG, HZE)
    assert result.ok, result.messages
    assert geladen(settings) == 137
    assert status(settings, HZE)[:4] == ("geladen", 137, 137, 0)
    assert (
        f"{DATEI} Zeile 1: spalte_unbekannt – Spalte(n) {injiziert} nicht im Vertrag"
        in "\n".join(result.messages)
    )


def test_header_with_quote_and_control_character_loads_with_a_warning(settings):
    liefere(
        settings,
        [*KOPF, "BEMERKUNG'S", "NOTIZ\x07", "NOTIZ\x07"],
        [[*r, "a", "", ""] for r in faelle(20)],
    )
    result = land_source(settings, STICHTAG, HZE)
    assert result.ok, result.messages
    assert geladen(settings) == 20
    (warnung,) = [m for m in result.messages if "spalte_unbekannt" in m]
    assert warnung == (
        f"{DATEI} Zeile 1: spalte_unbekannt – Spalte(n) BEMERKUNG'S, NOTIZ\\x07, NOTIZ\\x07 "
        "nicht im Vertrag, ignoriert"
    )


def test_duplicated_required_column_is_a_rule_message(settings):
    liefere(settings, [*KOPF, "FALL_ID"], [[*r, r[0]] for r in faelle(20)])
    result = land_source(settings, STICHTAG, HZE)
    assert not result.ok and result.blocks_publication
    assert result.messages[0] == (
        f"{DATEI} Zeile 1: spalte_doppelt – Spalte(n) FALL_ID stehen mehrfach in der Kopfzeile"
    )
    assert status(settings, HZE)[0] == "abgelehnt" and geladen(settings) == 0


def test_rows_lost_by_the_reader_reject_the_file(settings, monkeypatch):
    # The cross-check behind the parameter binding: the injected option of the finding,
    # now put into the reader on purpose, must not go unnoticed.
    monkeypatch.setattr(land_modul, "LIES_CSV", land_modul.LIES_CSV[:-1] + ", skip=100)")
    liefere(settings, KOPF, faelle(137))
    result = land_source(settings, STICHTAG, HZE)
    assert not result.ok
    assert result.messages[0].startswith(
        f"{DATEI}: zeilenzahl_abweichend – 137 Datenzeilen in der Datei, aber 37 geladen"
    )
    assert geladen(settings) == 0 and status(settings, HZE)[0] == "abgelehnt"


def test_line_break_inside_a_quoted_field_is_no_lost_row(settings):
    rows = [[*r, ""] for r in faelle(30)]
    rows[4][-1] = '"erste Zeile\r\nzweite Zeile"'
    liefere(settings, [*KOPF, "BEMERKUNG"], rows)
    result = land_source(settings, STICHTAG, HZE)
    assert result.ok, result.messages
    assert geladen(settings) == 30


# --- 2. Files that are not what they claim ---------------------------------------------------


def test_link_to_a_file_outside_the_inbox_is_refused_unread(settings, tmp_path):
    draussen = tmp_path / "draussen.csv"
    liefere(settings, KOPF, faelle(20)).rename(draussen)
    (settings.inbox / "2024" / DATEI).symlink_to(draussen)
    result = land_source(settings, STICHTAG, HZE)
    assert not result.ok and result.blocks_publication
    assert result.messages == [
        (
            f"{DATEI}: datei_verknuepft – ist eine Verknüpfung (Symlink); nur echte Dateien im "
            "Eingangsordner werden gelesen"
        ),
        f"{DATEI}: nicht gelesen und nicht kopiert",
    ]
    assert geladen(settings) == 0
    assert not settings.rejected_dir.exists() or not any(settings.rejected_dir.rglob("*.csv"))
    assert [s for s, _ in protokoll(settings)] == ["abgelehnt"]
    land_source(settings, STICHTAG, HZE)  # the same refusal again adds no history row
    assert len(protokoll(settings)) == 1


def test_linked_year_folder_is_refused(settings, tmp_path):
    liefere(settings, KOPF, faelle(20))
    (settings.inbox / "2024").rename(tmp_path / "woanders")
    (settings.inbox / "2024").symlink_to(tmp_path / "woanders")
    result = land_source(settings, STICHTAG, HZE)
    assert not result.ok
    assert result.messages[0].startswith(f"{DATEI}: ordner_verknuepft – der Ordner ")
    assert geladen(settings) == 0


@pytest.fixture(scope="module")
def kleine_lieferung(tmp_path_factory) -> Path:
    """All nine files of one small generated delivery (copied per test)."""
    inbox = tmp_path_factory.mktemp("lieferung")
    generate(inbox, [2024], scale=0.05, seed=5)
    return inbox


@pytest.fixture
def lieferung(settings, kleine_lieferung):
    shutil.copytree(kleine_lieferung, settings.inbox)
    return settings.inbox / "2024"


def test_non_files_and_unreadable_files_get_rule_messages_and_the_rest_lands(
    settings, lieferung, tmp_path, monkeypatch
):
    hze, seu, wohngeld = (lieferung / n for n in (DATEI, "seu_2024.csv", "wohngeld_20241231.csv"))
    hze.unlink()
    hze.mkdir()  # a folder named like the delivery
    seu.unlink()
    os.mkfifo(seu)  # a FIFO would block a reader forever
    wohngeld.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the refusal of the file system explicit
        echt = os.open

        def verboten(pfad, *args, **kwargs):
            if Path(pfad) == wohngeld:
                raise PermissionError(errno.EACCES, "Permission denied", str(pfad))
            return echt(pfad, *args, **kwargs)

        monkeypatch.setattr(datei_modul.os, "open", verboten)
    result = land(settings, STICHTAG)
    assert not result.ok and result.blocks_publication
    assert {q: s for q, s in result.details.items() if s != "geladen"} == {
        HZE: "abgelehnt",
        "seu": "abgelehnt",
        "wohngeld": "abgelehnt",
    }
    text = "\n".join(result.messages)
    assert f"{DATEI}: keine_datei – ist ein Ordner, keine Lieferdatei" in text
    assert "seu_2024.csv: keine_datei – ist keine gewöhnliche Datei (z. B. FIFO, Gerät)" in text
    assert (
        "wohngeld_20241231.csv: datei_unlesbar – kann nicht gelesen werden (Permission denied)"
        in text
    )
    for quelle in (HZE, "seu", "wohngeld"):
        assert [s for s, _ in protokoll(settings, quelle)] == ["abgelehnt"]
    assert geladen(settings, "ewo_einwohner") > 0 and geladen(settings, "sgb2_stadtteile") == 12


@pytest.mark.parametrize(
    ("ende", "regel", "zeile"),
    [
        ("ende", "datei_abgeschnitten", 21),  # the file ends in a bare CR
        ("mitte", "zeilenende_ungueltig", 5),  # a bare CR inside line 5
    ],
)
def test_bare_carriage_return_is_a_rule_message_with_its_line(settings, ende, regel, zeile):
    pfad = liefere(settings, KOPF, faelle(20))
    data = pfad.read_bytes()
    if ende == "mitte":
        lines = data.split(b"\r\n")
        lines[4] = lines[4].replace(b";31;", b";3\r1;")
        data = b"\r\n".join(lines)
    else:
        data = data[:-2] + b"\r"
    pfad.write_bytes(data)
    result = land_source(settings, STICHTAG, HZE)
    assert not result.ok
    assert result.messages[0].startswith(f"{DATEI} Zeile {zeile}: {regel} – ")
    assert status(settings, HZE)[0] == "abgelehnt"


def test_over_long_field_names_its_line(settings):
    rows = [[*r, ""] for r in faelle(20)]
    rows[2][-1] = "x" * 3_000_000
    liefere(settings, [*KOPF, "BEMERKUNG"], rows)
    result = land_source(settings, STICHTAG, HZE)
    assert not result.ok
    assert result.messages[0] == (
        f"{DATEI} Zeile 4: zeile_zu_lang – die Zeile ist länger als 2 000 000 Bytes"
    )
    assert all(len(m) < 500 for m in result.messages)  # the line's content is not repeated


def test_mixed_crlf_and_lf_line_ends_load_with_right_line_numbers(settings):
    rows = faelle(150)
    rows[100][2] = "q"  # quarantined: line 102
    for row in rows:
        row[-1] = "30.11.2024"  # an empty last field hid the reader's failure on mixed line ends
    pfad = liefere(settings, KOPF, rows)
    # CRLF as the contract says, but a few lines end in LF (edited on another system)
    data = pfad.read_bytes().split(b"\r\n")
    lf = {5, 60, 120}
    pfad.write_bytes(
        b"".join(z + (b"\n" if i in lf else b"\r\n") for i, z in enumerate(data[:-1], 1))
    )
    result = land_source(settings, STICHTAG, HZE)
    assert result.ok, result.messages
    assert status(settings, HZE)[:4] == ("geladen", 150, 149, 1)
    assert query(settings, "SELECT zeile, regel FROM raw.quarantaene") == [(102, "code_unbekannt")]


# --- quarantine keeps no clear id or birth date ------------------------------------------------


def test_quarantine_keeps_ids_pseudonymised_and_birth_dates_reduced(settings):
    rows = faelle(300)
    rows[9][0], rows[9][2] = rows[9][2], rows[9][0]  # the id sits in GESCHLECHT (line 11)
    rows[19][1] = "2018-07-16"  # birth date in ISO form (line 21)
    liefere(settings, KOPF, rows)
    result = land_source(settings, STICHTAG, HZE)
    assert result.ok, result.messages
    kept = query(
        settings,
        "SELECT zeile, regel, spalte, wert, meldung, datensatz::VARCHAR FROM raw.quarantaene "
        "ORDER BY zeile",
    )
    assert [(z, r, s, w) for z, r, s, w, _, _ in kept] == [
        (11, "code_unbekannt", "GESCHLECHT", "A9999999"),
        (21, "datum_ungueltig", "GEB_DATUM", "07.2018"),
    ]
    stored = "\n".join(str(v) for row in kept for v in row) + "\n".join(result.messages)
    for clear in ("F1000009", "F1000019", "2018-07-16", "16.07.2018"):
        assert clear not in stored
    datensatz = {z: d for z, *_, d in kept}
    assert _pseudonym("F1000019") in datensatz[21] and _pseudonym(rows[9][0]) in datensatz[11]


# --- Excel -------------------------------------------------------------------------------------


def _sheet_xml(pfad: Path, change) -> None:
    """Rewrite the first sheet's XML of a workbook in place."""
    with zipfile.ZipFile(pfad) as archive:
        items = {i.filename: archive.read(i) for i in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    items[name] = change(items[name])
    with zipfile.ZipFile(pfad, "w", zipfile.ZIP_DEFLATED) as archive:
        for key, value in items.items():
            archive.writestr(key, value)


def test_workbook_declaring_a_huge_sheet_reads_only_its_cells(settings, lieferung):
    # As found: a few KB that declare A1:XFD1048576 and end in an empty last row made the
    # reader pad 17 billion cells.
    pfad = lieferung / "sgb2_stadtteile_202412.xlsx"

    def riesig(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml)
        return xml.replace(b"</sheetData>", b'<row r="1048576"/></sheetData>')

    _sheet_xml(pfad, riesig)
    assert pfad.stat().st_size < 10_000
    spitze_vorher = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB
    start = time.monotonic()
    result = land_source(settings, STICHTAG, "sgb2_stadtteile")
    dauer = time.monotonic() - start
    zuwachs = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - spitze_vorher
    assert result.ok, result.messages
    assert geladen(settings, "sgb2_stadtteile") == 12
    # about 1 s for the million empty rows the reader walks past; before: MemoryError
    assert dauer < 10 and zuwachs < 200 << 10, (dauer, zuwachs)


def test_workbook_with_too_many_filled_rows_is_rejected(settings, lieferung):
    pfad = lieferung / "sgb2_stadtteile_202412.xlsx"
    workbook = load_workbook(pfad, read_only=True)
    gefuellt = sum(any(row) for row in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    viele = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>Fu\xc3\x9fnote</t></is></c></row>' % (r, r)
        for r in range(100, 2200)
    )
    _sheet_xml(pfad, lambda xml: xml.replace(b"</sheetData>", viele + b"</sheetData>"))
    result = land_source(settings, STICHTAG, "sgb2_stadtteile")
    assert not result.ok
    assert result.messages[0] == (
        f"sgb2_stadtteile_202412.xlsx Zeile {100 + 2000 - gefuellt}: excel_zu_gross – "
        "mehr als 2000 gefüllte Zeilen im ersten Blatt"
    )


def test_corrupt_sheet_xml_is_excel_fehlerhaft_and_the_rest_lands(settings, lieferung):
    pfad = lieferung / "sgb2_stadtteile_202412.xlsx"
    _sheet_xml(pfad, lambda xml: xml[: len(xml) // 2])
    result = land(settings, STICHTAG)
    assert not result.ok and result.blocks_publication
    assert {q: s for q, s in result.details.items() if s != "geladen"} == {
        "sgb2_stadtteile": "abgelehnt"
    }
    assert result.messages[0].startswith(
        "sgb2_stadtteile_202412.xlsx: excel_fehlerhaft – das erste Blatt ist nicht lesbar"
    )
