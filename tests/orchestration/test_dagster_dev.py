"""Smoke test: `dagster dev` as `make dagster` starts it serves the UI and loads the code."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from sozialmonitor.settings import PROJECT_DIR

pytestmark = pytest.mark.slow

LOCATION_QUERY = """{ workspaceOrError { ... on Workspace { locationEntries {
  name locationOrLoadError { __typename ... on PythonError { message } } } } } }"""


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


def test_dagster_dev_serves_and_loads_the_definitions(tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT_DIR / "orchestration" / "dagster_home" / "dagster.yaml", home)
    port = _free_port()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "SOZIALMONITOR_DATA_DIR": str(tmp_path / "data"),
        "SOZIALMONITOR_PSEUDONYM_KEY": "x" * 40,
    }
    dagster = Path(sys.executable).with_name("dagster")
    process = subprocess.Popen(
        [str(dagster), "dev", "--host", "127.0.0.1", "--port", str(port)],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        info = locations = None
        while time.monotonic() < deadline and process.poll() is None:
            info = info or _get(f"{base}/server_info")
            answer = info and _get(
                f"{base}/graphql", json.dumps({"query": LOCATION_QUERY}).encode()
            )
            entries = (answer or {}).get("data", {}).get("workspaceOrError", {}).get(
                "locationEntries"
            ) or []
            locations = {e["name"]: e["locationOrLoadError"] for e in entries}
            if locations and all(v is not None for v in locations.values()):
                break  # loaded, or failed to load: either way the answer is final
            time.sleep(2)
        assert info and "dagster_webserver_version" in info, "no /server_info answer"
        assert locations and all(
            v["__typename"] == "RepositoryLocation" for v in locations.values()
        ), locations
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
