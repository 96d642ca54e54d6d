"""One run at a time on a warehouse: a lock file beside it that names who holds it.

DuckDB lets one process write a file, and its own lock only says "Conflicting lock". The
CLI commands and Dagster's run take ``<data>/warehouse.lock`` first (``flock``: the kernel
releases it when the holder dies, even by ``kill -9``) and write their PID and command
into it, so a second run can say who is working and end cleanly.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sozialmonitor.settings import Settings

#: How often a waiting run looks again.
TAKT_SEKUNDEN = 0.2


class WarehouseBelegt(RuntimeError):
    """Another process works on the warehouse; the message names it."""


def sperrdatei(settings: Settings) -> Path:
    return settings.warehouse.with_suffix(".lock")


@contextmanager
def warehouse_sperre(settings: Settings, befehl: str, warten: float = 0) -> Iterator[None]:
    """Hold the warehouse for ``befehl``; wait up to ``warten`` seconds for another holder."""
    pfad = sperrdatei(settings)
    pfad.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(pfad, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        frist = time.monotonic() + warten
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= frist:
                    raise WarehouseBelegt(
                        _belegt(f"Das Warehouse {settings.warehouse}", _inhaber(pfad), warten)
                    ) from None
                time.sleep(TAKT_SEKUNDEN)
        inhaber = {
            "pid": os.getpid(),
            "befehl": befehl,
            "seit": f"{datetime.now():%d.%m.%Y %H:%M:%S}",
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(inhaber, ensure_ascii=False).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)  # an unheld lock names nobody
    finally:
        os.close(fd)  # releases the lock


def _inhaber(pfad: Path) -> dict:
    try:
        return json.loads(pfad.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # taken a moment ago, holder not yet written


def _belegt(was: str, inhaber: dict, warten: float) -> str:
    wer = inhaber.get("befehl") or "ein anderer Prozess"
    pid = f"PID {inhaber['pid']}" if inhaber.get("pid") else "PID unbekannt"
    seit = f", seit {inhaber['seit']}" if inhaber.get("seit") else ""
    gewartet = f" (nach {warten:g} s Warten)" if warten else ""
    return (
        f"{was} ist belegt{gewartet}: {wer} ({pid}{seit}) arbeitet "
        "darauf. Später erneut starten oder mit --warten SEKUNDEN auf das Ende warten."
    )


def belegt_laut_duckdb(text: str) -> str | None:
    """DuckDB's lock conflict (a process outside this lock, e.g. an open DuckDB shell), in German."""
    if "Conflicting lock" not in text:
        return None
    datei = re.search(r'lock on file "(.*?)"', text)
    gefunden = re.search(r"held in (.*?) \(PID (\d+)\)", text)
    inhaber = {"befehl": gefunden[1], "pid": gefunden[2]} if gefunden else {}
    return _belegt(f"Die DuckDB-Datei {datei[1] if datei else ''}".strip(), inhaber, 0)
