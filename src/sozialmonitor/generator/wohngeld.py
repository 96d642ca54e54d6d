"""wohngeld: one row per household receiving housing benefit on the Stichtag."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from sozialmonitor.generator import dates
from sozialmonitor.generator.adressen import address_columns
from sozialmonitor.generator.bevoelkerung import Panel
from sozialmonitor.generator.csvfile import Table, fmt_date, fmt_decimal, fmt_id, fmt_int
from sozialmonitor.generator.haushalte import Haushalte
from sozialmonitor.generator.traits import department_id, trait

SALT = 501


def wohngeld_table(panel: Panel, hh: Haushalte) -> Table:
    rows = np.flatnonzero(hh.wohngeld)
    rng = np.random.default_rng([panel.seed, panel.year, SALT])
    n = len(rows)
    size, minors = hh.size[rows], hh.minors[rows]
    amount = (95 + 55 * size + 25 * minors) * rng.uniform(0.6, 1.4, n)
    d = panel.profile.belastung[hh.distrikt[rows]]
    owner = trait(hh.num[rows], SALT) < 0.15 - 0.12 * d
    # Twelve-month approvals that cover the Stichtag; the start is a stable month per household.
    start_month = 1 + np.floor(trait(hh.num[rows], SALT + 1) * 12).astype(np.int64)
    ab = dates.day(panel.year, start_month, 1)
    bis = dates.add_months(ab, 12) - 1
    table = {"WG_FALL_ID": fmt_id("W", department_id(hh.num[rows], 3_571_429, 40_000_000), 8)}
    table |= address_columns(panel.kataster, hh.addr[rows], rng)
    table |= {
        "HAUSHALT_PERSONEN": fmt_int(size),
        "KINDER_UNTER_18": fmt_int(minors),
        "WOHNGELD_EUR": fmt_decimal(amount, 2),
        "ART": pa.array(np.where(owner, "LASTENZUSCHUSS", "MIETZUSCHUSS")),
        "BEWILLIGT_AB": fmt_date(ab),
        "BEWILLIGT_BIS": fmt_date(bis),
    }
    return table
