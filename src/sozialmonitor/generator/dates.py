"""Dates as int64 days since 1970-01-01 (vectorised), with NO_DATE for "empty"."""

from __future__ import annotations

import numpy as np

NO_DATE = np.int64(-(10**7))


def day(year, month=1, dayofmonth=1) -> np.ndarray | np.int64:
    """Days since epoch for (vectorised) calendar dates; months/days must be valid."""
    years = np.asarray(year, dtype=np.int64)
    months = np.asarray(month, dtype=np.int64)
    first = (years - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (months - 1)
    result = (
        first.astype("datetime64[D]").astype(np.int64) + np.asarray(dayofmonth, dtype=np.int64) - 1
    )
    return result if result.ndim else np.int64(result)


def year_of(days: np.ndarray) -> np.ndarray:
    return (
        np.asarray(days, dtype=np.int64)
        .astype("datetime64[D]")
        .astype("datetime64[Y]")
        .astype(np.int64)
        + 1970
    )


def stichtag(year: int) -> np.int64:
    return day(year, 12, 31)


def add_months(days: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Same day-of-month ``months`` later (clipped to the month's end)."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    month_start = d.astype("datetime64[M]")
    offset = d - month_start.astype("datetime64[D]")
    target = month_start + np.asarray(months, dtype=np.int64)
    month_len = (target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")
    return (target.astype("datetime64[D]") + np.minimum(offset, month_len - 1)).astype(np.int64)
