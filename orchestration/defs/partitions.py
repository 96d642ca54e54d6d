"""Stichtag partitions: one partition per reference date ``YYYY-12-31``.

A yearly time window that starts on 31 December, so the partition key *is* the Stichtag
(``2024-12-31``) and backfills over a range of years work from the UI and the CLI.
``end_offset=1`` makes a Stichtag available from the day itself, so the March run can
request the previous year's Stichtag.
"""

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import dagster as dg

from sozialmonitor.settings import Settings, parse_stichtag

T = TypeVar("T")

#: First Stichtag that can be loaded; earlier years are not part of the warehouse.
FIRST_STICHTAG = "2015-12-31"

stichtag_partitions = dg.TimeWindowPartitionsDefinition(
    cron_schedule="0 0 31 12 *",
    start=FIRST_STICHTAG,
    fmt="%Y-%m-%d",
    timezone="Europe/Berlin",
    end_offset=1,
)

#: A backfill of several Stichtage is one run that handles them oldest first (each year's
#: indicators read the previous year); see `stichtage`.
backfill_policy = dg.BackfillPolicy.single_run()


def stichtage(context) -> list[date]:
    """The Stichtage of this run, oldest first: one, or a whole backfill range."""
    return sorted(parse_stichtag(key) for key in context.partition_keys)


def run_per_stichtag(
    context, settings, stage: Callable[..., T], *args, **kwargs
) -> tuple[Settings, list[T]]:
    """The run's settings, and ``stage(settings, stichtag, *args, **kwargs)`` for each Stichtag
    of the run, oldest first: what landing, the quality checks and publishing do per run."""
    cfg = settings.get()
    return cfg, [stage(cfg, stichtag, *args, **kwargs) for stichtag in stichtage(context)]
