"""Publication: write-audit-publish of the BI database and the exports of the Stichtag.

Runs ``sozialmonitor.publishing.publish``, the same code as ``sozialmonitor publish``.
It runs only after every blocking asset check upstream passed; the publish audit itself
checks the latest quality results again and names the suite that blocks.
"""

import dagster as dg

from orchestration.defs.assets.dbt import dbt_model_checks, dbt_models
from orchestration.defs.partitions import backfill_policy, stichtag_partitions, stichtage
from orchestration.defs.resources import SozialmonitorSettings
from orchestration.outcome import stage_metadata
from sozialmonitor.publishing import publish


@dg.asset(
    key=["published", "sozialmonitor"],
    group_name="publish",
    description="Veröffentlichte Datenbank für BI (published/sozialmonitor.duckdb) und Exporte je Stichtag.",
    # The dbt publish layer, and every model a blocking quality suite guards: a blocking check
    # stops only the *direct* children of its asset, and the guarded models are built in the
    # same dbt step as their own children.
    deps=sorted(
        {key for key in dbt_models.keys if key.path[0] == "publish"}
        | {
            check.check_key.asset_key
            for check in dbt_model_checks
            if check.get_spec_for_check_key(check.check_key).blocking
        },
        key=lambda key: key.path,
    ),
    partitions_def=stichtag_partitions,
    backfill_policy=backfill_policy,
    kinds={"duckdb", "parquet"},
)
def published(
    context: dg.AssetExecutionContext, settings: SozialmonitorSettings
) -> dg.MaterializeResult:
    cfg = settings.get()
    results = [publish(cfg, stichtag) for stichtag in stichtage(context)]
    metadata = stage_metadata(context, results)
    metadata["datei"] = dg.MetadataValue.path(str(cfg.published_db))
    metadata["exporte"] = dg.MetadataValue.path(str(cfg.exports_dir))
    return dg.MaterializeResult(metadata=metadata)
