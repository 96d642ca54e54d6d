"""Leftovers of an interrupted publish (killed, power cut): removed by the next publish.

A publish builds its release beside the live one and renames at the end: the folder
``published/.neu-<pid>/`` (database, exports, reports), and within it the export folders
``exports/.<YYYY>-<pid>/`` and workbook ``exports/.sozialmonitor_alle_jahre.xlsx-<pid>``.
What a process that no longer runs left behind is never renamed into place; the files of
a running process are left alone.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from sozialmonitor.settings import Settings

#: The temporary names of publish (wap.bereich) and of the exports, with their PID.
RESTE = {
    "published_dir": re.compile(r"\.neu-(\d+)"),
    "exports_dir": re.compile(r"\.(?:\d{4}|sozialmonitor_alle_jahre\.xlsx)-(\d+)"),
}


def _laeuft(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def raeume_auf(settings: Settings) -> list[Path]:
    """Remove the leftovers of publishes whose process is gone; returns what was removed."""
    entfernt = []
    for ordner_name, muster in RESTE.items():
        ordner: Path = getattr(settings, ordner_name)
        if not ordner.is_dir():
            continue
        for pfad in sorted(ordner.iterdir()):
            treffer = muster.fullmatch(pfad.name)
            if treffer is None or _laeuft(int(treffer[1])):
                continue
            if pfad.is_dir() and not pfad.is_symlink():
                shutil.rmtree(pfad)
            else:
                pfad.unlink()
            entfernt.append(pfad)
    return entfernt
