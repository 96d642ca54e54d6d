"""An interrupted publish leaves temporary files; the next publish removes them, and leaves
those of a publish that still runs."""

from __future__ import annotations

import subprocess
import sys

from sozialmonitor.publishing import publish
from tests.publishing.conftest import STICHTAGE


def _beendeter_prozess() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_next_publish_removes_the_leftovers_of_a_killed_one(settings):
    tot = _beendeter_prozess()
    laufend = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        settings.published_dir.mkdir(parents=True)
        reste = [
            settings.published_dir / f".neu-{tot}.duckdb",
            settings.published_dir / f".neu-{tot}.duckdb.wal",
            settings.published_dir / f".zurueck-{tot}.duckdb",
        ]
        for rest in reste:
            rest.write_bytes(b"halb geschrieben")
        halb = settings.exports_dir / f".2024-{tot}"
        halb.mkdir(parents=True)
        (halb / "fct_indikatoren.csv").write_text("stichtag;wert\n")
        fremd = settings.published_dir / f".neu-{laufend.pid}.duckdb"
        fremd.write_bytes(b"wird gerade geschrieben")

        result = publish(settings, STICHTAGE[-1])

        assert result.ok, result.messages
        assert not any(rest.exists() for rest in [*reste, halb])
        assert fremd.exists()  # a publish that still runs keeps its file
        assert f".neu-{tot}.duckdb" in result.messages[0]
        assert sorted(p.name for p in settings.exports_dir.iterdir()) == ["2024"]
    finally:
        laufend.kill()
        laufend.wait()
