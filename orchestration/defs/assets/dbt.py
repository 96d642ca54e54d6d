"""The dbt project as assets (staging to publish), partitioned by Stichtag, with the
quality suites that guard dbt models as asset checks next to them.

Each Stichtag is one ``dbt build`` with the same arguments as ``sozialmonitor build``
(``sozialmonitor.transform.dbt_args``). A backfill range builds its Stichtage oldest
first, because each year's indicators and social index read the previous year.
"""

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets, get_asset_key_for_model
from sozialmonitor.transform import dbt_args

from orchestration.checks import suite_check
from orchestration.defs.partitions import backfill_policy, stichtag_partitions, stichtage
from orchestration.defs.resources import SozialmonitorSettings
from orchestration.project import dbt_project
from sozialmonitor import quality
from sozialmonitor.landing import QUELLEN
from sozialmonitor.settings import Settings


class _Translator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str:
        # staging | intermediate | marts | indicators | publish | seeds
        return dbt_resource_props["config"].get("schema") or "dbt"


@contextmanager
def _warehouse_env(settings: Settings) -> Iterator[None]:
    """profiles.yml reads the warehouse path from the environment of the dbt process."""
    saved = {key: os.environ.get(key) for key in settings.dbt_env()}
    os.environ.update(settings.dbt_env())
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


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

    def build(stichtag: date):
        # dbt's logs and run results of this run stay with the data, not in the repository
        target = cfg.data_dir / "dbt" / f"{context.run.run_id}-{stichtag.year}"
        return dbt.cli(["build", *dbt_args(stichtag)], context=context, target_path=target)

    with _warehouse_env(cfg):
        # A step yields each asset's output once: earlier years of a range only have to succeed.
        for stichtag in earlier:
            build(stichtag).wait()
        yield from build(last).stream()


#: Suites on dbt models (address assignment on staging, results on marts and indicators).
dbt_model_checks = [
    suite_check(suite, get_asset_key_for_model([dbt_models], suite.asset))
    for suite in quality.SUITES
    if suite.asset not in QUELLEN
]
