"""A Dagster run holds the warehouse like a CLI command: while another run holds it, the
run fails before any step, naming the holder; sensors never take the lock."""

import dagster as dg

from orchestration.definitions import defs
from sozialmonitor.settings import Settings
from tests.test_sperre import LAUF, _prozess


def test_a_dagster_run_fails_naming_the_run_holding_the_warehouse(data_dir):
    with _prozess(LAUF, str(data_dir), "60") as lauf:
        result = defs.resolve_job_def("stichtag_lauf").execute_in_process(
            instance=dg.DagsterInstance.ephemeral(),
            partition_key="2024-12-31",
            raise_on_error=False,
        )
        # the sensor only reads the inbox: it still works while the warehouse is held
        sensor = defs.resolve_sensor_def("lieferungen")
        with dg.build_sensor_context(resources=defs.resources) as context:
            assert sensor(context).run_requests
    assert not result.success
    errors = " ".join(
        str(e.event_specific_data.error.message)
        for e in result.all_events
        if getattr(e.event_specific_data, "error", None)
    )
    assert f"sozialmonitor run (PID {lauf.pid}" in errors
    assert not Settings.from_env(data_dir=data_dir).warehouse.exists()
