"""The Jobcenter workbook: title rows, header, districts in words, suppression, exact total."""

import openpyxl
import pytest

from sozialmonitor.gemeinde import load_gemeinde
from sozialmonitor.generator.sgb2 import HEADERS


def sheet_rows(path):
    workbook = openpyxl.load_workbook(path, read_only=True)
    (sheet,) = workbook.worksheets
    return sheet.title, [list(r) for r in sheet.iter_rows(values_only=True)]


def district_block(rows):
    """Rows between the header and the total row, the total row, and what follows."""
    header = next(i for i, r in enumerate(rows) if r[0] == "Stadtteil")
    total = next(i for i, r in enumerate(rows) if r[0] == load_gemeinde().name_gesamt)
    return header, rows[header + 1 : total], rows[total], rows[total + 1 :]


def reconcile(districts, total):
    for column in range(1, len(HEADERS)):
        values = [r[column] for r in districts]
        assert all(isinstance(v, int) and v >= 3 or v in ("*", "-") for v in values), values
        stars = values.count("*")
        known = sum(v for v in values if isinstance(v, int))
        assert isinstance(total[column], int)
        assert stars <= total[column] - known <= 2 * stars, (HEADERS[column], values, total[column])


@pytest.mark.parametrize("year", [2023, 2024])
def test_layout_and_total_row(inbox, year):
    _title, rows = sheet_rows(inbox / str(year) / f"sgb2_stadtteile_{year}12.xlsx")
    assert rows[0][0].startswith("Grundsicherung")
    assert rows[1][0] == f"Berichtsmonat: Dezember {year}"
    assert rows[2][0].startswith("Quelle:")
    assert all(v is None for v in rows[3])
    header, districts, total, after = district_block(rows)
    assert header == 4 and rows[header] == HEADERS
    gemeinde = load_gemeinde()
    codes = [gemeinde.resolve(r[0]) for r in districts]
    assert codes == [t.nr for t in gemeinde.stadtteile]
    official = {t.name for t in gemeinde.stadtteile}
    assert any(r[0] not in official for r in districts), "some districts are named by an alias"
    reconcile(districts, total)
    notes = [r[0] for r in after if r[0]]
    assert any(n.startswith("*") for n in notes) and any(n.startswith("-") for n in notes)


def test_small_counts_are_suppressed(inbox):
    """At a small scale the affluent districts have 1-2 or no recipients in some column."""
    _, rows = sheet_rows(inbox / "2024" / "sgb2_stadtteile_202412.xlsx")
    _, districts, _, _ = district_block(rows)
    cells = [v for r in districts for v in r[1:]]
    assert "*" in cells and "-" in cells
