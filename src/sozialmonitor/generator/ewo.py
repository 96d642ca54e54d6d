"""ewo_einwohner: one row per resident with main residence on the Stichtag."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from sozialmonitor.generator.adressen import address_columns
from sozialmonitor.generator.bevoelkerung import LAENDER, Panel
from sozialmonitor.generator.csvfile import Table, fmt_codes, fmt_date, fmt_id
from sozialmonitor.landing.quellen import GESCHLECHT

SALT = 301


def ewo_table(panel: Panel) -> Table:
    p = panel.p
    rows = np.flatnonzero(panel.present)
    rng = np.random.default_rng([panel.seed, panel.year, SALT])
    table = {
        "PERS_ID": fmt_id("P", p["num"][rows], 7),
        "HH_ID": fmt_id("H", p["hh"][rows], 7),
        "GEB_DATUM": fmt_date(p["geb"][rows]),
        "GESCHLECHT": fmt_codes(p["sex"][rows], GESCHLECHT),
        "STAATSANG_1": fmt_codes(p["nat1"][rows], LAENDER),
        "STAATSANG_2": fmt_codes(p["nat2"][rows], LAENDER),
        "GEBURTSLAND": fmt_codes(p["land"][rows], LAENDER),
        "EINBUERGERUNG": pa.array(np.where(p["einb"][rows], "J", "N")),
    }
    table |= address_columns(panel.kataster, p["addr"][rows], rng)
    table["ZUZUG_DATUM"] = fmt_date(p["zuzug"][rows])
    return table
