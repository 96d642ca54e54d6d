"""The resident panel: households and persons, carried from one Stichtag to the next.

All persons ever generated stay in the arrays (``present`` marks residents on the
current Stichtag), so ids are stable, leavers keep their last address (HzE cases
end there) and every year is derived from the previous one: ageing, deaths, births,
moves within the city, households moving out and in, young adults leaving home.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sozialmonitor.generator import dates
from sozialmonitor.generator.kataster import Kataster, build_kataster
from sozialmonitor.generator.profile import Profile
from sozialmonitor.generator.traits import choose

LAENDER = [
    "DE",
    "TR",
    "SY",
    "PL",
    "RO",
    "UA",
    "IT",
    "GR",
    "IQ",
    "AF",
    "BG",
    "XK",
    "RU",
    "NL",
    "KZ",
    "XX",
]
DE = 0
_FOREIGN_WEIGHTS = np.array([0, 22, 12, 10, 7, 9, 5, 4, 5, 4, 4, 4, 3, 3, 2, 2], dtype=float)
_AUSSIEDLER = np.array([LAENDER.index(c) for c in ("PL", "RU", "KZ", "RO")])
M, W, D, X = range(4)  # indexes into the contract's GESCHLECHT
SINGLE, COUPLE, FAMILY, SINGLE_PARENT, SHARED = range(5)
RENTENALTER = 67  # statutory retirement age: SGB II ends, pensions begin

COLUMNS = {
    "num": np.int64,
    "hh": np.int64,
    "geb": np.int64,
    "sex": np.int8,
    "nat1": np.int16,
    "nat2": np.int16,
    "land": np.int16,
    "einb": bool,
    "addr": np.int32,
    "zuzug": np.int64,
    "kind": bool,
    "present": bool,
    "weg": np.int16,
    "milieu": np.float32,  # deprivation of the district the family came with (stable, unlike moves)
}


@dataclass
class Structure:
    """Household composition drawn before persons, so the register can be sized first."""

    distrikt: np.ndarray
    typ: np.ndarray
    adults: np.ndarray
    kids: np.ndarray
    adult_child: np.ndarray

    @property
    def size(self) -> np.ndarray:
        return self.adults + self.kids + self.adult_child

    def subset(self, keep: np.ndarray) -> Structure:
        return Structure(
            *(getattr(self, f)[keep] for f in ("distrikt", "typ", "adults", "kids", "adult_child"))
        )


def draw_structure(
    rng: np.random.Generator, distrikt: np.ndarray, belastung: np.ndarray
) -> Structure:
    d = belastung[distrikt]
    n = len(d)
    p_single_parent = 0.025 + 0.05 * d
    p_family = 0.175 - 0.05 * d
    p_single = 0.39 + 0.08 * d
    p_shared = np.full(n, 0.03)
    p_couple = 1 - p_single_parent - p_family - p_single - p_shared
    typ = choose(
        rng.random(n), np.stack([p_single, p_couple, p_family, p_single_parent, p_shared], axis=1)
    )
    adults = np.select(
        [typ == COUPLE, typ == FAMILY, typ == SHARED], [2, 2, 2 + (rng.random(n) < 0.3)], 1
    )
    family_kids = 1 + choose(
        rng.random(n),
        np.stack([0.44 - 0.12 * d, 0.39 + 0 * d, 0.12 + 0.07 * d, 0.05 + 0.05 * d], axis=1),
    )
    parent_kids = 1 + choose(rng.random(n), np.array([0.58, 0.32, 0.10]))
    kids = np.select([typ == FAMILY, typ == SINGLE_PARENT], [family_kids, parent_kids], 0)
    adult_child = ((typ == FAMILY) & (rng.random(n) < 0.22)) | (
        (typ == SINGLE_PARENT) & (rng.random(n) < 0.15)
    )
    return Structure(
        distrikt.astype(np.int16),
        typ.astype(np.int8),
        adults.astype(np.int8),
        kids.astype(np.int8),
        adult_child.astype(np.int8),
    )


def _head_age(rng: np.random.Generator, typ: np.ndarray) -> np.ndarray:
    n = len(typ)
    u, r = rng.random(n), rng.random(n)
    old = 65 + np.floor(rng.beta(1.3, 2.4, n) * 33)
    single = np.select([u < 0.27, u < 0.63], [18 + np.floor(17 * r), 35 + np.floor(30 * r)], old)
    couple = np.select([u < 0.10, u < 0.58], [22 + np.floor(13 * r), 40 + np.floor(26 * r)], old)
    family = rng.normal(41, 6.5, n).round().clip(24, 58)
    single_parent = rng.normal(38, 7, n).round().clip(20, 58)
    shared = 19 + np.floor(12 * r)
    return np.choose(typ, [single, couple, family, single_parent, shared]).astype(np.int64)


@dataclass
class _Members:
    """Every person of the households in a `Structure`, one entry per person."""

    hh: np.ndarray  # the household's position in the structure
    pos: np.ndarray  # position within the household: 0 is the head, adults first
    typ: np.ndarray
    is_adult: np.ndarray
    is_adult_child: np.ndarray

    @property
    def n(self) -> int:
        return len(self.hh)

    @property
    def kind(self) -> np.ndarray:
        return ~self.is_adult


def _members(s: Structure) -> _Members:
    size = s.size.astype(np.int64)
    hh = np.repeat(np.arange(len(s.typ)), size)
    pos = np.arange(len(hh)) - np.repeat(np.cumsum(size) - size, size)
    adults = s.adults[hh]
    return _Members(
        hh=hh,
        pos=pos,
        typ=s.typ[hh],
        is_adult=pos < adults,
        is_adult_child=(pos == adults) & (s.adult_child[hh] == 1),
    )


def _ages(rng: np.random.Generator, m: _Members, head_age: np.ndarray) -> np.ndarray:
    """Partners near the head's age, children within the head's child-bearing years."""
    n = m.n
    partner_age = (head_age + rng.normal(2, 3, n).round()).clip(18, 99)
    shared_age = 19 + np.floor(12 * rng.random(n))
    low, high = np.maximum(0, head_age - 45), np.minimum(17, head_age - 20)
    kid_age = low + np.floor(rng.random(n) * (high - low + 1).clip(1))
    grown_age = 18 + np.floor(rng.random(n) * (np.minimum(27, head_age - 19) - 17).clip(1))
    return np.select(
        [m.pos == 0, m.is_adult & (m.typ == SHARED), m.is_adult, m.is_adult_child],
        [head_age, shared_age, partner_age, grown_age],
        kid_age,
    ).astype(np.int64)


def _sexes(rng: np.random.Generator, m: _Members, head_age: np.ndarray, n_hh: int) -> np.ndarray:
    """Mostly mother-headed single parents, a few same-sex couples, rare entries d and x."""
    typ = m.typ
    u = rng.random(m.n)
    same_sex = rng.random(n_hh)[m.hh] < 0.03
    head_female = np.select(
        [typ == SINGLE, typ == FAMILY, typ == SINGLE_PARENT, typ == COUPLE],
        [u < np.where(head_age >= 65, 0.68, 0.5), True, u < 0.88, same_sex & (u < 0.5)],
        u < 0.5,
    )
    partner_female = np.where(typ == COUPLE, ~same_sex, np.where(typ == FAMILY, False, u < 0.5))
    female = np.select([m.pos == 0, m.is_adult], [head_female, partner_female], u < 0.487)
    sex = np.where(female, W, M).astype(np.int8)
    odd = rng.random(m.n)
    sex[odd < 0.0005] = X
    sex[(odd >= 0.0005) & (odd < 0.0008)] = D
    return sex


def _birth_days(rng: np.random.Generator, age: np.ndarray, year: int) -> np.ndarray:
    geb = dates.day(year - age, 1, 1) + np.floor(rng.random(len(age)) * 365).astype(np.int64)
    return np.minimum(geb, dates.stichtag(year))


def _origins(
    rng: np.random.Generator, d: np.ndarray, moving_in: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Per household: 0 German, 1 German with migration background, 2 foreign; and a country."""
    n_hh = len(d)
    p_foreign = (0.035 + 0.17 * d) * (1.6 if moving_in else 1.0)
    p_migration = 0.07 + 0.10 * d
    u_origin = rng.random(n_hh)
    origin = np.where(u_origin < p_foreign, 2, np.where(u_origin < p_foreign + p_migration, 1, 0))
    country = choose(rng.random(n_hh), _FOREIGN_WEIGHTS)
    return origin, country


def _arrivals(
    rng: np.random.Generator,
    m: _Members,
    geb: np.ndarray,
    origin_hh: np.ndarray,
    year: int,
    moving_in: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """Arrival in the city (household-wide) and whether a person moved in at all: children
    born after their household's arrival were born here."""
    hh, n_hh = m.hh, len(origin_hh)
    if moving_in:
        zuzug = np.full(n_hh, dates.day(year, 1, 1)) + np.floor(rng.random(n_hh) * 365).astype(
            np.int64
        )
        last_birth = np.full(n_hh, np.iinfo(np.int64).min)
        np.maximum.at(last_birth, hh, geb)
        zuzug = np.minimum(np.maximum(zuzug, last_birth), dates.stichtag(year))[hh]
        return zuzug, np.ones(m.n, dtype=bool)
    head_birth = np.zeros(n_hh, dtype=np.int64)
    head_birth[hh[m.pos == 0]] = geb[m.pos == 0]
    low_day = np.maximum(head_birth + 18 * 365, dates.day(1975))
    high_day = dates.stichtag(year) - 30
    zuzug_hh = low_day + np.floor(rng.random(n_hh) * np.maximum(high_day - low_day, 1)).astype(
        np.int64
    )
    moved_hh = (rng.random(n_hh) < 0.45) | (origin_hh > 0) if n_hh else np.zeros(0, bool)
    zuzug = zuzug_hh[hh]
    return zuzug, moved_hh[hh] & (geb < zuzug)


def _nationalities(
    rng: np.random.Generator,
    m: _Members,
    origin: np.ndarray,
    country: np.ndarray,
    moved: np.ndarray,
) -> dict[str, np.ndarray]:
    """Nationalities, country of birth and naturalisation from the household's origin."""
    n, kind, is_adult = m.n, m.kind, m.is_adult
    nat1 = np.full(n, DE, dtype=np.int16)
    nat2 = np.full(n, -1, dtype=np.int16)
    land = np.full(n, DE, dtype=np.int16)
    einb = np.zeros(n, dtype=bool)
    v = rng.random(n)
    foreign, migration = origin == 2, origin == 1
    # Foreign households: adults mostly born abroad; children born here partly German by birth.
    adult_abroad = foreign & is_adult & (v < 0.92)
    land[adult_abroad] = country[adult_abroad]
    kid_abroad = (origin > 0) & kind & moved
    land[kid_abroad] = country[kid_abroad]
    nat1[foreign] = country[foreign]
    ius_soli = foreign & kind & (land == DE) & (v < 0.3)
    nat1[ius_soli] = DE
    nat2[ius_soli] = country[ius_soli]
    # German households with migration background: naturalised, dual nationals, Aussiedler.
    mig_adult = migration & is_adult
    naturalised = mig_adult & (v < 0.4)
    dual = mig_adult & (v >= 0.4) & (v < 0.7)
    aussiedler = mig_adult & (v >= 0.7)
    land[naturalised] = country[naturalised]
    einb[naturalised] = True
    nat2[dual] = country[dual]
    dual_abroad = dual & (rng.random(n) < 0.5)
    land[dual_abroad] = country[dual_abroad]
    land[aussiedler] = _AUSSIEDLER[
        np.floor(rng.random(aussiedler.sum()) * len(_AUSSIEDLER)).astype(int)
    ]
    mig_kid_dual = migration & kind & (v < 0.3)
    nat2[mig_kid_dual] = country[mig_kid_dual]
    return {"nat1": nat1, "nat2": nat2, "land": land, "einb": einb}


def draw_persons(
    rng: np.random.Generator, s: Structure, year: int, belastung: np.ndarray, moving_in: bool
) -> dict[str, np.ndarray]:
    """Persons of the households in ``s`` on the Stichtag of ``year`` (no ids, no addresses yet).

    ``hh`` is the household's position in ``s``. ``moving_in`` households arrived during
    ``year``; otherwise a household arrived at some time in the past or was born here.
    The steps draw from ``rng`` in a fixed order: a seed gives the same persons.
    """
    m = _members(s)
    head_age = _head_age(rng, s.typ)[m.hh]
    age = _ages(rng, m, head_age)
    sex = _sexes(rng, m, head_age, len(s.typ))
    geb = _birth_days(rng, age, year)
    d = belastung[s.distrikt]
    origin_hh, country_hh = _origins(rng, d, moving_in)
    zuzug, moved = _arrivals(rng, m, geb, origin_hh, year, moving_in)
    return {
        "hh": m.hh,
        "geb": geb,
        "sex": sex,
        **_nationalities(rng, m, origin_hh[m.hh], country_hh[m.hh], moved),
        "zuzug": np.where(moved, zuzug, dates.NO_DATE),
        "kind": m.kind,
        "milieu": d[m.hh],
    }


def _death_probability(age: np.ndarray) -> np.ndarray:
    return np.where(age == 0, 0.003, np.exp(-10.3 + 0.094 * age)).clip(0, 0.45)


def _fertility(age: np.ndarray) -> np.ndarray:
    return 0.12 * np.exp(-0.5 * ((age - 31) / 5.5) ** 2) * ((age >= 16) & (age <= 46))


class Panel:
    """Residents on the Stichtag of ``self.year``; ``advance()`` moves to the next year."""

    def __init__(self, seed: int, profile: Profile, scale: float, year: int):
        self.seed, self.profile, self.year = seed, profile, year
        rng = np.random.default_rng([seed, year, 0])
        self.target = profile.einwohner * scale  # residents per district the city drifts around
        guess = np.ceil(self.target / 1.9 * 1.2 + 10).astype(np.int64)
        structure = draw_structure(rng, np.repeat(np.arange(profile.n), guess), profile.belastung)
        size = structure.size.astype(np.int64)
        ends = np.cumsum(size)
        before_district = np.concatenate([[0], ends])[np.cumsum(guess) - guess]
        running = ends - np.repeat(before_district, guess)
        keep = (running - size) < self.target[structure.distrikt]
        structure = structure.subset(keep)
        households = np.bincount(structure.distrikt, minlength=profile.n)
        self.kataster: Kataster = build_kataster(rng, profile, households)
        self.p = {k: np.zeros(0, dtype=t) for k, t in COLUMNS.items()}
        self.next_person, self.next_household = 1, 1
        self._add(rng, structure, moving_in=False)
        self.hh_in_year: np.ndarray = np.zeros(0, dtype=np.int64)

    # -- helpers -------------------------------------------------------------------
    def _add(self, rng: np.random.Generator, structure: Structure, moving_in: bool) -> None:
        persons = draw_persons(rng, structure, self.year, self.profile.belastung, moving_in)
        addresses = self.kataster.pick(rng, structure.distrikt)
        n = len(persons["hh"])
        persons["addr"] = addresses[persons["hh"]]
        persons["hh"] = persons["hh"] + self.next_household
        persons["num"] = np.arange(self.next_person, self.next_person + n)
        persons["present"] = np.ones(n, dtype=bool)
        persons["weg"] = np.zeros(n, dtype=np.int64)
        self.next_person += n
        self.next_household += len(structure.typ)
        self._append(persons)

    def _append(self, persons: dict[str, np.ndarray]) -> None:
        self.p = {k: np.concatenate([self.p[k], persons[k].astype(t)]) for k, t in COLUMNS.items()}

    @property
    def present(self) -> np.ndarray:
        return self.p["present"]

    def age(self) -> np.ndarray:
        return self.year - dates.year_of(self.p["geb"])

    def distrikt(self) -> np.ndarray:
        return self.kataster.distrikt[self.p["addr"]]

    def _other_district(self, rng: np.random.Generator, distrikt: np.ndarray) -> np.ndarray:
        """Half the moves stay in the district; the others go anywhere, weighted by size."""
        elsewhere = choose(rng.random(len(distrikt)), self.target)
        return np.where(rng.random(len(distrikt)) < 0.5, distrikt, elsewhere).astype(np.int16)

    def _leave(self, mask: np.ndarray) -> None:
        self.p["present"] = self.present & ~mask
        self.p["weg"][mask] = self.year

    # -- one year ---------------------------------------------------------------------
    def advance(self) -> None:
        self.year += 1
        rng = np.random.default_rng([self.seed, self.year, 1])
        p = self.p
        age = self.age()

        self._leave(self.present & (rng.random(len(age)) < _death_probability(age)))
        # Whole households move away (4.5 % a year at the city's usual turnover) and within the
        # city (6 %), more often in districts with more turnover.
        fluktuation = self.profile.fluktuation[self.distrikt()]
        household_u = rng.random(self.next_household)[p["hh"]]
        young = p["kind"] & (age >= 19)
        out = self.present & (
            (household_u < 0.045 * fluktuation) | (young & (rng.random(len(age)) < 0.09))
        )
        self._leave(out)
        # Children left without an adult (a single parent died or moved) go to relatives elsewhere.
        adults = np.bincount(p["hh"][self.present & (age >= 18)], minlength=self.next_household)
        self._leave(self.present & (adults[p["hh"]] == 0))

        # Young adults found their own household in the city.
        own = np.flatnonzero(self.present & young & (rng.random(len(age)) < 0.10))
        p["hh"][own] = np.arange(self.next_household, self.next_household + len(own))
        self.next_household += len(own)
        p["kind"][own] = False
        p["addr"][own] = self.kataster.pick(rng, self._other_district(rng, self.distrikt()[own]))

        moving_u = rng.random(self.next_household)[p["hh"]]
        movers = self.present & (moving_u < 0.06 * self.profile.fluktuation[self.distrikt()])
        movers[own] = False
        hh_of_movers, first = np.unique(p["hh"][movers], return_index=True)
        if len(hh_of_movers):
            mover_idx = np.flatnonzero(movers)
            new_addr = self.kataster.pick(
                rng, self._other_district(rng, self.distrikt()[mover_idx[first]])
            )
            p["addr"][mover_idx] = new_addr[np.searchsorted(hh_of_movers, p["hh"][mover_idx])]

        self._births(rng, age)
        self._moving_in(rng)

    def _births(self, rng: np.random.Generator, age: np.ndarray) -> None:
        p = self.p
        mothers = np.flatnonzero(
            self.present & ~p["kind"] & (p["sex"] == W) & (rng.random(len(age)) < _fertility(age))
        )
        n = len(mothers)
        foreign_mother = p["nat1"][mothers] != DE
        german_by_birth = ~foreign_mother | (rng.random(n) < 0.3)
        baby = {
            "num": np.arange(self.next_person, self.next_person + n),
            "hh": p["hh"][mothers],
            "geb": dates.day(self.year, 1, 1) + np.floor(rng.random(n) * 365).astype(np.int64),
            "sex": np.where(rng.random(n) < 0.487, W, M).astype(np.int8),
            "nat1": np.where(german_by_birth, DE, p["nat1"][mothers]),
            "nat2": np.where(
                foreign_mother & german_by_birth,
                p["nat1"][mothers],
                np.where(rng.random(n) < 0.5, p["nat2"][mothers], -1),
            ),
            "land": np.full(n, DE),
            "einb": np.zeros(n, dtype=bool),
            "addr": p["addr"][mothers],
            "zuzug": np.full(n, dates.NO_DATE),
            "kind": np.ones(n, dtype=bool),
            "present": np.ones(n, dtype=bool),
            "weg": np.zeros(n, dtype=np.int64),
            "milieu": p["milieu"][mothers],
        }
        self.next_person += n
        self._append(baby)

    def _moving_in(self, rng: np.random.Generator) -> None:
        """Households arrive so that districts drift around their size (city ±1-2 % a year)."""
        drift = 1 + 0.012 * np.sin(self.seed + self.year)
        residents = np.bincount(self.distrikt()[self.present], minlength=self.profile.n)
        wanted = self.target * drift - residents
        households = (
            np.maximum(np.round(wanted / 1.9), np.round(self.target * 0.012))
            .astype(np.int64)
            .clip(0)
        )
        structure = draw_structure(
            rng, np.repeat(np.arange(self.profile.n), households), self.profile.belastung
        )
        self._add(rng, structure, moving_in=True)
