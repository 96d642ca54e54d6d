"""hze_faelle: child and youth welfare cases, carried across years with stable FALL_IDs.

Cases start at a yearly rate that rises with district deprivation, single parents
and benefit receipt; each runs for a duration typical of its Hilfeart. A case of a
young person who leaves the city ends early in the year they left.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from sozialmonitor.generator import dates
from sozialmonitor.generator.adressen import address_columns
from sozialmonitor.generator.bevoelkerung import Panel
from sozialmonitor.generator.csvfile import Table, fmt_codes, fmt_date, fmt_id
from sozialmonitor.generator.haushalte import Haushalte
from sozialmonitor.generator.traits import choose, department_id, trait
from sozialmonitor.landing.quellen import GESCHLECHT, HILFEARTEN

SALT = 901
_MEAN_DAYS = np.array([330, 365, 420, 480, 600, 1400, 800, 400, 650, 450])
#: Hilfeart mix by age band 0-5, 6-13, 14-17, 18-20 (columns as the contract's HILFEARTEN).
_MIX = np.array(
    [
        [0.15, 0.00, 0.00, 0.50, 0.00, 0.25, 0.05, 0.00, 0.05, 0.00],
        [0.15, 0.08, 0.07, 0.30, 0.12, 0.10, 0.08, 0.00, 0.10, 0.00],
        [0.08, 0.00, 0.25, 0.15, 0.00, 0.08, 0.25, 0.06, 0.13, 0.00],
        [0.00, 0.00, 0.10, 0.00, 0.00, 0.00, 0.10, 0.00, 0.10, 0.70],
    ]
)
_YEARS_OF_HISTORY = 6  # the first year's stock holds cases begun this many years back


class HzeRegister:
    """All cases ever opened; ``update`` opens and closes the cases of the panel's year."""

    def __init__(self) -> None:
        self.fall = np.zeros(0, dtype=np.int64)
        self.person = np.zeros(0, dtype=np.int64)
        self.hilfeart = np.zeros(0, dtype=np.int64)
        self.beginn = np.zeros(0, dtype=np.int64)
        self.ende = np.zeros(0, dtype=np.int64)

    def update(self, panel: Panel, hh: Haushalte) -> None:
        rng = np.random.default_rng([panel.seed, panel.year, SALT])
        year_start, stichtag = dates.day(panel.year, 1, 1), dates.stichtag(panel.year)
        first_year = len(self.fall) == 0
        # Cases of young people who left the city since last year end early this year.
        gone = (panel.p["weg"][self.person] == panel.year) & (self.ende >= year_start)
        self.ende[gone] = np.minimum(
            self.ende[gone],
            year_start + np.floor(trait(self.fall[gone], SALT) * 150).astype(np.int64),
        )

        age = panel.age()
        active = np.zeros(len(age), dtype=bool)
        active[self.person[self.ende >= year_start]] = True
        eligible = np.flatnonzero(panel.present & (age <= 20) & ~active)
        single_parent = np.zeros(len(age), dtype=bool)
        sgb2 = np.zeros(len(age), dtype=bool)
        single_parent[hh.person] = hh.single_parent[hh.of_person]
        sgb2[hh.person] = hh.sgb2[hh.of_person]
        d = panel.profile.belastung[panel.distrikt()[eligible]]
        rate = (
            0.0028
            * (1 + 4 * d)
            * np.where(single_parent[eligible], 2.5, 1)
            * np.where(sgb2[eligible], 2.0, 1)
        )
        span = _YEARS_OF_HISTORY if first_year else 1
        starts = eligible[rng.random(len(eligible)) < (rate * span).clip(0, 0.9)]
        n = len(starts)
        beginn = stichtag - np.floor(rng.random(n) * 365 * span).astype(np.int64)
        beginn = np.maximum(beginn, panel.p["geb"][starts] + 30)
        age_at_start = age[starts] - (panel.year - dates.year_of(beginn))
        band = np.digitize(age_at_start, [6, 14, 18])
        hilfeart = choose(rng.random(n), _MIX[band])
        ende = beginn + np.ceil(rng.exponential(_MEAN_DAYS[hilfeart])).astype(np.int64)
        keep = ende >= year_start  # the first year's history: only cases still running this year
        next_fall = len(self.fall) + 1
        self.fall = np.concatenate([self.fall, np.arange(next_fall, next_fall + keep.sum())])
        self.person = np.concatenate([self.person, starts[keep]])
        self.hilfeart = np.concatenate([self.hilfeart, hilfeart[keep]])
        self.beginn = np.concatenate([self.beginn, beginn[keep]])
        self.ende = np.concatenate([self.ende, ende[keep]])

    def table(self, panel: Panel) -> Table:
        """Cases active at any time in the panel's year; ENDE empty while ongoing."""
        rng = np.random.default_rng([panel.seed, panel.year, SALT + 1])
        year_start, stichtag = dates.day(panel.year, 1, 1), dates.stichtag(panel.year)
        rows = np.flatnonzero((self.beginn <= stichtag) & (self.ende >= year_start))
        person = self.person[rows]
        p = panel.p
        fall_id = department_id(self.fall[rows], 9_876_543, 11_111_111)
        ende = np.where(self.ende[rows] <= stichtag, self.ende[rows], dates.NO_DATE)
        table = {
            "FALL_ID": fmt_id("F", fall_id, 8),
            "GEB_DATUM": fmt_date(p["geb"][person]),
            "GESCHLECHT": fmt_codes(p["sex"][person], GESCHLECHT),
        }
        table |= address_columns(panel.kataster, p["addr"][person], rng)
        table |= {
            "HILFEART": pa.array(
                np.array(HILFEARTEN, dtype=object)[self.hilfeart[rows]], pa.string()
            ),
            "BEGINN": fmt_date(self.beginn[rows]),
            "ENDE": fmt_date(ende),
        }
        order = pa.array(np.argsort(fall_id, kind="stable"))
        return {name: column.take(order) for name, column in table.items()}
