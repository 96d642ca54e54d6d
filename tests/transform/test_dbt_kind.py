"""`kill -9` of a run also ends the dbt process it started (else dbt keeps writing the warehouse)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="prctl(PR_SET_PDEATHSIG)")

#: A run whose dbt is a long sleep that writes its PID: the real ``transform.dbt`` starts it.
LAUF = """
import sys
import sozialmonitor.transform as transform
from sozialmonitor.settings import Settings

dbt = [sys.executable, "-c", "import os, sys, time; open(sys.argv[1], 'w').write(str(os.getpid())); time.sleep(120)", sys.argv[2]]
transform.dbt_befehl = lambda *args, **kwargs: dbt
transform.dbt(Settings.from_env(data_dir=sys.argv[1]), "build")
"""


def _lebt(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def _warte(bedingung, sekunden: float) -> bool:
    frist = time.monotonic() + sekunden
    while time.monotonic() < frist:
        if bedingung():
            return True
        time.sleep(0.05)
    return bedingung()


def test_killing_the_run_ends_its_dbt_child(tmp_path):
    pidfile = tmp_path / "dbt.pid"
    lauf = subprocess.Popen([sys.executable, "-c", LAUF, str(tmp_path / "data"), str(pidfile)])
    kind = None
    try:
        assert _warte(lambda: pidfile.is_file() and pidfile.read_text(), 30), "dbt not started"
        kind = int(pidfile.read_text())
        assert _lebt(kind)
        os.kill(lauf.pid, signal.SIGKILL)
        lauf.wait()
        assert _warte(lambda: not _lebt(kind), 5), "dbt outlived the killed run"
    finally:
        lauf.kill()
        if kind and _lebt(kind):
            os.kill(kind, signal.SIGKILL)
