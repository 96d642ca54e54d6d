"""The yearly run of one Stichtag: every asset and check, land to publish."""

import dagster as dg

from orchestration.defs.partitions import stichtag_partitions

stichtag_job = dg.define_asset_job(
    name="stichtag_lauf",
    description="Landen, dbt build, Qualitätsprüfungen und Veröffentlichung für einen Stichtag.",
    selection=dg.AssetSelection.all(include_sources=False),
    partitions_def=stichtag_partitions,
)
