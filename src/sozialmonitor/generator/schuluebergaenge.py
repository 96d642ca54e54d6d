"""schuluebergaenge: pupils leaving primary school in summer, and where they go next."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from sozialmonitor.generator.adressen import address_columns
from sozialmonitor.generator.bevoelkerung import Panel
from sozialmonitor.generator.csvfile import Table, fmt_codes, fmt_date, fmt_id
from sozialmonitor.generator.einrichtungen import GRUNDSCHULE, Einrichtungen
from sozialmonitor.generator.haushalte import Haushalte
from sozialmonitor.generator.seu import household_flags, school_cohort
from sozialmonitor.generator.traits import choose, department_id, trait
from sozialmonitor.landing.quellen import GESCHLECHT, SCHULFORMEN

SALT = 801


def schuluebergaenge_table(panel: Panel, hh: Haushalte, einrichtungen: Einrichtungen) -> Table:
    p = panel.p
    rng = np.random.default_rng([panel.seed, panel.year, SALT])
    cohort = school_cohort(panel, 4)  # started school four summers ago
    rows = cohort[trait(p["num"][cohort], SALT) < 0.985]
    n = len(rows)
    nums = p["num"][rows]
    distrikt = panel.distrikt()[rows]
    d = panel.profile.belastung[distrikt]
    foreign_hh, sgb2_hh = household_flags(panel, hh)
    foreign, poor = foreign_hh[rows].astype(float), sgb2_hh[rows].astype(float)
    probabilities = np.stack(
        [
            (0.52 - 0.30 * d - 0.14 * poor - 0.06 * foreign).clip(0.05),
            0.24 + 0.06 * d,
            np.full(n, 0.14),
            0.02 + 0.04 * d + 0.03 * poor,
            np.full(n, 0.05),
            0.012 + 0.025 * d + 0.02 * poor,
            np.full(n, 0.01),
        ],
        axis=1,
    )
    schulform = choose(rng.random(n), probabilities)

    schools = einrichtungen.of_type(GRUNDSCHULE)
    school_distrikt = einrichtungen.distrikt[schools]
    pick = np.empty(n, dtype=np.int64)
    u = trait(nums, SALT + 1)
    for k in np.unique(distrikt):
        local = schools[school_distrikt == k]
        local = local if len(local) else schools
        pick[distrikt == k] = local[np.floor(u[distrikt == k] * len(local)).astype(np.int64)]

    schueler_id = department_id(nums, 1_357_913, 24_680_000)
    table = {
        "SCHUELER_ID": fmt_id("S", schueler_id, 8),
        "GEB_DATUM": fmt_date(p["geb"][rows]),
        "GESCHLECHT": fmt_codes(p["sex"][rows], GESCHLECHT),
    }
    table |= address_columns(panel.kataster, p["addr"][rows], rng)
    table |= {
        "GRUNDSCHULE_NR": pa.array(einrichtungen.nr_text(pick), pa.string()),
        "SCHULFORM": fmt_codes(schulform, SCHULFORMEN),
    }
    order = pa.array(np.argsort(schueler_id, kind="stable"))
    return {name: column.take(order) for name, column in table.items()}
