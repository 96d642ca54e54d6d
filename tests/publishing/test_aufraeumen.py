"""An interrupted publish leaves temporary files; the next publish removes them, and leaves
those of a publish that still runs."""

from __future__ import annotations

import subprocess
import sys

from sozialmonitor.publishing import publish
from tests.conftest import STICHTAGE


def _beendeter_prozess() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_next_publish_removes_the_leftovers_of_a_killed_one(settings):
    tot = _beendeter_prozess()
    laufend = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        settings.published_dir.mkdir(parents=True)
        release = settings.published_dir / f".neu-{tot}"  # a release being built when killed
        (release / "published").mkdir(parents=True)
        (release / "published" / "sozialmonitor.duckdb").write_bytes(b"halb geschrieben")
        halb = settings.exports_dir / f".2024-{tot}"
        halb.mkdir(parents=True)
        (halb / "fct_indikatoren.csv").write_text("stichtag;wert\n")
        mappe = settings.exports_dir / f".sozialmonitor_alle_jahre.xlsx-{tot}"
        mappe.write_bytes(b"halb")
        reste = [release, mappe]
        fremd = settings.published_dir / f".neu-{laufend.pid}"
        fremd.mkdir()

        result = publish(settings, STICHTAGE[-1])

        assert result.ok, result.messages
        assert not any(rest.exists() for rest in [*reste, halb])
        assert fremd.exists()  # a publish that still runs keeps its file
        assert f".neu-{tot}" in result.messages[0]
        assert sorted(p.name for p in settings.exports_dir.iterdir() if p.is_dir()) == [
            "2023",
            "2024",
        ]
    finally:
        laufend.kill()
        laufend.wait()
