"""Quality gates: the Great Expectations suites of ``expectations/`` (see docs/quality.md).

- ``check(settings, stichtag)``: every suite, the ``check`` stage of the pipeline.
- ``SUITES``: the configured suites, each with ``name`` and the ``asset`` it guards.
- ``run_suite(settings, stichtag, name, lauf_id=None)``: one suite, e.g. as a Dagster asset check.
"""

from __future__ import annotations

from datetime import date

from sozialmonitor.quality.erwartung import BLOCKIEREND, WARNUNG
from sozialmonitor.quality.results import Pruefergebnis, SuiteResult
from sozialmonitor.quality.runner import (
    docs_dir,
    new_lauf_id,
    page_path,
    run_suites,
    stage_result,
)
from sozialmonitor.quality.suites import Suite, load_suites
from sozialmonitor.settings import Settings
from sozialmonitor.stage_result import StageResult

SUITES: tuple[Suite, ...] = load_suites()

__all__ = [
    "BLOCKIEREND",
    "SUITES",
    "WARNUNG",
    "Pruefergebnis",
    "Suite",
    "SuiteResult",
    "check",
    "docs_dir",
    "get_suite",
    "new_lauf_id",
    "page_path",
    "run_suite",
]


def get_suite(name: str) -> Suite:
    for suite in SUITES:
        if suite.name == name:
            return suite
    raise KeyError(f"keine Prüfsuite {name!r}; vorhanden: {', '.join(s.name for s in SUITES)}")


def run_suite(
    settings: Settings, stichtag: date, name: str, lauf_id: str | None = None
) -> SuiteResult:
    """Run one suite and keep its results. Pass the same ``lauf_id`` for suites of one run."""
    return run_suites(settings, stichtag, [get_suite(name)], lauf_id)[0]


def check(settings: Settings, stichtag: date) -> StageResult:
    """All suites for the Stichtag; ``blocks_publication`` on any failed blocking expectation."""
    try:
        results = run_suites(settings, stichtag, list(SUITES))
    except FileNotFoundError as error:
        stage = StageResult("check", stichtag)
        stage.fail(str(error), block=True)
        return stage
    return stage_result(stichtag, results, settings)
