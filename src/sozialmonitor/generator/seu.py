"""seu: school-entry examinations of the children starting school in August of the year."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from sozialmonitor.generator import dates
from sozialmonitor.generator.adressen import address_columns
from sozialmonitor.generator.bevoelkerung import Panel
from sozialmonitor.generator.csvfile import Table, fmt_codes, fmt_date, fmt_decimal, fmt_id, fmt_int
from sozialmonitor.generator.haushalte import Haushalte
from sozialmonitor.generator.kita import entry_day, school_start
from sozialmonitor.generator.traits import choose, department_id, trait
from sozialmonitor.landing.quellen import GESCHLECHT

SALT = 701
_BMI = np.array([12.6, 13.6, 15.4, 17.8, 20.5])


def household_flags(panel: Panel, hh: Haushalte) -> tuple[np.ndarray, np.ndarray]:
    """Per panel person: lives in a foreign household / in a Bedarfsgemeinschaft."""
    foreign = np.zeros(len(panel.present), dtype=bool)
    sgb2 = np.zeros(len(panel.present), dtype=bool)
    foreign[hh.person] = hh.foreign[hh.of_person]
    sgb2[hh.person] = hh.sgb2[hh.of_person]
    return foreign, sgb2


def school_cohort(panel: Panel, years_before: int) -> np.ndarray:
    """Residents who started school in August of ``year - years_before``."""
    geb = panel.p["geb"]
    return np.flatnonzero(
        panel.present
        & (geb > school_start(panel.year - years_before - 1))
        & (geb <= school_start(panel.year - years_before))
    )


def seu_table(panel: Panel, hh: Haushalte) -> Table:
    p = panel.p
    rng = np.random.default_rng([panel.seed, panel.year, SALT])
    cohort = school_cohort(panel, 0)
    rows = cohort[trait(p["num"][cohort], SALT) < 0.97]
    n = len(rows)
    nums, geb = p["num"][rows], p["geb"][rows]
    d = panel.profile.belastung[panel.distrikt()[rows]]
    foreign_hh, sgb2_hh = household_flags(panel, hh)
    foreign, poor = foreign_hh[rows], sgb2_hh[rows]

    over = 0.07 + 0.08 * d + 0.05 * poor
    klasse = (
        choose(
            rng.random(n),
            np.stack(
                [np.full(n, 0.015), np.full(n, 0.045), 0.94 - over, over * 0.55, over * 0.45],
                axis=1,
            ),
        )
        + 1
    )
    groesse = rng.normal(118.5, 5.3, n).round(1)
    bmi = _BMI[klasse - 1] * rng.normal(1, 0.03, n)
    gewicht = (bmi * (groesse / 100) ** 2).round(1)
    not_assessed = rng.random(n) < 0.02

    foerder = rng.random(n) < (0.06 + 0.10 * d + 0.45 * foreign + 0.08 * poor).clip(0, 0.9)
    p_complete = 0.93 - 0.08 * d - 0.05 * poor
    masern = np.array([2, 1, 0, 9])[
        choose(
            rng.random(n),
            np.stack(
                [p_complete, np.full(n, 0.03), np.full(n, 0.015), 1 - p_complete - 0.045], axis=1
            ),
        )
    ]
    u9 = rng.random(n) < 0.95 - 0.12 * d - 0.10 * poor - 0.08 * foreign

    entered = entry_day(nums, geb, p["milieu"][rows])
    school = dates.day(panel.year, 8, 1)
    kita_jahre = np.where(
        entered == dates.NO_DATE, 0.0, np.round((school - entered) / 365.25 * 2) / 2
    ).clip(0)
    unters = dates.day(panel.year, 1, 10) + np.floor(trait(nums, SALT + 1) * 170).astype(np.int64)
    unters = np.maximum(
        unters, np.where(p["zuzug"][rows] == dates.NO_DATE, unters, p["zuzug"][rows])
    ).clip(max=dates.stichtag(panel.year))

    unters_id = department_id(nums, 2_468_013, 55_555_555)
    table = {
        "UNTERS_ID": fmt_id("U", unters_id, 8),
        "GEB_DATUM": fmt_date(geb),
        "GESCHLECHT": fmt_codes(p["sex"][rows], GESCHLECHT),
    }
    table |= address_columns(panel.kataster, p["addr"][rows], rng)
    table |= {
        "UNTERS_DATUM": fmt_date(unters),
        "GROESSE_CM": fmt_decimal(groesse, 1),
        "GEWICHT_KG": fmt_decimal(gewicht, 1),
        "GEWICHTSKLASSE": fmt_int(klasse, not_assessed),
        "DEUTSCH_FOERDERBEDARF": pa.array(np.where(foerder, "J", "N")),
        "MASERN_IMPFUNG": fmt_int(masern),
        "U9_VORGELEGT": pa.array(np.where(u9, "J", "N")),
        "KITA_JAHRE": fmt_decimal(kita_jahre, 1, rng.random(n) < 0.02),
    }
    order = pa.array(np.argsort(unters_id, kind="stable"))
    return {name: column.take(order) for name, column in table.items()}
