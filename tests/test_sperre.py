"""Two runs on one data dir: the second says in German who holds the warehouse and ends
(or waits), never with a traceback."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pytest
from click.testing import CliRunner

from sozialmonitor.cli import main
from sozialmonitor.settings import Settings
from sozialmonitor.sperre import WarehouseBelegt, sperrdatei, warehouse_sperre

#: Another run: holds the warehouse lock as `sozialmonitor run` for argv[2] seconds.
LAUF = """
import sys, time
from sozialmonitor.settings import Settings
from sozialmonitor.sperre import warehouse_sperre
with warehouse_sperre(Settings.from_env(data_dir=sys.argv[1]), "sozialmonitor run"):
    print("bereit", flush=True)
    time.sleep(float(sys.argv[2]))
"""
#: A process outside the lock with the warehouse open, e.g. an analyst's DuckDB session.
DUCKDB_SITZUNG = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("bereit", flush=True)
time.sleep(60)
"""


@contextmanager
def _prozess(script: str, *args: str) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout.readline().strip() == "bereit"
        yield process
    finally:
        process.kill()
        process.wait()


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Settings:
    monkeypatch.setenv("SOZIALMONITOR_PSEUDONYM_KEY", "sperre-test-key-" + "s" * 32)
    (tmp_path / "inbox" / "2024").mkdir(parents=True)
    return Settings.from_env(data_dir=tmp_path / "data", inbox=tmp_path / "inbox")


def _cli(settings: Settings, *args: str):
    return CliRunner().invoke(
        main,
        [*args, "--data-dir", str(settings.data_dir), "--inbox", str(settings.inbox)],
    )


@pytest.mark.parametrize("befehl", ["land", "run", "build"])
def test_a_second_run_names_the_run_holding_the_warehouse(settings, befehl):
    with _prozess(LAUF, str(settings.data_dir), "60") as lauf:
        result = _cli(settings, befehl)
    assert result.exit_code == 1
    assert f"Fehler: Das Warehouse {settings.warehouse} ist belegt" in result.output
    assert f"sozialmonitor run (PID {lauf.pid}, seit " in result.output
    assert isinstance(result.exception, SystemExit)  # click's exit, no Python traceback
    assert not settings.warehouse.exists()  # the second run wrote nothing


def test_a_process_outside_the_lock_holding_the_duckdb_file_is_named(settings):
    settings.data_dir.mkdir(parents=True)
    with _prozess(DUCKDB_SITZUNG, str(settings.warehouse)) as sitzung:
        result = _cli(settings, "land")
    assert result.exit_code == 1
    assert f"Die DuckDB-Datei {settings.warehouse} ist belegt" in result.output
    assert f"(PID {sitzung.pid})" in result.output
    assert isinstance(result.exception, SystemExit)


def test_a_run_may_wait_for_the_other_to_end(settings):
    with _prozess(LAUF, str(settings.data_dir), "1") as lauf:
        start = time.monotonic()
        with (
            pytest.raises(WarehouseBelegt, match="nach 0.3 s Warten"),
            warehouse_sperre(settings, "sozialmonitor land", warten=0.3),
        ):
            pass
        with warehouse_sperre(settings, "sozialmonitor land", warten=30):
            assert time.monotonic() - start >= 0.5
            assert '"befehl": "sozialmonitor land"' in sperrdatei(settings).read_text()
        assert lauf.wait(timeout=10) == 0  # the first run ended normally, not killed
    assert sperrdatei(settings).read_text() == ""  # a released lock names nobody


def test_the_lock_of_a_killed_run_is_free_again(settings):
    with _prozess(LAUF, str(settings.data_dir), "60") as lauf:
        lauf.kill()
        lauf.wait()
        with (
            warehouse_sperre(settings, "sozialmonitor run"),
            duckdb.connect(str(settings.warehouse)) as con,
        ):
            assert con.execute("SELECT 1").fetchone() == (1,)


def test_dbt_finding_the_duckdb_file_held_names_the_holder_not_a_traceback(settings):
    settings.data_dir.mkdir(parents=True)
    with _prozess(DUCKDB_SITZUNG, str(settings.warehouse)) as sitzung:
        result = _cli(settings, "build")
    assert result.exit_code == 1
    assert "build: BLOCKIERT" in result.output
    assert f"Die DuckDB-Datei {settings.warehouse} ist belegt" in result.output
    assert f"(PID {sitzung.pid})" in result.output
    assert "Traceback" not in result.output and "File " not in result.output
