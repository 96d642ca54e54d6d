"""How deprived (belastet) each district is (0 = affluent, 1 = most deprived) and how much
its residents move (fluktuation, 1 = the city's usual turnover).

The values for a known municipality come from ``belastung.csv`` beside this module
(synthetic calibration, keyed by AGS and district code: the large estate of Wulfen-Barkenberg
turns over most, the villages least). Any other municipality gets a spread by district size
(larger districts are the more urban, more deprived and more mobile ones), so the generator
works from the seeds alone.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sozialmonitor.gemeinde import Gemeinde, load_gemeinde

PROFILE_FILE = Path(__file__).with_name("belastung.csv")


@dataclass(frozen=True)
class Profile:
    gemeinde: Gemeinde
    nr: tuple[str, ...]  # district codes, index = district index used everywhere in the generator
    einwohner: np.ndarray  # einwohner_ca per district
    belastung: np.ndarray  # 0..1 per district
    fluktuation: np.ndarray  # factor on moving away and moving within the city, per district

    @property
    def n(self) -> int:
        return len(self.nr)


def load_profile(gemeinde: Gemeinde | None = None) -> Profile:
    gemeinde = gemeinde or load_gemeinde()
    nr = tuple(t.nr for t in gemeinde.stadtteile)
    einwohner = np.array([t.einwohner_ca for t in gemeinde.stadtteile], dtype=np.float64)
    with open(PROFILE_FILE, encoding="utf-8", newline="") as handle:
        known = {
            row["stadtteil_nr"]: (float(row["belastung"]), float(row["fluktuation"]))
            for row in csv.DictReader(handle, delimiter=";")
            if row["ags"] == gemeinde.ags
        }
    if set(known) == set(nr):
        belastung = np.array([known[n][0] for n in nr])
        fluktuation = np.array([known[n][1] for n in nr])
    else:
        ranks = np.argsort(np.argsort(einwohner))
        belastung = 0.05 + 0.85 * ranks / max(len(nr) - 1, 1)
        fluktuation = 0.6 + 0.8 * ranks / max(len(nr) - 1, 1)
    return Profile(
        gemeinde=gemeinde,
        nr=nr,
        einwohner=einwohner,
        belastung=belastung,
        fluktuation=fluktuation,
    )
