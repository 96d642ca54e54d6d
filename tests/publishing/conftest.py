"""The publishing tests publish from private copies of the shared built warehouse (tests/conftest.py)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

import duckdb
import pytest

from sozialmonitor.publishing import publish
from sozialmonitor.settings import Settings
from tests.conftest import SCHLUESSEL, STICHTAGE, lager_kopie


@pytest.fixture
def settings(gebautes_lager, tmp_path, monkeypatch) -> Settings:
    """A private copy of the built warehouse, so each test publishes on its own."""
    monkeypatch.setenv("SOZIALMONITOR_PSEUDONYM_KEY", SCHLUESSEL)
    return lager_kopie(gebautes_lager, tmp_path / "data")


@pytest.fixture(scope="session")
def veroeffentlicht(gebautes_lager, tmp_path_factory) -> Settings:
    """Both Stichtage published once from a copy of the built warehouse, for the tests that
    only read the release (a test that changes it works on a copy of the file)."""
    settings = lager_kopie(gebautes_lager, tmp_path_factory.mktemp("veroeffentlicht") / "data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOZIALMONITOR_PSEUDONYM_KEY", SCHLUESSEL)
        for stichtag in STICHTAGE:
            assert publish(settings, stichtag).ok
    return settings


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
