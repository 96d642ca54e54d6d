"""The one generated warehouse, landed, built and checked for two Stichtage, that the
transform and publishing tests share: building it costs two dbt builds and two quality runs,
so it is built once per worker. Tests that change it work on a copy; the tests that use it
form one xdist group (``LAGER_GRUPPE``), so one worker builds it."""

from __future__ import annotations

from datetime import date

import pytest

from sozialmonitor.generator import generate
from sozialmonitor.landing import land
from sozialmonitor.quality import check
from sozialmonitor.settings import Settings
from sozialmonitor.transform import build

STICHTAGE = (date(2023, 12, 31), date(2024, 12, 31))
SCHLUESSEL = "publishing-test-key-" + "p" * 32
LAGER_GRUPPE = pytest.mark.xdist_group("lager")


@pytest.fixture(scope="session")
def gebautes_lager(tmp_path_factory) -> Settings:
    """Warehouse ready to publish (land, build, check passed) for both Stichtage."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOZIALMONITOR_PSEUDONYM_KEY", SCHLUESSEL)
    root = tmp_path_factory.mktemp("lager")
    settings = Settings.from_env(data_dir=root / "data", inbox=root / "inbox")
    generate(settings.inbox, [d.year for d in STICHTAGE], scale=0.1, seed=11)
    for stichtag in STICHTAGE:
        for stage in (land, build, check):
            result = stage(settings, stichtag)
            assert result.ok, result.messages
    yield settings
    mp.undo()


def _teilt_modul_fixture(item: pytest.Item) -> bool:
    """Does the test use a module-scoped fixture (built once per worker that runs the module)?"""
    info = getattr(item, "_fixtureinfo", None)
    return info is not None and any(
        defs[-1].scope == "module" for defs in info.name2fixturedefs.values()
    )


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Groups for ``--dist loadgroup``: every test that uses the shared warehouse joins its
    group, so one worker builds it; the tests of a module with a module-scoped fixture stay
    together, so the fixture is not built again on the other worker."""
    for item in items:
        if "gebautes_lager" in getattr(item, "fixturenames", ()):
            item.add_marker(LAGER_GRUPPE)
        elif not item.get_closest_marker("xdist_group") and _teilt_modul_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
