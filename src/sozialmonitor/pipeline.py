"""The yearly run: land, build and check each Stichtag, oldest first, then one release
(database, exports, report) of every Stichtag that passed.

The CLI and Dagster both call these functions; neither has its own copy of the logic.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable
from datetime import date

from sozialmonitor.settings import Settings
from sozialmonitor.stage_result import StageResult

#: Years a delivery folder may name; anything else in the inbox is a stray folder.
JAHRE = range(1900, 2200)


def _jahr(name: str) -> int | None:
    return int(name) if len(name) == 4 and name.isdigit() and int(name) in JAHRE else None


def stichtage_in_inbox(settings: Settings) -> list[date]:
    """Every Stichtag with a delivery folder ``<inbox>/<YYYY>/``, oldest first."""
    if not settings.inbox.is_dir():
        return []
    years = sorted(jahr for p in settings.inbox.iterdir() if p.is_dir() and (jahr := _jahr(p.name)))
    return [date(year, 12, 31) for year in years]


def fremde_ordner(settings: Settings) -> list[str]:
    """Folders in the inbox that name no Stichtag year (``0000``, ``2024_alt``): skipped, named."""
    if not settings.inbox.is_dir():
        return []
    return sorted(p.name for p in settings.inbox.iterdir() if p.is_dir() and not _jahr(p.name))


def _stages() -> list[tuple[str, Callable[[Settings, date], StageResult]]]:
    from sozialmonitor.landing import land
    from sozialmonitor.quality import check
    from sozialmonitor.transform import build

    return [("land", land), ("build", build), ("check", check)]


def _echo_result(result: StageResult, echo: Callable[[str], None]) -> None:
    echo(result.summary())
    for message in result.messages:
        echo("  " + message)


def folgejahre_nachziehen(
    settings: Settings, stichtag: date, echo: Callable[[str], None] = print
) -> list[StageResult]:
    """Build and check again every later Stichtag computed against an older state of its
    previous year (its changes and index dynamics), oldest first, so they follow in the
    same release. Each rebuilt year can make the next one stale, hence one at a time."""
    from sozialmonitor.freigabe import freigabestatus
    from sozialmonitor.quality import check
    from sozialmonitor.transform import build

    results: list[StageResult] = []
    while veraltet := [
        d for d, s in freigabestatus(settings).items() if d > stichtag and s.veraltet
    ]:
        folgejahr = veraltet[0]
        echo(f"[{folgejahr.isoformat()}] wird neu gerechnet: das Vorjahr hat sich geändert")
        for stage in (build, check):
            result = stage(settings, folgejahr)
            results.append(result)
            _echo_result(result, echo)
            if not result.ok and stage is build:
                return results
    return results


def run_stichtag(
    settings: Settings, stichtag: date, echo: Callable[[str], None] = print
) -> list[StageResult]:
    """Land, build and check one Stichtag. A blocked land or a failed build ends the Stichtag
    there (no build on partial data, no follow-on findings burying the cause)."""
    results: list[StageResult] = []
    for name, stage in _stages():
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
        _echo_result(result, echo)
        if name in ("land", "build") and result.blocks_publication:
            echo(f"  {stichtag:%d.%m.%Y} endet hier: {name} blockiert, nichts weiter gerechnet.")
            break
    return results


def run(
    settings: Settings, stichtage: Iterable[date] | None = None, echo=print
) -> dict[date, list[StageResult]]:
    for ordner in fremde_ordner(settings):
        echo(f"Eingang {settings.inbox}: Ordner {ordner!r} übersprungen – kein Berichtsjahr JJJJ")
    chosen = sorted(stichtage) if stichtage else stichtage_in_inbox(settings)
    if not chosen:
        raise FileNotFoundError(
            f"Der Posteingang {settings.inbox} enthält keine Jahresordner <JJJJ>/"
        )
    results = {stichtag: run_stichtag(settings, stichtag, echo) for stichtag in chosen}
    for result in veroeffentliche(settings, chosen, echo):
        results.setdefault(result.stichtag, []).append(result)
    return results


def veroeffentliche(
    settings: Settings, stichtage: list[date], echo: Callable[[str], None] = print
) -> list[StageResult]:
    """One release for the run: later Stichtage computed against an older state of their
    previous year are built and checked again, then publish decides by the release rules
    (a person's release of quality findings counts) and holds every Stichtag that passed."""
    from sozialmonitor.freigabe import freigabestatus
    from sozialmonitor.publishing import publish

    results = folgejahre_nachziehen(settings, min(stichtage), echo)
    status = freigabestatus(settings)
    if bestanden := [d for d in stichtage if d in status and status[d].veroeffentlichbar]:
        result = publish(settings, max(bestanden))
        _echo_result(result, echo)
        results.append(result)
    else:
        echo("Nichts veröffentlicht: kein Stichtag dieses Laufs hat bestanden.")
    return results
