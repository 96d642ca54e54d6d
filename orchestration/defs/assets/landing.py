"""One landing asset per delivery source (``raw/<source>``), partitioned by Stichtag, with
the delivery suite of the source as its asset check.

Landing runs ``sozialmonitor.landing.land_source``, the same code as ``sozialmonitor land``.
A missing or rejected file fails the asset with landing's messages (file, row, rule);
the other sources still land, and nothing downstream of the failed source is built.
"""

import dagster as dg

from orchestration.checks import suite_check
from orchestration.defs.partitions import backfill_policy, run_per_stichtag, stichtag_partitions
from orchestration.defs.resources import SozialmonitorSettings
from orchestration.stage_metadata import stage_metadata
from sozialmonitor import quality
from sozialmonitor.landing import QUELLEN, land_source


def _landing_asset(quelle: str) -> dg.AssetsDefinition:
    @dg.asset(
        key=["raw", quelle],
        group_name="landing",
        description=f"Lieferung {quelle}: geprüft, pseudonymisiert und in raw.{quelle} geladen.",
        partitions_def=stichtag_partitions,
        backfill_policy=backfill_policy,
        kinds={"python", "duckdb"},
    )
    def _land(
        context: dg.AssetExecutionContext, settings: SozialmonitorSettings
    ) -> dg.MaterializeResult:
        _, results = run_per_stichtag(context, settings, land_source, quelle)
        return dg.MaterializeResult(metadata=stage_metadata(context, results))

    return _land


landing_assets = [_landing_asset(quelle) for quelle in QUELLEN]

#: Delivery suites check the raw table right after landing, before dbt reads it.
landing_checks = [
    suite_check(suite, dg.AssetKey(["raw", suite.asset]))
    for suite in quality.SUITES
    if suite.asset in QUELLEN
]
