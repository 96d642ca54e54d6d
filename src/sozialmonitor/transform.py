"""The ``build`` stage: ``dbt build`` (seeds, models, dbt tests) for one Stichtag.

The CLI runs it through dbt's Python API, Dagster through dagster-dbt; both pass the
same arguments (``dbt_args``) and point profiles.yml at the warehouse through the same
environment (``warehouse_env``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sozialmonitor.outcome import StageResult
from sozialmonitor.settings import PROJECT_DIR, Settings

#: dbt node states that fail the build; "warn" is reported but does not block.
FEHLER = {"error", "fail", "runtime error"}
ART = {"test": "dbt-Test", "unit_test": "dbt-Unit-Test", "seed": "dbt-Seed", "snapshot": "dbt-Snapshot"}


def dbt_args(stichtag: date, full_refresh: bool = False) -> list[str]:
    """Arguments after ``dbt build``: the Stichtag as a var, optionally a full refresh."""
    args = ["--vars", json.dumps({"stichtag": stichtag.isoformat()})]
    return [*args, "--full-refresh"] if full_refresh else args


@contextmanager
def warehouse_env(settings: Settings) -> Iterator[None]:
    """profiles.yml reads the warehouse path from the environment of the dbt process."""
    saved = {key: os.environ.get(key) for key in settings.dbt_env()}
    os.environ.update(settings.dbt_env())
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build(settings: Settings, stichtag: date, full_refresh: bool = False) -> StageResult:
    """Run ``dbt build`` for the Stichtag; failed models or dbt tests block publication."""
    from dbt.cli.main import dbtRunner  # dbt is slow to import; only the build stage needs it

    result = StageResult("build", stichtag)
    work = settings.data_dir / "dbt"
    args = [
        "build",
        "--project-dir",
        str(PROJECT_DIR),
        "--profiles-dir",
        str(PROJECT_DIR),
        # logs and artefacts stay with the data, so parallel runs on other data dirs never collide
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
        "--quiet",
        *dbt_args(stichtag, full_refresh),
    ]
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    with warehouse_env(settings):
        outcome = dbtRunner().invoke(args)
    if outcome.exception is not None:
        result.fail(f"dbt build abgebrochen: {outcome.exception}")
        return result
    nodes = outcome.result.results if outcome.result is not None else []
    counts: dict[str, int] = {}
    for node in nodes:
        status = str(node.status)
        counts[status] = counts.get(status, 0) + 1
        if status in FEHLER or status == "warn":
            what = ART.get(str(node.node.resource_type), "dbt-Modell")
            line = f"{what} {node.node.name}: {status} – {(node.message or '').strip()}"
            if status in FEHLER:
                result.fail(line)
            else:
                result.messages.append(line)
    if not outcome.success and result.ok:
        result.fail("dbt build meldet einen Fehler (siehe " + str(work / "logs" / "dbt.log") + ")")
    result.details.update(counts)
    result.messages.insert(
        0, "dbt build: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    )
    return result
