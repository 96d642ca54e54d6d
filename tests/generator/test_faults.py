"""Every fault of the contract's fault table, injected into the newest year only."""

import csv
import io
import re

import openpyxl
import pytest

from sozialmonitor.gemeinde import load_gemeinde
from sozialmonitor.generator import FAULTS, generate
from tests.generator.conftest import csv_path, district_of, read_rows
from tests.generator.test_sgb2 import district_block, reconcile

YEARS = [2023, 2024]
SCALE = 0.2  # big enough for the within-threshold faults (>= 100 seu and >= 200 kita rows)
SEED = 3
ARCHITECTURE_FAULTS = [
    "missing-file",
    "encoding",
    "comma-separator",
    "missing-column",
    "extra-column",
    "invalid-values",
    "invalid-values-over-threshold",
    "duplicate-ids",
    "duplicate-ids-over-threshold",
    "truncated",
    "unknown-addresses",
    "wrong-year",
    "corrected-file",
    "excel-layout",
    "excel-unknown-district",
]
#: The one file each fault touches.
TOUCHED = {
    "missing-file": "wohngeld_20241231.csv",
    "encoding": "ewo_einwohner_20241231.csv",
    "comma-separator": "hze_faelle_2024.csv",
    "missing-column": "seu_2024.csv",
    "extra-column": "kita_kinder_20241231.csv",
    "invalid-values": "seu_2024.csv",
    "invalid-values-over-threshold": "seu_2024.csv",
    "duplicate-ids": "kita_kinder_20241231.csv",
    "duplicate-ids-over-threshold": "kita_kinder_20241231.csv",
    "truncated": "ewo_einwohner_20241231.csv",
    "unknown-addresses": "wohngeld_20241231.csv",
    "wrong-year": "hze_faelle_2024.csv",
    "corrected-file": "schuluebergaenge_2024.csv",
    "excel-layout": "sgb2_stadtteile_202412.xlsx",
    "excel-unknown-district": "sgb2_stadtteile_202412.xlsx",
}


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clean")
    generate(folder, YEARS, scale=SCALE, seed=SEED)
    return folder


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    made = {}

    def make(fault):
        if fault not in made:
            made[fault] = tmp_path_factory.mktemp(fault)
            generate(made[fault], YEARS, scale=SCALE, seed=SEED, faults=[fault])
        return made[fault]

    return make


def test_fault_names_are_the_architecture_table():
    assert list(FAULTS) == ARCHITECTURE_FAULTS


def test_unknown_fault_lists_the_valid_names(tmp_path):
    with pytest.raises(ValueError, match="missing-file.*excel-unknown-district"):
        generate(tmp_path, [2024], scale=0.02, faults=["no-such-fault"])


@pytest.mark.parametrize("fault", ARCHITECTURE_FAULTS)
def test_only_the_newest_year_and_one_file_change(clean, faulty, fault):
    folder = faulty(fault)
    for path in sorted((clean / "2023").iterdir()):
        assert (folder / "2023" / path.name).read_bytes() == path.read_bytes(), path.name
    for path in sorted((clean / "2024").iterdir()):
        other = folder / "2024" / path.name
        if path.name == TOUCHED[fault]:
            assert not other.exists() or other.read_bytes() != path.read_bytes()
        elif path.suffix == ".xlsx":
            assert sheet(other) == sheet(path)
        else:
            assert other.read_bytes() == path.read_bytes(), path.name


def test_several_faults_each_change_their_file_as_alone(clean, faulty, tmp_path):
    """`generate --fault A --fault B`: both faults, the first exactly as when given alone."""
    generate(tmp_path, YEARS, scale=SCALE, seed=SEED, faults=["duplicate-ids", "missing-column"])
    for path in sorted((clean / "2024").iterdir()):
        beide = (tmp_path / "2024" / path.name).read_bytes()
        if path.name == TOUCHED["duplicate-ids"]:
            assert beide == (faulty("duplicate-ids") / "2024" / path.name).read_bytes()
        elif path.name == TOUCHED["missing-column"]:
            assert "MASERN_IMPFUNG" not in beide.decode("cp1252").splitlines()[0]
        elif path.suffix != ".xlsx":
            assert beide == path.read_bytes(), path.name


def sheet(path):
    workbook = openpyxl.load_workbook(path, read_only=True)
    (ws,) = workbook.worksheets
    return ws.title, [list(r) for r in ws.iter_rows(values_only=True)]


def text(folder, name, encoding="utf-8"):
    return (folder / "2024" / name).read_bytes().decode(encoding)


def test_missing_file(faulty):
    assert not (faulty("missing-file") / "2024" / "wohngeld_20241231.csv").exists()
    assert len(list((faulty("missing-file") / "2024").iterdir())) == 8


def test_encoding(clean, faulty):
    raw = (faulty("encoding") / "2024" / "ewo_einwohner_20241231.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode("utf-8") == text(clean, "ewo_einwohner_20241231.csv", "cp1252")


def test_comma_separator(clean, faulty):
    lines = text(faulty("comma-separator"), "hze_faelle_2024.csv", "cp1252").split("\r\n")
    assert lines[0] == "FALL_ID,GEB_DATUM,GESCHLECHT,STR_SCHL,HNR,HNR_ZUS,HILFEART,BEGINN,ENDE"
    assert ";" not in "".join(lines)
    assert len(lines) == len(text(clean, "hze_faelle_2024.csv", "cp1252").split("\r\n"))


def test_missing_column(clean, faulty):
    rows = read_rows(csv_path(faulty("missing-column"), 2024, "seu"))
    assert "MASERN_IMPFUNG" not in rows[0]
    expected = read_rows(csv_path(clean, 2024, "seu"))
    assert [{k: v for k, v in r.items() if k != "MASERN_IMPFUNG"} for r in expected] == rows


def test_extra_column(clean, faulty):
    rows = read_rows(csv_path(faulty("extra-column"), 2024, "kita_kinder"))
    assert list(rows[0])[-1] == "BEMERKUNG"
    assert any(r["BEMERKUNG"] for r in rows)
    assert [{k: v for k, v in r.items() if k != "BEMERKUNG"} for r in rows] == read_rows(
        csv_path(clean, 2024, "kita_kinder")
    )


def invalid(row):
    """The rule a row breaks, as landing will see it."""
    if row["UNTERS_DATUM"].startswith("31.02."):
        return "datum_ungueltig"
    if row["GEWICHT_KG"].startswith("-"):
        return "wert_unzulaessig"
    if row["GESCHLECHT"] not in ("m", "w", "d", "x"):
        return "code_unbekannt"
    if int(row["GEB_DATUM"][-4:]) > 2024:
        return "geburt_nach_stichtag"
    return None


@pytest.mark.parametrize(
    ("fault", "low", "high"),
    [("invalid-values", 0.001, 0.01), ("invalid-values-over-threshold", 0.02, 0.05)],
)
def test_invalid_values(clean, faulty, fault, low, high):
    rows = read_rows(csv_path(faulty(fault), 2024, "seu"))
    expected = read_rows(csv_path(clean, 2024, "seu"))
    assert len(rows) == len(expected)
    changed = [r for r, e in zip(rows, expected, strict=True) if r != e]
    assert all(invalid(r) for r in changed)
    assert not any(invalid(r) for r in expected)
    assert low * len(rows) <= len(changed) <= high * len(rows)
    if fault.endswith("threshold"):
        assert {invalid(r) for r in changed} == {
            "datum_ungueltig",
            "wert_unzulaessig",
            "code_unbekannt",
            "geburt_nach_stichtag",
        }


@pytest.mark.parametrize(
    ("fault", "low", "high"),
    [("duplicate-ids", 0.001, 0.01), ("duplicate-ids-over-threshold", 0.011, 0.06)],
)
def test_duplicate_ids(faulty, fault, low, high):
    rows = read_rows(csv_path(faulty(fault), 2024, "kita_kinder"))
    counts = {}
    for r in rows:
        counts[r["KIND_ID"]] = counts.get(r["KIND_ID"], 0) + 1
    duplicated_rows = sum(n for n in counts.values() if n > 1)
    assert max(counts.values()) == 2
    assert low * len(rows) <= duplicated_rows <= high * len(rows)


def test_truncated(clean, faulty):
    raw = (faulty("truncated") / "2024" / "ewo_einwohner_20241231.csv").read_bytes()
    full = (clean / "2024" / "ewo_einwohner_20241231.csv").read_bytes()
    assert not raw.endswith(b"\r\n") and full.startswith(raw)
    last = raw.rsplit(b"\r\n", 1)[1]
    assert len(last) > 0 and last.count(b";") < full.split(b"\r\n", 1)[0].count(b";")


def test_unknown_addresses(clean, faulty):
    for folder, low, high in ((clean, 0, 0.005), (faulty("unknown-addresses"), 0.015, 0.04)):
        lookup = district_of(folder, 2024)
        rows = read_rows(csv_path(folder, 2024, "wohngeld"))
        share = sum(lookup(r) == "99" for r in rows) / len(rows)
        assert low <= share <= high
    assert share > 0.005, "over the blocking threshold"


def test_wrong_year(clean, faulty):
    assert text(faulty("wrong-year"), "hze_faelle_2024.csv", "cp1252") == (
        clean / "2023" / "hze_faelle_2023.csv"
    ).read_bytes().decode("cp1252")
    rows = read_rows(csv_path(faulty("wrong-year"), 2024, "hze_faelle"))
    assert not any(r["BEGINN"].endswith("2024") for r in rows)


def test_corrected_file(clean, faulty):
    rows = read_rows(csv_path(faulty("corrected-file"), 2024, "schuluebergaenge"))
    expected = read_rows(csv_path(clean, 2024, "schuluebergaenge"))
    assert [r["SCHUELER_ID"] for r in rows] == [r["SCHUELER_ID"] for r in expected]
    changed = [(r, e) for r, e in zip(rows, expected, strict=True) if r != e]
    assert 1 <= len(changed) <= max(2, 0.02 * len(rows))
    assert all(
        r["SCHULFORM"] != e["SCHULFORM"] and re.fullmatch("GY|GE|RS|HS|SK|FS|SO", r["SCHULFORM"])
        for r, e in changed
    )


def test_excel_layout(clean, faulty):
    title, rows = sheet(faulty("excel-layout") / "2024" / "sgb2_stadtteile_202412.xlsx")
    clean_title, clean_rows = sheet(clean / "2024" / "sgb2_stadtteile_202412.xlsx")
    assert title != clean_title
    header, districts, total, after = district_block(rows)
    clean_header, clean_districts, clean_total, clean_after = district_block(clean_rows)
    assert header == clean_header + 1, "an extra title row"
    gemeinde = load_gemeinde()
    assert [gemeinde.resolve(r[0]) for r in districts] == [t.nr for t in gemeinde.stadtteile]
    assert all(
        r[0] in t.aliases for r, t in zip(districts, gemeinde.stadtteile, strict=True) if t.aliases
    )
    assert [r[1:] for r in districts] == [r[1:] for r in clean_districts] and total == clean_total
    reconcile(districts, total)
    assert len([r for r in after if r[0]]) > len([r for r in clean_after if r[0]])


def test_excel_unknown_district(faulty):
    _, rows = sheet(faulty("excel-unknown-district") / "2024" / "sgb2_stadtteile_202412.xlsx")
    _, districts, _, _ = district_block(rows)
    gemeinde = load_gemeinde()
    unknown = [r[0] for r in districts if gemeinde.resolve(r[0]) is None]
    assert unknown == [f"{gemeinde.name}-Nord"]


def test_within_threshold_faults_need_enough_rows(tmp_path):
    with pytest.raises(ValueError, match="seu hat nur"):
        generate(tmp_path, [2024], scale=0.02, seed=1, faults=["invalid-values"])


def test_comma_file_still_parses_with_comma(faulty):
    """The comma file is otherwise well-formed: a reader told the separator gets every column."""
    raw = text(faulty("comma-separator"), "hze_faelle_2024.csv", "cp1252")
    rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=","))
    assert all(len(r) == 9 for r in rows if r)
