"""Smoke tests: `dagster dev` as `make dagster` starts it (orchestration/dev.py) serves the UI,
loads the code, and Ctrl-C ends it together with a run in progress."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

import psutil
import pytest

from sozialmonitor.settings import PROJECT_DIR

pytestmark = pytest.mark.slow

LOCATION_QUERY = """{ workspaceOrError { ... on Workspace { locationEntries {
  name locationOrLoadError { __typename ... on PythonError { message } } } } } }"""
STARTED_RUNS_QUERY = """{ runsOrError(filter: {statuses: [STARTED]}) {
  ... on Runs { results { runId } } } }"""
#: What a person waits at most after Ctrl-C.
STOP_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, data: bytes | None = None) -> dict | None:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.load(response)
    except OSError:
        return None


def _graphql(base: str, query: str) -> dict:
    answer = _get(f"{base}/graphql", json.dumps({"query": query}).encode())
    return (answer or {}).get("data") or {}


@contextmanager
def _dagster_dev(tmp_path: Path):
    """`make dagster`'s command on a free port with its own instance; yields process and URL
    once the code location answered (loaded or failed)."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT_DIR / "orchestration" / "dagster_home" / "dagster.yaml", home)
    port = _free_port()
    env = {
        "SOZIALMONITOR_DATA_DIR": str(tmp_path / "data"),
        "SOZIALMONITOR_PSEUDONYM_KEY": "x" * 40,
        **os.environ,
        "DAGSTER_HOME": str(home),
    }
    log = open(tmp_path / "dagster_dev.log", "w")  # noqa: SIM115 – closed in finally
    process = subprocess.Popen(
        [sys.executable, "-m", "orchestration.dev", "--host", "127.0.0.1", "--port", str(port)],
        cwd=PROJECT_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    seen: dict[int, psutil.Process] = {}

    def processes() -> list[psutil.Process]:
        """The launcher and every process it started so far (all are killed at the end)."""
        try:
            root = psutil.Process(process.pid)
            seen.update({p.pid: p for p in [root, *root.children(recursive=True)]})
        except psutil.NoSuchProcess:
            pass
        return list(seen.values())

    try:
        deadline = time.monotonic() + 240
        info = locations = None
        while time.monotonic() < deadline and process.poll() is None:
            info = info or _get(f"{base}/server_info")
            entries = (
                _graphql(base, LOCATION_QUERY).get("workspaceOrError", {}).get("locationEntries")
            ) or []
            locations = {e["name"]: e["locationOrLoadError"] for e in entries}
            if locations and all(v is not None for v in locations.values()):
                break  # loaded, or failed to load: either way the answer is final
            time.sleep(2)
        assert info and "dagster_webserver_version" in info, "no /server_info answer"
        assert locations and all(
            v["__typename"] == "RepositoryLocation" for v in locations.values()
        ), locations
        yield process, base, processes
    finally:
        for one in processes():
            with suppress(psutil.NoSuchProcess):
                one.kill()
        process.wait()
        log.close()


def test_dagster_dev_serves_and_loads_the_definitions(tmp_path):
    with _dagster_dev(tmp_path) as (process, _, _):
        assert process.poll() is None
    log = (tmp_path / "dagster_dev.log").read_text()
    assert "Launching Dagster services" in log
    # one code location name, configured once (it was configured twice and warned per load)
    assert "code location name" not in log


def test_ctrl_c_ends_dagster_dev_and_its_run(tmp_path, data_dir):
    with _dagster_dev(tmp_path) as (process, base, processes):
        deadline = time.monotonic() + 180
        runs = []
        while not runs and time.monotonic() < deadline:  # the sensor's first tick requests it
            runs = _graphql(base, STARTED_RUNS_QUERY).get("runsOrError", {}).get("results")
            time.sleep(2)
        assert runs, "the sensor started no run for the inbox"
        started = processes()
        process.send_signal(signal.SIGINT)  # to the one process, as an IDE or supervisor does
        _, alive = psutil.wait_procs(started, timeout=STOP_SECONDS)
        assert not alive, f"still running after SIGINT: {[p.cmdline() for p in alive]}"
