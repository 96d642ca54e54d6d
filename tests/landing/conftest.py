"""Generated deliveries (scale 0.2: enough rows for the 1 % threshold) landed into a tmp warehouse."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import duckdb
import pytest

from sozialmonitor.generator import generate
from sozialmonitor.landing import land
from sozialmonitor.settings import Settings

KEY = "landing-test-key-" + "x" * 32
STICHTAG = date(2024, 12, 31)
SCALE = 0.2


@pytest.fixture(autouse=True)
def _key(monkeypatch):
    monkeypatch.setenv("SOZIALMONITOR_PSEUDONYM_KEY", KEY)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.from_env(data_dir=tmp_path / "data", inbox=tmp_path / "inbox")


def deliver(settings: Settings, fault: str | None = None, years=(2024,)) -> None:
    generate(settings.inbox, list(years), scale=SCALE, seed=5, faults=[fault] if fault else [])


def land_with(settings: Settings, fault: str | None = None):
    deliver(settings, fault)
    return land(settings, STICHTAG)


def query(settings: Settings, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def status(settings: Settings, quelle: str) -> tuple:
    return query(
        settings,
        "SELECT status, zeilen, zeilen_geladen, zeilen_quarantaene, kodierung, meldung FROM raw.lieferstatus "
        "WHERE stichtag = ? AND quelle = ?",
        [STICHTAG, quelle],
    )[0]


def read_rows(path: Path) -> list[dict[str, str]]:
    """The delivered file as Python reads it, with each row's line number (header = 1)."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        encoding = "cp1252"
    with open(path, encoding=encoding, newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    for line, row in enumerate(rows, start=2):
        row["_zeile"] = line
    return rows
