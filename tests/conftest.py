"""The one generated warehouse, landed, built and checked for two Stichtage, that the
transform and publishing tests share: building it costs two dbt builds and two quality runs,
so it is built once per test session, by the first xdist worker that needs it (the others
wait for it). It is only read; tests that change it or run dbt on it work on a copy."""

from __future__ import annotations

import fcntl
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from sozialmonitor.generator import generate
from sozialmonitor.landing import land
from sozialmonitor.quality import check
from sozialmonitor.settings import Settings
from sozialmonitor.transform import build

STICHTAGE = (date(2023, 12, 31), date(2024, 12, 31))
SCHLUESSEL = "publishing-test-key-" + "p" * 32


def _baue(settings: Settings) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOZIALMONITOR_PSEUDONYM_KEY", SCHLUESSEL)
        generate(settings.inbox, [d.year for d in STICHTAGE], scale=0.1, seed=11)
        for stichtag in STICHTAGE:
            for stage in (land, build, check):
                result = stage(settings, stichtag)
                assert result.ok, result.messages


@pytest.fixture(scope="session")
def gebautes_lager(tmp_path_factory) -> Settings:
    """Warehouse ready to publish (land, build, check passed) for both Stichtage."""
    wurzel = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        wurzel = wurzel.parent  # shared by the workers of this session
    root = wurzel / "gebautes_lager"
    settings = Settings.from_env(data_dir=root / "data", inbox=root / "inbox")
    with open(wurzel / "gebautes_lager.lock", "w") as sperre:
        fcntl.flock(sperre, fcntl.LOCK_EX)  # one worker builds, the others wait for it
        if not (root / "fertig").exists():
            shutil.rmtree(root, ignore_errors=True)  # a build that failed half-way
            _baue(settings)
            (root / "fertig").touch()
    return settings


def lager_kopie(lager: Settings, data_dir: Path) -> Settings:
    """A data folder of its own holding a copy of the shared warehouse (same inbox)."""
    data_dir.mkdir(parents=True)
    shutil.copy2(lager.warehouse, data_dir / "warehouse.duckdb")
    return Settings.from_env(data_dir=data_dir, inbox=lager.inbox)


def _teilt_modul_fixture(item: pytest.Item) -> bool:
    """Does the test use a module-scoped fixture (built once per worker that runs the module)?"""
    info = getattr(item, "_fixtureinfo", None)
    return info is not None and any(
        defs[-1].scope == "module" for defs in info.name2fixturedefs.values()
    )


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """For ``--dist loadgroup``: the tests of a module with a module-scoped fixture stay
    together, so the fixture is not built again on the other worker; the end-to-end tests
    (marked slow) are handed out first, so the workers end together."""
    for item in items:
        if not item.get_closest_marker("xdist_group") and _teilt_modul_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
