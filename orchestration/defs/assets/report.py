"""The Sozialbericht of the Stichtag, built from the published database after each publish.

Runs ``sozialmonitor.report.build_report``, the same code as ``sozialmonitor report``.
"""

import dagster as dg

from orchestration.defs.assets.publishing import published
from orchestration.defs.partitions import backfill_policy, stichtag_partitions, stichtage
from orchestration.defs.resources import SozialmonitorSettings
from orchestration.outcome import stage_metadata
from sozialmonitor.report import build_report


@dg.asset(
    key=["berichte", "sozialbericht"],
    group_name="publish",
    description="Sozialbericht als HTML und PDF je Stichtag und über alle Stichtage (berichte/).",
    deps=[published],
    partitions_def=stichtag_partitions,
    backfill_policy=backfill_policy,
    kinds={"html", "pdf"},
)
def sozialbericht(
    context: dg.AssetExecutionContext, settings: SozialmonitorSettings
) -> dg.MaterializeResult:
    cfg = settings.get()
    results = [build_report(cfg, stichtag) for stichtag in stichtage(context)]
    metadata = stage_metadata(context, results)
    metadata["berichte"] = dg.MetadataValue.path(str(cfg.reports_dir))
    return dg.MaterializeResult(metadata=metadata)
