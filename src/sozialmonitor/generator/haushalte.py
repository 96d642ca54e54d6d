"""Households on a Stichtag and which of them draw SGB II or Wohngeld.

Benefit status rests mostly on a stable household trait, so a household that drew
benefits last year most likely still does; the rest is a yearly draw (turnover).
Probabilities follow district deprivation and household type (single parents,
foreign households, large families more often).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sozialmonitor.generator.bevoelkerung import DE, RENTENALTER, Panel
from sozialmonitor.generator.traits import trait

SALT_SGB2, SALT_WOHNGELD, SALT_LANGZEIT = 201, 202, 203


@dataclass(frozen=True)
class Haushalte:
    person: np.ndarray  # indices of present persons into the panel
    of_person: np.ndarray  # household position per entry of ``person``
    num: np.ndarray  # household number per household
    size: np.ndarray
    minors: np.ndarray
    adults: np.ndarray
    working_age: np.ndarray  # members below the retirement age
    foreign: np.ndarray  # some member has no German nationality
    distrikt: np.ndarray
    addr: np.ndarray
    sgb2: np.ndarray  # household is a Bedarfsgemeinschaft
    wohngeld: np.ndarray

    @property
    def single_parent(self) -> np.ndarray:
        return (self.minors > 0) & (self.adults == 1)


def haushalte(panel: Panel) -> Haushalte:
    p = panel.p
    person = np.flatnonzero(panel.present)
    num, of_person = np.unique(p["hh"][person], return_inverse=True)
    n = len(num)
    age = panel.age()[person]
    minors = np.bincount(of_person, weights=age < 18, minlength=n).astype(np.int64)
    size = np.bincount(of_person, minlength=n)
    working_age = np.bincount(of_person, weights=age < RENTENALTER, minlength=n).astype(np.int64)
    foreign_person = (p["nat1"][person] != DE) & (p["nat2"][person] != DE)
    foreign = np.bincount(of_person, weights=foreign_person, minlength=n) > 0
    addr = np.zeros(n, dtype=np.int32)
    addr[of_person] = p["addr"][person]
    distrikt = panel.kataster.distrikt[addr]
    adults = size - minors

    rng = np.random.default_rng([panel.seed, panel.year, SALT_SGB2])
    d = panel.profile.belastung[distrikt]
    single_parent = (minors > 0) & (adults == 1)
    factor = (
        np.where(single_parent, 3.5, 1.0)
        * np.where(foreign, 2.4, 1.0)
        * np.where(minors >= 3, 1.6, 1.0)
        * np.where((adults == 2) & (minors == 0), 0.6, 1.0)
    )
    p_sgb2 = ((0.022 + 0.15 * d) * factor).clip(0, 0.85) * (working_age > 0)
    u = 0.85 * trait(num, SALT_SGB2) + 0.15 * rng.random(n)
    sgb2 = u < p_sgb2

    p_wohngeld = (
        (0.018 + 0.05 * d) * np.where(working_age == 0, 2.0, 1.0) * np.where(minors > 0, 1.8, 1.0)
    )
    u = 0.85 * trait(num, SALT_WOHNGELD) + 0.15 * rng.random(n)
    wohngeld = ~sgb2 & (u < p_wohngeld)
    return Haushalte(
        person,
        of_person,
        num,
        size,
        minors,
        adults,
        working_age,
        foreign,
        distrikt,
        addr,
        sgb2,
        wohngeld,
    )
