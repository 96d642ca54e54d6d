"""The yearly run of one Stichtag: every asset and check, land to report (partitioned by
Stichtag like all its assets)."""

import dagster as dg

stichtag_job = dg.define_asset_job(
    name="stichtag_lauf",
    description="Landen, dbt build, Qualitätsprüfungen und Veröffentlichung für einen Stichtag.",
    selection=dg.AssetSelection.all(include_sources=False),
)
