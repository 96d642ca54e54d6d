"""The address register: streets, house numbers (some with suffix letters), dwellings."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from sozialmonitor.generator.csvfile import Table, fmt_decimal, fmt_int, fmt_key, quoted
from sozialmonitor.generator.profile import Profile

SUFFIXES = ["", "a"]  # suffix letters the register uses; deliveries may add others (see noise)

_PREFIXES = ["", "Alte ", "Neue ", "Obere ", "Untere ", "Kleine ", "Große "]
_STEMS = [
    "Amsel",
    "Birken",
    "Buchen",
    "Eichen",
    "Linden",
    "Ahorn",
    "Kastanien",
    "Erlen",
    "Ulmen",
    "Weiden",
    "Tannen",
    "Fichten",
    "Rosen",
    "Tulpen",
    "Nelken",
    "Flieder",
    "Holunder",
    "Schlehen",
    "Wacholder",
    "Heide",
    "Mühlen",
    "Schul",
    "Kirch",
    "Bahnhof",
    "Markt",
    "Post",
    "Garten",
    "Wiesen",
    "Feld",
    "Wald",
    "Berg",
    "Bach",
    "Brunnen",
    "Burg",
    "Hof",
    "Kloster",
    "Lippe",
    "Kanal",
    "Hafen",
    "Schleusen",
    "Drossel",
    "Finken",
    "Lerchen",
    "Meisen",
    "Schwalben",
    "Stare",
    "Falken",
    "Habicht",
    "Reiher",
    "Kranich",
    "Sonnen",
    "Mond",
    "Stern",
    "Regenbogen",
    "Frühlings",
    "Sommer",
    "Herbst",
    "Winter",
    "Morgen",
    "Abend",
    "Glück",
    "Schmiede",
    "Weber",
    "Zechen",
    "Hütten",
    "Ziegel",
    "Kalk",
    "Sand",
    "Kies",
    "Torf",
    "Hasel",
    "Eschen",
    "Pappel",
    "Kiefern",
    "Lärchen",
    "Weißdorn",
    "Efeu",
    "Ginster",
    "Hopfen",
    "Roggen",
]
_ENDINGS = [
    "weg",
    "straße",
    "allee",
    "ring",
    "gasse",
    "platz",
    "pfad",
    "kamp",
    "feld",
    "stiege",
    "damm",
    "wall",
]

STREET_KEY_WIDTH = 5


@dataclass(frozen=True)
class Kataster:
    str_schl: np.ndarray  # per street
    str_name: np.ndarray  # per street (object)
    address_street: np.ndarray  # per address: street index
    hnr: np.ndarray
    zus: np.ndarray  # index into SUFFIXES
    distrikt: np.ndarray
    wohnungen: np.ndarray
    flaeche: np.ndarray
    gefoerdert: np.ndarray
    _cum: np.ndarray  # cumulative dwellings, addresses grouped by district
    _bounds: np.ndarray  # per district: first and last cumulative dwelling count

    @property
    def n(self) -> int:
        return len(self.hnr)

    def pick(self, rng: np.random.Generator, distrikt: np.ndarray) -> np.ndarray:
        """An address per item in its district, weighted by dwellings there."""
        low, high = self._bounds[distrikt, 0], self._bounds[distrikt, 1]
        target = low + rng.random(len(distrikt)) * (high - low)
        return np.searchsorted(self._cum, target, side="right").astype(np.int32)

    def table(self) -> Table:
        return {
            "STR_SCHL": fmt_key(self.str_schl[self.address_street], STREET_KEY_WIDTH),
            "STR_NAME": quoted(pa.array(self.str_name[self.address_street], pa.string())),
            "HNR": fmt_int(self.hnr),
            "HNR_ZUS": pa.array(np.array(SUFFIXES, dtype=object)[self.zus], pa.string()).cast(
                pa.string()
            ),
            "STADTTEIL_NR": pa.array(np.array(self._nr, dtype=object)[self.distrikt], pa.string()),
            "WOHNUNGEN": fmt_int(self.wohnungen),
            "WOHNFLAECHE_QM": fmt_decimal(self.flaeche, 1),
            "GEF_WOHNUNGEN": fmt_int(self.gefoerdert),
        }

    _nr: tuple[str, ...] = ()


def _street_names(rng: np.random.Generator, n: int) -> np.ndarray:
    combos = [p + s + e for p, s, e in itertools.product(_PREFIXES, _STEMS, _ENDINGS)]
    names = np.array(combos, dtype=object)[rng.permutation(len(combos))]
    rounds = -(-n // len(names))
    # Beyond the combinations (very large scales) numbered variants keep names unique.
    return np.concatenate([names if r == 0 else names + f" {r + 1}" for r in range(rounds)])[:n]


def build_kataster(rng: np.random.Generator, profile: Profile, households: np.ndarray) -> Kataster:
    """Addresses per district with about 6 % more dwellings than ``households`` there."""
    parts = []
    for k in range(profile.n):
        need = int(np.ceil(households[k] * 1.06)) + 2
        d = profile.belastung[k]
        guess = need // 2 + 20
        while True:
            multi = rng.random(guess) < 0.12 + 0.55 * d
            tower = multi & (rng.random(guess) < 0.10 * d)
            wohnungen = np.where(
                tower,
                rng.integers(20, 61, guess),
                np.where(multi, rng.integers(3, 13, guess), rng.choice([1, 1, 1, 2], guess)),
            )
            if wohnungen.sum() >= need:
                break
            guess *= 2
        keep = np.searchsorted(np.cumsum(wohnungen), need) + 1
        wohnungen = wohnungen[:keep]
        multi = multi[:keep]
        per_dwelling = np.where(
            multi, rng.normal(68 - 8 * d, 10, keep), rng.normal(135 - 15 * d, 22, keep)
        ).clip(30, 260)
        flaeche = np.round(wohnungen * per_dwelling, 1)
        gefoerdert = np.where(
            multi & (rng.random(keep) < 0.08 + 0.45 * d), rng.binomial(wohnungen, 0.6), 0
        )
        parts.append((np.full(keep, k), wohnungen, flaeche, gefoerdert))

    distrikt = np.concatenate([p[0] for p in parts]).astype(np.int16)
    wohnungen = np.concatenate([p[1] for p in parts]).astype(np.int32)
    flaeche = np.concatenate([p[2] for p in parts])
    gefoerdert = np.concatenate([p[3] for p in parts]).astype(np.int32)
    n = len(distrikt)

    # Streets: runs of addresses within a district; a street never crosses districts.
    length = rng.poisson(22, n).clip(3, 120)
    new_street = np.zeros(n, dtype=bool)
    new_street[0] = True
    new_street[1:] = distrikt[1:] != distrikt[:-1]
    position = 0
    starts = np.flatnonzero(new_street)
    # Break district runs into streets of the drawn lengths.
    for start, end in zip(starts, list(starts[1:]) + [n], strict=True):
        position = start + length[start]
        while position < end:
            new_street[position] = True
            position += length[position]
    address_street = np.cumsum(new_street) - 1
    n_streets = address_street[-1] + 1
    street_first = np.flatnonzero(new_street)

    # Suffix letters: the address shares the previous house number ("12a" after "12").
    suffix = rng.random(n) < 0.04
    suffix &= ~new_street
    suffix[1:] &= ~suffix[:-1]
    plain_count = np.cumsum(~suffix)
    hnr = plain_count - plain_count[street_first][address_street] + 1
    zus = suffix.astype(np.int8)

    str_schl = np.sort(rng.choice(np.arange(100, 10**STREET_KEY_WIDTH), n_streets, replace=False))
    str_name = _street_names(rng, n_streets)

    cum = np.cumsum(wohnungen).astype(np.float64)
    first = np.searchsorted(distrikt, np.arange(profile.n), side="left")
    last = np.searchsorted(distrikt, np.arange(profile.n), side="right")
    bounds = np.stack([np.where(first > 0, cum[first - 1], 0.0), cum[last - 1]], axis=1)
    return Kataster(
        str_schl=str_schl,
        str_name=str_name,
        address_street=address_street,
        hnr=hnr.astype(np.int32),
        zus=zus,
        distrikt=distrikt,
        wohnungen=wohnungen,
        flaeche=flaeche,
        gefoerdert=gefoerdert,
        _cum=cum,
        _bounds=bounds,
        _nr=profile.nr,
    )
