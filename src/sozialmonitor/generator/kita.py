"""kita_kinder: children in day care on the Stichtag, and when each child entered care.

Each child has a stable entry age (a trait), so a child in care stays in care and
keeps its AUFNAHME_DATUM from year to year. Deprived districts enter later and less.
A few children in care live in neighbouring municipalities.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from sozialmonitor.generator import dates
from sozialmonitor.generator.adressen import address_columns
from sozialmonitor.generator.bevoelkerung import M, Panel, W
from sozialmonitor.generator.csvfile import Table, fmt_codes, fmt_date, fmt_id, fmt_int
from sozialmonitor.generator.einrichtungen import KITA, Einrichtungen
from sozialmonitor.generator.traits import choose, department_id, trait
from sozialmonitor.landing.quellen import GESCHLECHT, WOCHENSTUNDEN

SALT = 601
#: Share of children that entered care by age in months (the rest never attend).
_ENTRY_MONTHS = np.array([0, 8, 12, 24, 36, 48, 72])
_ENTERED = np.array([0, 0.0, 0.06, 0.40, 0.75, 0.93, 0.965])
#: Municipalities around the city whose children use its day care (outside the seeds' city).
NACHBAR_AGS = ("05562014", "05562016", "05562024", "05170048")
OUTSIDE_ID_BASE = 90_000_000  # number range of children who do not live in the city
_HOURS = np.array(WOCHENSTUNDEN).astype(np.int64)
_TAGESPFLEGE_SHARE = 0.3  # of children who enter before three


def school_start(year: int) -> np.int64:
    """Children born up to 30 September of ``year - 6`` start school on 1 August of ``year``."""
    return dates.day(year - 6, 9, 30)


def entry_day(nums: np.ndarray, geb: np.ndarray, milieu: np.ndarray) -> np.ndarray:
    """Day a child enters care, or NO_DATE if it never does (later and less in deprived milieus)."""
    u = trait(nums, SALT) * (1 + 0.3 * milieu)
    months = np.interp(u, _ENTERED, _ENTRY_MONTHS)
    return np.where(
        u < _ENTERED[-1], geb + np.round(months * 30.44).astype(np.int64), dates.NO_DATE
    )


def _care(nums, geb, milieu, zuzug, year):
    """(in care, aufnahme, tagespflege) for children on the Stichtag of ``year``."""
    stichtag = dates.stichtag(year)
    entry = entry_day(nums, geb, milieu)
    in_care = (entry != dates.NO_DATE) & (entry <= stichtag) & (geb > school_start(year))
    early = (entry - geb < 36 * 30.44) & (trait(nums, SALT + 1) < _TAGESPFLEGE_SHARE)
    third_birthday = dates.add_months(geb, 36)
    tagespflege = early & (third_birthday > stichtag)
    aufnahme = np.where(early & ~tagespflege, third_birthday, entry)
    aufnahme = np.maximum(aufnahme, np.where(zuzug == dates.NO_DATE, aufnahme, zuzug))
    return in_care, np.minimum(aufnahme, stichtag), tagespflege


def _outside_children(panel: Panel, first_year: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stable pool of children from neighbouring municipalities: numbers, birth days, AGS index."""
    births_per_year = max(1, round(panel.target.sum() * 0.009 * 0.03))
    years = np.arange(first_year - 7, panel.year + 1)
    nums = (
        OUTSIDE_ID_BASE + (years[:, None] - 1900) * 10_000 + np.arange(births_per_year)[None, :]
    ).ravel()
    geb = dates.day(np.repeat(years, births_per_year)) + np.floor(
        trait(nums, SALT + 2) * 365
    ).astype(np.int64)
    ags = np.floor(trait(nums, SALT + 3) * len(NACHBAR_AGS)).astype(np.int64)
    return nums, geb, ags


def kita_table(panel: Panel, einrichtungen: Einrichtungen, first_year: int) -> Table:
    p = panel.p
    rng = np.random.default_rng([panel.seed, panel.year, SALT])
    stichtag = dates.stichtag(panel.year)
    candidates = np.flatnonzero(panel.present & (p["geb"] > school_start(panel.year)))
    distrikt = panel.distrikt()[candidates]
    in_care, aufnahme, tagespflege = _care(
        p["num"][candidates],
        p["geb"][candidates],
        p["milieu"][candidates],
        p["zuzug"][candidates],
        panel.year,
    )
    rows = candidates[in_care]
    aufnahme, tagespflege, distrikt = aufnahme[in_care], tagespflege[in_care], distrikt[in_care]

    out_nums, out_geb, out_ags = _outside_children(panel, first_year)
    out_care, out_aufnahme, out_tp = _care(
        out_nums,
        out_geb,
        np.zeros(len(out_nums)),
        np.full(len(out_nums), dates.NO_DATE),
        panel.year,
    )
    out_care &= out_geb <= stichtag

    nums = np.concatenate([p["num"][rows], out_nums[out_care]])
    geb = np.concatenate([p["geb"][rows], out_geb[out_care]])
    sex = np.concatenate(
        [p["sex"][rows], np.where(trait(out_nums[out_care], SALT + 4) < 0.49, W, M)]
    )
    aufnahme = np.concatenate([aufnahme, out_aufnahme[out_care]])
    tagespflege = np.concatenate([tagespflege, out_tp[out_care]])
    outside = np.concatenate([np.zeros(len(rows), bool), np.ones(out_care.sum(), bool)])
    ags = np.concatenate([np.full(len(rows), -1), out_ags[out_care]])

    # The facility: one in the home district (stable choice), sometimes anywhere in the city.
    kitas = einrichtungen.of_type(KITA)
    kita_distrikt = einrichtungen.distrikt[kitas]
    home = np.concatenate(
        [distrikt, np.floor(trait(out_nums[out_care], SALT + 5) * panel.profile.n).astype(np.int64)]
    )
    order = np.argsort(kita_distrikt, kind="stable")
    first = np.searchsorted(kita_distrikt[order], home, side="left")
    count = np.searchsorted(kita_distrikt[order], home, side="right") - first
    anywhere = (trait(nums, SALT + 6) < 0.07) | (count == 0)
    local = order[
        (first + np.floor(trait(nums, SALT + 7) * np.maximum(count, 1)).astype(np.int64)).clip(
            0, len(order) - 1
        )
    ]
    facility = np.where(
        anywhere, np.floor(trait(nums, SALT + 8) * len(kitas)).astype(np.int64), local
    )
    facility_nr = einrichtungen.nr_text(kitas[facility])
    facility_nr[tagespflege] = None

    addresses = np.concatenate([p["addr"][rows], np.zeros(out_care.sum(), dtype=np.int32)])
    hours = _HOURS[choose(trait(nums, SALT + 9), np.array([0.12, 0.50, 0.38]))]
    kind_id = department_id(nums, 7_654_321, 1_234_567)
    order = np.argsort(kind_id, kind="stable")
    ags_text = np.array([panel.profile.gemeinde.ags, *NACHBAR_AGS], dtype=object)[ags + 1]

    table = {
        "KIND_ID": fmt_id("K", kind_id, 8),
        "GEB_DATUM": fmt_date(geb),
        "GESCHLECHT": fmt_codes(sex, GESCHLECHT),
        "WOHNORT_AGS": pa.array(ags_text, pa.string()),
    }
    table |= address_columns(panel.kataster, addresses, rng, outside=outside)
    table |= {
        "EINRICHTUNG_NR": pa.array(facility_nr, pa.string()),
        "BETREUUNGSART": pa.array(np.where(tagespflege, "TAGESPFLEGE", "KITA")),
        "WOCHENSTUNDEN": fmt_int(hours),
        "AUFNAHME_DATUM": fmt_date(aufnahme),
    }
    index = pa.array(order)
    return {name: column.take(index) for name, column in table.items()}
