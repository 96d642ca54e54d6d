"""The SGB II workbook: header found wherever it stands, unreadable workbooks rejected."""

from __future__ import annotations

from openpyxl import load_workbook

from sozialmonitor.landing import land_source, lieferdatei
from tests.landing.conftest import STICHTAG, deliver, query, status


def test_district_column_found_by_its_header_wherever_it_stands(settings):
    deliver(settings)
    path = lieferdatei(settings, STICHTAG, "sgb2_stadtteile")
    workbook = load_workbook(path)
    workbook.worksheets[0].insert_cols(1)  # e.g. a leading key column left empty
    workbook.save(path)
    assert land_source(settings, STICHTAG, "sgb2_stadtteile").ok
    rows = query(settings, "SELECT stadtteil_bezeichnung, stadtteil_nr FROM raw.sgb2_stadtteile")
    assert len(rows) == 12 and ("Dorsten insgesamt", "00") in rows


def test_unreadable_workbook_is_rejected_not_a_crash(settings):
    deliver(settings)
    path = lieferdatei(settings, STICHTAG, "sgb2_stadtteile")
    path.write_bytes(b"Stadtteil;Bedarfsgemeinschaften\r\n")  # a CSV saved under the .xlsx name
    result = land_source(settings, STICHTAG, "sgb2_stadtteile")
    assert not result.ok and result.blocks_publication
    assert result.messages[0].startswith("sgb2_stadtteile_202412.xlsx: excel_fehlerhaft –")
    assert status(settings, "sgb2_stadtteile")[0] == "abgelehnt"
    assert list((settings.rejected_dir / "2024").glob("*/sgb2_stadtteile_202412.xlsx"))
