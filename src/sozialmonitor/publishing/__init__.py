"""Publishing for analysts, BI and the council: one release of database, exports and reports.

- ``publish(settings, stichtag)``: write-audit-publish of a release holding every Stichtag
  that passed (``sozialmonitor.freigabe``): ``<data>/published/sozialmonitor.duckdb``, the
  exports under ``<data>/exports/<YYYY>/`` and the Sozialbericht under ``<data>/berichte/``.
- ``rollback(settings, version=None)``: put the previous (or a named) release back, all three.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sozialmonitor.freigabe import freigabestatus
from sozialmonitor.publishing import wap
from sozialmonitor.publishing.aufraeumen import raeume_auf
from sozialmonitor.publishing.exporte import exportiere, exportiere_alle_jahre
from sozialmonitor.settings import Settings
from sozialmonitor.stage_result import StageResult

__all__ = ["publish", "rollback"]


def _befehl(stichtage: list[date]) -> str:
    return "sozialmonitor run " + " ".join(f"--stichtag {d.isoformat()}" for d in stichtage)


def publish(settings: Settings, stichtag: date) -> StageResult:
    """Publish the release that holds ``stichtag`` and every other Stichtag that passed."""
    result = StageResult("publish", stichtag)
    if reste := raeume_auf(settings):
        result.messages.append(
            "Reste eines abgebrochenen Laufs entfernt: " + ", ".join(p.name for p in reste)
        )
    status = freigabestatus(settings)
    eigener = status.get(stichtag)
    if eigener is None or not eigener.veroeffentlichbar:
        grund = eigener.grund() if eigener else "für diesen Stichtag ist nichts geladen"
        result.fail(f"{stichtag:%d.%m.%Y} wird nicht veröffentlicht: {grund}")
        return result
    stichtage = [d for d, s in status.items() if s.veroeffentlichbar]
    if veraltet := [d for d in stichtage if status[d].veraltet]:
        result.fail(
            "Veröffentlichung abgelehnt: "
            + ", ".join(f"{d:%d.%m.%Y}" for d in veraltet)
            + " wurde(n) gegen einen inzwischen geänderten Vorjahresstand gerechnet "
            + f"(Veränderungen, Index-Dynamik). Zuerst neu rechnen: {_befehl(veraltet)}"
        )
        return result
    neu = wap.bereich(settings)
    shutil.rmtree(neu.data_dir, ignore_errors=True)
    try:
        wap.pruefe_platz(settings)
        wap.schreibe(settings, neu.published_db, stichtage)
        befunde = wap.pruefe(settings, neu.published_db, stichtage)
        if befunde:
            for befund in befunde:
                result.fail(f"Prüfung vor Veröffentlichung: {befund}")
            result.messages.append(
                f"Die Veröffentlichung {settings.published_db} bleibt unverändert."
            )
            return result
        if wap.unveraendert(settings, neu.published_db):
            result.messages.append(
                f"Inhalt unverändert: {settings.published_db} bleibt, keine neue Version."
            )
            return result
        dateien = _exporte_und_berichte(neu, stichtage, result)
        if not result.ok:
            return result
        version = wap.tausche(settings, neu)
    except (OSError, wap.VeroeffentlichungAbgebrochen) as fehler:
        result.fail(f"Veröffentlichung abgebrochen, die bisherige bleibt unverändert: {fehler}")
        return result
    finally:
        shutil.rmtree(neu.data_dir, ignore_errors=True)
    result.messages.append(
        f"Veröffentlicht: {settings.published_db} mit den Stichtagen "
        + ", ".join(f"{d:%d.%m.%Y}" for d in stichtage)
        + (f" (vorige Version: {version})" if version else "")
    )
    nicht = [d for d, s in status.items() if not s.veroeffentlichbar]
    result.messages += [f"Nicht veröffentlicht: {d:%d.%m.%Y} – {status[d].grund()}" for d in nicht]
    result.messages.append(
        f"Exporte: {settings.exports_dir}, Sozialbericht: {settings.reports_dir} ({len(dateien)} Dateien)"
    )
    result.details.update(
        datei=str(settings.published_db), stichtage=[d.isoformat() for d in stichtage]
    )
    return result


def _exporte_und_berichte(neu: Settings, stichtage: list[date], result: StageResult) -> list[Path]:
    """Exports and reports of every Stichtag of the release, from the audited file."""
    from sozialmonitor.report import build_report  # the report needs the release's file only

    dateien = []
    for stichtag in stichtage:
        dateien += exportiere(neu.published_db, neu.exports_dir, stichtag)
        bericht = build_report(neu, stichtag)
        if not bericht.ok:
            for meldung in bericht.messages:
                result.fail(f"Sozialbericht {stichtag:%d.%m.%Y}: {meldung}")
    dateien.append(exportiere_alle_jahre(neu.published_db, neu.exports_dir))
    dateien += [p for p in neu.reports_dir.rglob("*") if p.is_file()]
    return dateien


def rollback(settings: Settings, version: str | None = None) -> Path:
    """Restore the newest kept release (or ``version``); returns the version restored."""
    return wap.zuruecksetzen(settings, version)
