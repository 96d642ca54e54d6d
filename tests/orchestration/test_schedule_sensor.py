"""Schedule and inbox sensor, evaluated with Dagster's test contexts."""

import os
import subprocess
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

import dagster as dg
from click.testing import CliRunner

from orchestration.definitions import defs
from orchestration.defs.resources import SozialmonitorSettings
from orchestration.defs.schedules import jahreslauf
from orchestration.defs.sensors import lieferungen
from sozialmonitor.cli import main as cli
from sozialmonitor.landing import lieferdatei
from sozialmonitor.settings import Settings


def _evaluate(cursor=None):
    # the settings resource holds the warehouse lock in a run: a context-manager resource
    with dg.build_sensor_context(
        cursor=cursor, resources={"settings": SozialmonitorSettings()}, definitions=defs
    ) as context:
        return lieferungen(context)


def test_schedule_requests_the_previous_years_stichtag():
    context = dg.build_schedule_context(
        scheduled_execution_time=datetime(2025, 3, 1, 6, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    )
    request = jahreslauf(context)
    assert isinstance(request, dg.RunRequest)
    assert request.partition_key == "2024-12-31"


def test_sensor_requests_complete_years_then_skips(data_dir):
    first = _evaluate()
    assert [r.partition_key for r in first.run_requests] == ["2023-12-31", "2024-12-31"]
    again = _evaluate(first.cursor)
    assert not again.run_requests
    assert isinstance(again.skip_reason, dg.SkipReason)


def test_sensor_requests_again_for_a_corrected_file(data_dir):
    first = _evaluate()
    path = lieferdatei(Settings.from_env(), date(2024, 12, 31), "schuluebergaenge")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # touched, same content
    touched = _evaluate(first.cursor)
    assert not touched.run_requests
    original = path.read_bytes()
    lines = original.split(b"\r\n")
    path.write_bytes(b"\r\n".join(lines[:-2] + lines[-1:]))  # corrected: one row less
    corrected = _evaluate(touched.cursor)
    assert [r.partition_key for r in corrected.run_requests] == ["2024-12-31"]
    assert corrected.run_requests[0].run_key != first.run_requests[1].run_key
    assert not _evaluate(corrected.cursor).run_requests
    path.write_bytes(original)  # the department withdraws its correction
    reverted = _evaluate(corrected.cursor)
    assert [r.partition_key for r in reverted.run_requests] == ["2024-12-31"]
    assert reverted.run_requests[0].run_key != first.run_requests[1].run_key


def test_sensor_waits_for_an_incomplete_year(data_dir):
    settings = Settings.from_env()
    lieferdatei(settings, date(2024, 12, 31), "wohngeld").unlink()
    result = _evaluate()
    assert [r.partition_key for r in result.run_requests] == ["2023-12-31"]
    later = _evaluate(result.cursor)
    assert not later.run_requests
    assert "2024-12-31 (fehlt: wohngeld)" in later.skip_reason.skip_message


#: Holds the warehouse open for writing until its stdin closes.
WRITER = (
    "import duckdb, sys; con = duckdb.connect(sys.argv[1]); print('offen', flush=True); "
    "sys.stdin.read()"
)


def _drop_last_row(path) -> None:
    lines = path.read_bytes().split(b"\r\n")
    path.write_bytes(b"\r\n".join(lines[:-2] + lines[-1:]))


def test_sensor_requests_nothing_for_what_the_cli_landed_then_a_changed_file(data_dir):
    landed = CliRunner().invoke(cli, ["land"])
    assert landed.exit_code == 0, landed.output
    first = _evaluate()  # a fresh Dagster: no cursor, only the load history
    assert not first.run_requests
    assert "bereits im Warehouse geladen: 2023-12-31, 2024-12-31" in first.skip_reason.skip_message
    _drop_last_row(lieferdatei(Settings.from_env(), date(2024, 12, 31), "wohngeld"))
    changed = _evaluate(first.cursor)
    assert [r.partition_key for r in changed.run_requests] == ["2024-12-31"]
    assert not _evaluate(changed.cursor).run_requests


def test_sensor_waits_while_another_process_writes_the_warehouse(data_dir):
    assert CliRunner().invoke(cli, ["land", "--stichtag", "2023-12-31"]).exit_code == 0
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            WRITER,
            str(Settings.from_env().warehouse),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "offen"
        busy = _evaluate()
    finally:
        writer.communicate("")
    assert isinstance(busy, dg.SkipReason) and "Warehouse belegt" in busy.skip_message
    after = _evaluate()  # the writer is gone: the year the CLI did not land is requested
    assert [r.partition_key for r in after.run_requests] == ["2024-12-31"]
