import csv
import io
from pathlib import Path

import pytest

from sozialmonitor.generator import generate

YEARS = [2023, 2024]
ENCODING = {
    "ewo_einwohner": "cp1252",
    "hze_faelle": "cp1252",
    "schuluebergaenge": "cp1252",
    "kita_kinder": "utf-8-sig",
}


@pytest.fixture(scope="session")
def inbox(tmp_path_factory) -> Path:
    """Two clean years at a small scale, shared by the read-only tests."""
    folder = tmp_path_factory.mktemp("inbox")
    generate(folder, YEARS, scale=0.05, seed=7)
    return folder


def source_of(path: Path) -> str:
    return path.name.rsplit("_", 1)[0]


def read_rows(path: Path, sep: str = ";") -> list[dict[str, str]]:
    """Rows of a delivered CSV, decoded with the source's usual encoding."""
    text = path.read_bytes().decode(ENCODING.get(source_of(path), "utf-8"))
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"'))


def csv_path(folder: Path, year: int, source: str) -> Path:
    (path,) = (folder / str(year)).glob(f"{source}_{year}*.csv")
    return path


def district_of(folder: Path, year: int):
    """The contract's address rule: exact match, then without suffix, else ``99``."""
    register = read_rows(csv_path(folder, year, "kataster_adressen"))
    exact = {(r["STR_SCHL"], r["HNR"], r["HNR_ZUS"]): r["STADTTEIL_NR"] for r in register}

    def lookup(row: dict[str, str]) -> str:
        key = (row["STR_SCHL"], row["HNR"], row["HNR_ZUS"])
        return exact.get(key) or exact.get((key[0], key[1], "")) or "99"

    return lookup
