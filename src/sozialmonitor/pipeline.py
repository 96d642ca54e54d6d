"""The yearly run: land, build, check, publish and report each Stichtag, oldest first.

The CLI and Dagster both call these functions; neither has its own copy of the logic.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable
from datetime import date

from sozialmonitor.outcome import StageResult
from sozialmonitor.settings import Settings


def stichtage_in_inbox(settings: Settings) -> list[date]:
    """Every Stichtag with a delivery folder ``<inbox>/<YYYY>/``, oldest first."""
    if not settings.inbox.is_dir():
        return []
    years = sorted(int(p.name) for p in settings.inbox.iterdir() if p.is_dir() and p.name.isdigit())
    return [date(year, 12, 31) for year in years]


def _stages() -> list[tuple[str, Callable[[Settings, date], StageResult]]]:
    from sozialmonitor.landing import land
    from sozialmonitor.publishing import publish
    from sozialmonitor.quality import check
    from sozialmonitor.report import build_report
    from sozialmonitor.transform import build

    return [
        ("land", land),
        ("build", build),
        ("check", check),
        ("publish", publish),
        ("report", build_report),
    ]


def run_stichtag(
    settings: Settings, stichtag: date, echo: Callable[[str], None] = print
) -> list[StageResult]:
    """All stages for one Stichtag. Publication is skipped when an earlier stage blocks it."""
    results: list[StageResult] = []
    for name, stage in _stages():
        if name == "publish" and any(r.blocks_publication for r in results):
            skipped = StageResult("publish", stichtag, ok=False, blocks_publication=True)
            skipped.messages.append(
                "Veröffentlichung blockiert durch: "
                + ", ".join(r.stage for r in results if r.blocks_publication)
            )
            results.append(skipped)
            echo(skipped.summary())
            echo("  " + skipped.messages[0])
            break
        if name == "build":
            # dbt builds in its own process while this one only waits: meanwhile import Great
            # Expectations, which the check stage needs next and which takes seconds to import.
            gx = threading.Thread(
                target=importlib.import_module, args=("sozialmonitor.quality.gx",)
            )
            gx.start()
        result = stage(settings, stichtag)
        if name == "build":
            gx.join()
        results.append(result)
        echo(result.summary())
        for message in result.messages:
            echo("  " + message)
    return results


def run(
    settings: Settings, stichtage: Iterable[date] | None = None, echo=print
) -> dict[date, list[StageResult]]:
    chosen = sorted(stichtage) if stichtage else stichtage_in_inbox(settings)
    if not chosen:
        raise FileNotFoundError(f"No delivery folders <YYYY>/ in inbox {settings.inbox}")
    return {stichtag: run_stichtag(settings, stichtag, echo) for stichtag in chosen}
