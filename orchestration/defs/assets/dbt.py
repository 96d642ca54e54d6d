"""The dbt project as assets (staging to publish), partitioned by Stichtag, with the
quality suites that guard dbt models as asset checks next to them.

Each Stichtag is one ``dbt build`` with the same arguments and environment as
``sozialmonitor build`` (``sozialmonitor.transform.dbt_args``, ``warehouse_env``). A backfill
range builds its Stichtage oldest first: each year's indicators read the previous year.
"""

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets, get_asset_key_for_model

from orchestration.checks import suite_check
from orchestration.dbt_tests import beschreibung
from orchestration.defs.partitions import backfill_policy, stichtag_partitions, stichtage
from orchestration.defs.resources import SozialmonitorSettings
from orchestration.project import DAGSTER_PARSE, dbt_project
from sozialmonitor import quality
from sozialmonitor.landing import QUELLEN
from sozialmonitor.transform import dbt_args, geteilter_parse, warehouse_env


class _Translator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        # A source is named after its department (source('ewo', 'einwohner')); its asset is the
        # table itself, raw/ewo_einwohner: the landing asset that writes it.
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["identifier"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str:
        # staging | intermediate | marts | indicators | publish | seeds
        return dbt_resource_props["config"].get("schema") or "dbt"

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project):
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None:
            return None
        # partitioned like the models they test: the UI shows a result per Stichtag
        return dg.AssetCheckSpec(
            spec.name,
            asset=spec.asset_key,
            description=beschreibung(manifest["nodes"][unique_id]),
            additional_deps=spec.additional_deps,
            blocking=spec.blocking,
            metadata=spec.metadata,
            partitions_def=stichtag_partitions,
        )


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=_Translator(),
    partitions_def=stichtag_partitions,
    backfill_policy=backfill_policy,
)
def dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, settings: SozialmonitorSettings
):
    cfg = settings.get()
    *earlier, last = stichtage(context)

    def target(stichtag: date) -> Path:
        # dbt's logs and run results of this run stay with the data, not in the repository
        return cfg.data_dir / "dbt" / f"{context.run.run_id}-{stichtag.year}"

    def build(stichtag: date):
        # the dbt process takes the environment (warehouse, Stichtag) when it starts, here
        with warehouse_env(cfg, stichtag):
            return dbt.cli(["build", *dbt_args()], context=context, target_path=target(stichtag))

    # Each run starts from the project's saved parse, not a full parse (orchestration/project.py).
    # A step yields each asset's output once: earlier years of a range only have to succeed.
    for stichtag in earlier:
        with geteilter_parse(target(stichtag), DAGSTER_PARSE):
            build(stichtag).wait()
    with geteilter_parse(target(last), DAGSTER_PARSE):
        yield from build(last).stream()


#: Suites on dbt models (address assignment on the intermediate views, results on marts and
#: indicators).
dbt_model_checks = [
    suite_check(suite, get_asset_key_for_model([dbt_models], suite.asset))
    for suite in quality.SUITES
    if suite.asset not in QUELLEN
]
