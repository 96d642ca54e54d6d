"""Publication: write-audit-publish of the release (database, exports, report).

Runs ``sozialmonitor.publishing.publish``, the same code as ``sozialmonitor publish``, after
the same catch-up as ``sozialmonitor run``: later Stichtage computed against an older state
of their previous year are built and checked again first (a backfill builds its years before
any of them is checked). It runs only after every blocking asset check upstream passed; the
release rules read the latest quality results again and name what blocks.
"""

from datetime import date

import dagster as dg

from orchestration.defs.assets.dbt import dbt_model_checks, dbt_models
from orchestration.defs.partitions import backfill_policy, run_per_stichtag, stichtag_partitions
from orchestration.defs.resources import SozialmonitorSettings
from orchestration.stage_metadata import stage_metadata
from sozialmonitor.pipeline import folgejahre_nachziehen
from sozialmonitor.publishing import publish
from sozialmonitor.settings import Settings
from sozialmonitor.stage_result import StageResult


@dg.asset(
    key=["published", "sozialmonitor"],
    group_name="publish",
    description="Veröffentlichung als eine Einheit: Datenbank für BI (published/sozialmonitor.duckdb), Exporte und Sozialbericht (HTML, PDF) aller freigegebenen Stichtage.",
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
    def catch_up_and_publish(cfg: Settings, stichtag: date) -> StageResult:
        # a later year that fails its new check is left out of the release, named in the log
        folgejahre_nachziehen(cfg, stichtag, echo=context.log.info)
        return publish(cfg, stichtag)

    cfg, results = run_per_stichtag(context, settings, catch_up_and_publish)
    metadata = stage_metadata(context, results)
    metadata["datei"] = dg.MetadataValue.path(str(cfg.published_db))
    metadata["exporte"] = dg.MetadataValue.path(str(cfg.exports_dir))
    metadata["berichte"] = dg.MetadataValue.path(str(cfg.reports_dir))
    return dg.MaterializeResult(metadata=metadata)
