"""Yearly snapshot: on 1 March, when the deliveries of 31 December are complete."""

import dagster as dg

from orchestration.defs.jobs import stichtag_job


@dg.schedule(
    job=stichtag_job,
    cron_schedule="0 6 1 3 *",
    execution_timezone="Europe/Berlin",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
def jahreslauf(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """The run for the previous year's Stichtag (1 March 2025 -> 2024-12-31)."""
    stichtag = f"{context.scheduled_execution_time.year - 1}-12-31"
    return dg.RunRequest(run_key=stichtag, partition_key=stichtag)
