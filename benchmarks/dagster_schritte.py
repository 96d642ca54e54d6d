"""The last run of a Dagster instance (``DAGSTER_HOME``): its duration and its slowest steps, as JSON.

The benchmark materializes one Stichtag partition with ``dagster asset materialize`` and reads
the run's own record here, so the report can tell the run from the CLI's start-up.
"""

from __future__ import annotations

import json

import dagster as dg

with dg.DagsterInstance.get() as instance:
    (lauf,) = instance.get_runs(limit=1)
    stats = instance.get_run_stats(lauf.run_id)
    schritte = sorted(
        (
            (s.step_key, s.end_time - s.start_time)
            for s in instance.get_run_step_stats(lauf.run_id)
            if s.start_time and s.end_time
        ),
        key=lambda schritt: -schritt[1],
    )
    pruefungen = instance.get_records_for_run(
        lauf.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION, limit=10_000
    ).records
    print(
        json.dumps(
            {
                "status": lauf.status.value,
                "lauf_s": stats.end_time - stats.start_time,
                "schritte": len(schritte),
                "materialisierungen": stats.materializations,
                "pruefungen": len(pruefungen),
                "langsamste": schritte[:5],
            }
        )
    )
