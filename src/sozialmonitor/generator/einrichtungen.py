"""einrichtungen: the social infrastructure register (stable across years).

Facilities are sized from the residents of the first simulated year: day-care
centres by the children expected in care, schools by pupils, so the places per
child differ between districts but stay plausible.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from sozialmonitor.generator.adressen import address_columns
from sozialmonitor.generator.bevoelkerung import Panel
from sozialmonitor.generator.csvfile import Table, fmt_int, quoted
from sozialmonitor.landing.quellen import EINRICHTUNGSTYPEN

KITA, GRUNDSCHULE = 0, 1  # indexes into the contract's EINRICHTUNGSTYPEN
_NAME = [
    "Kita",
    "Grundschule",
    "Gesamtschule",
    "Jugendtreff",
    "Familienzentrum",
    "Spielplatz",
    "Kinderarztpraxis",
]
_FREE_TRAEGER = [
    "AWO",
    "Caritas",
    "Ev. Kirchengemeinde",
    "Kath. Kirchengemeinde",
    "DRK",
    "Elterninitiative e. V.",
]
SALT = 401


@dataclass(frozen=True)
class Einrichtungen:
    nr: np.ndarray  # facility number (int), printed as E#####
    typ: np.ndarray
    distrikt: np.ndarray
    addr: np.ndarray
    plaetze: np.ndarray  # -1 = empty
    plaetze_u3: np.ndarray
    name: list[str]
    traeger: list[str]

    def of_type(self, typ: int) -> np.ndarray:
        return np.flatnonzero(self.typ == typ)

    def nr_text(self, rows: np.ndarray) -> np.ndarray:
        return np.array([f"E{n:05d}" for n in self.nr], dtype=object)[rows]

    def table(self, panel: Panel) -> Table:
        table = {
            "EINRICHTUNG_NR": pa.array(self.nr_text(np.arange(len(self.nr))), pa.string()),
            "TYP": pa.array(np.array(EINRICHTUNGSTYPEN, dtype=object)[self.typ], pa.string()),
            "NAME": quoted(pa.array(self.name, pa.string())),
            "TRAEGER": quoted(pa.array(self.traeger, pa.string())),
        }
        # Facilities sit exactly at register addresses.
        table |= address_columns(panel.kataster, self.addr, np.random.default_rng(0), exact=True)
        table["PLAETZE"] = fmt_int(self.plaetze, self.plaetze < 0)
        table["PLAETZE_U3"] = fmt_int(self.plaetze_u3, self.plaetze_u3 < 0)
        return table


def build_einrichtungen(panel: Panel) -> Einrichtungen:
    rng = np.random.default_rng([panel.seed, 0, SALT])
    n_districts = panel.profile.n
    age = panel.age()[panel.present]
    distrikt = panel.distrikt()[panel.present]

    def residents(low: int, high: int) -> np.ndarray:
        return np.bincount(distrikt[(age >= low) & (age <= high)], minlength=n_districts).astype(
            float
        )

    in_care = 0.35 * residents(1, 2) + 0.93 * residents(3, 5)
    counts = np.stack(
        [
            np.maximum(1, np.ceil(in_care / 75)),
            np.maximum(1, np.round(residents(6, 9) / 220)),
            np.round(residents(10, 17) / 700),
            np.round(residents(12, 20) / 500),
            np.round(in_care / 300),
            np.maximum(1, np.round(residents(0, 13) / 110)),
            np.round(residents(0, 17) / 1400),
        ],
        axis=1,
    ).astype(np.int64)
    typ = np.concatenate(
        [np.repeat(np.arange(len(EINRICHTUNGSTYPEN)), counts[k]) for k in range(n_districts)]
    )
    fac_distrikt = np.repeat(np.arange(n_districts), counts.sum(axis=1))
    n = len(typ)
    addr = panel.kataster.pick(rng, fac_distrikt)

    kita = typ == KITA
    kita_places = np.zeros(n)
    share = in_care[fac_distrikt] / np.maximum(counts[fac_distrikt, KITA], 1)
    kita_places[kita] = np.maximum(
        20, np.round(share[kita] * rng.uniform(0.95, 1.2, kita.sum()) / 5) * 5
    )
    capacity = np.select(
        [kita, typ == GRUNDSCHULE, typ == 2, typ == 3],
        [
            kita_places,
            rng.integers(8, 17, n) * 25,
            rng.integers(20, 48, n) * 25,
            rng.integers(3, 9, n) * 10,
        ],
        -1,
    ).astype(np.int64)
    capacity[(typ == 3) & (rng.random(n) < 0.3)] = -1  # youth clubs often report no capacity
    u3 = np.where(kita, np.round(kita_places * rng.uniform(0.15, 0.35, n)), -1).astype(np.int64)

    street_names = panel.kataster.str_name[panel.kataster.address_street[addr]]
    names = [f"{_NAME[t]} {street}" for t, street in zip(typ, street_names, strict=True)]
    city = f"Stadt {panel.profile.gemeinde.name}"
    free = rng.integers(0, len(_FREE_TRAEGER), n)
    traeger = [
        _FREE_TRAEGER[f]
        if t in (KITA, 3, 4) and f % 3
        else "Kinderarztpraxis (privat)"
        if t == 6
        else city
        for t, f in zip(typ, free, strict=True)
    ]
    return Einrichtungen(
        nr=np.arange(1, n + 1),
        typ=typ,
        distrikt=fac_distrikt,
        addr=addr,
        plaetze=capacity,
        plaetze_u3=u3,
        name=names,
        traeger=traeger,
    )
