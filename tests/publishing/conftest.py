"""One small warehouse, landed, built and checked for two Stichtage, shared by the publishing tests."""

from __future__ import annotations

import hashlib
import shutil
import uuid
from datetime import date

import duckdb
import pytest

from sozialmonitor.generator import generate
from sozialmonitor.landing import land
from sozialmonitor.quality import check
from sozialmonitor.settings import Settings
from sozialmonitor.transform import build

STICHTAGE = (date(2023, 12, 31), date(2024, 12, 31))


@pytest.fixture(scope="session")
def gebautes_lager(tmp_path_factory) -> Settings:
    """Warehouse ready to publish (land, build, check passed) for both Stichtage."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOZIALMONITOR_PSEUDONYM_KEY", "publishing-test-key-" + "p" * 32)
    root = tmp_path_factory.mktemp("lager")
    settings = Settings.from_env(data_dir=root / "data", inbox=root / "inbox")
    generate(settings.inbox, [d.year for d in STICHTAGE], scale=0.1, seed=11)
    for stichtag in STICHTAGE:
        for stage in (land, build, check):
            result = stage(settings, stichtag)
            assert result.ok, result.messages
    yield settings
    mp.undo()


@pytest.fixture
def settings(gebautes_lager, tmp_path, monkeypatch) -> Settings:
    """A private copy of the built warehouse, so each test publishes on its own."""
    monkeypatch.setenv("SOZIALMONITOR_PSEUDONYM_KEY", "publishing-test-key-" + "p" * 32)
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(gebautes_lager.warehouse, data / "warehouse.duckdb")
    return Settings.from_env(data_dir=data, inbox=gebautes_lager.inbox)


def neue_pruefung(settings: Settings, stichtag: date, bestanden: bool) -> None:
    """A new latest quality run of the Stichtag: a copy of the last one, its blocking
    expectations all passed or the first of them failed."""
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute(
            "INSERT INTO qualitaet.pruefergebnisse SELECT * REPLACE (? AS lauf_id, "
            "CASE WHEN ? THEN true ELSE NOT (schwere = 'blockierend' AND row_number() OVER "
            "(PARTITION BY schwere ORDER BY suite, erwartung) = 1) END AS erfolg, "
            "now()::TIMESTAMP AS geprueft_um) FROM qualitaet.letzte_pruefergebnisse WHERE stichtag = ?",
            [f"test-{uuid.uuid4().hex[:8]}", bestanden, stichtag],
        )


def sha256_datei(pfad) -> str:
    """The bytes of a file as a hash: did a release change?"""
    return hashlib.sha256(pfad.read_bytes()).hexdigest()
