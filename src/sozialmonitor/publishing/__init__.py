"""Publishing for analysts and BI: the disclosure-controlled DuckDB file and the exports.

- ``publish(settings, stichtag)``: write-audit-publish of ``<data>/published/sozialmonitor.duckdb``
  (every Stichtag loaded so far) and the exports of the Stichtag under ``<data>/exports/<YYYY>/``.
- ``rollback(settings, version=None)``: put the previous (or a named) version back.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from sozialmonitor.outcome import StageResult
from sozialmonitor.publishing import wap
from sozialmonitor.publishing.aufraeumen import raeume_auf
from sozialmonitor.publishing.exporte import exportiere
from sozialmonitor.settings import Settings

__all__ = ["publish", "rollback"]


def publish(settings: Settings, stichtag: date) -> StageResult:
    result = StageResult("publish", stichtag)
    if reste := raeume_auf(settings):
        result.messages.append(
            "Reste eines abgebrochenen Laufs entfernt: " + ", ".join(p.name for p in reste)
        )
    settings.published_dir.mkdir(parents=True, exist_ok=True)
    neu = settings.published_dir / f".neu-{os.getpid()}.duckdb"
    neu.unlink(missing_ok=True)
    try:
        wap.schreibe(settings, neu)
        befunde = wap.pruefe(settings, neu, stichtag)
        if befunde:
            for befund in befunde:
                result.fail(f"Prüfung vor Veröffentlichung: {befund}")
            result.messages.append(
                f"Die veröffentlichte Datei {settings.published_db} bleibt unverändert."
            )
            return result
        version = wap.tausche(settings, neu)
    finally:
        neu.unlink(missing_ok=True)
    dateien = exportiere(settings.published_db, settings.exports_dir, stichtag)
    result.messages.append(
        f"Veröffentlicht: {settings.published_db}"
        + (f" (vorige Version: {version.name})" if version else "")
    )
    result.messages.append(
        f"Exporte: {settings.exports_dir / str(stichtag.year)} ({len(dateien)} Dateien)"
    )
    result.details.update(datei=str(settings.published_db), exporte=[str(p) for p in dateien])
    return result


def rollback(settings: Settings, version: str | None = None) -> Path:
    """Restore the newest kept version (or ``version``); returns the version restored."""
    return wap.zuruecksetzen(settings, version)
