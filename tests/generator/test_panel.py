"""A panel across years: the same persons and cases carry over, with plausible change."""

import hashlib
from collections import Counter

import numpy as np
import pytest

from sozialmonitor.generator import generate
from sozialmonitor.generator.bevoelkerung import Panel, W
from sozialmonitor.generator.profile import load_profile
from tests.generator.conftest import YEARS, csv_path, district_of, read_rows


def by_id(folder, year, source, column):
    return {r[column]: r for r in read_rows(csv_path(folder, year, source))}


def test_residents_persist_age_and_move(inbox):
    before = by_id(inbox, 2023, "ewo_einwohner", "PERS_ID")
    after = by_id(inbox, 2024, "ewo_einwohner", "PERS_ID")
    stayed = before.keys() & after.keys()
    assert 0.85 < len(stayed) / len(before) < 0.99, "most stay; some die or move away"
    assert abs(len(after) / len(before) - 1) < 0.03, "the city changes by a few per cent at most"
    assert all(
        before[i]["GEB_DATUM"] == after[i]["GEB_DATUM"]
        and before[i]["GESCHLECHT"] == after[i]["GESCHLECHT"]
        for i in stayed
    )
    moved = [
        i
        for i in stayed
        if (before[i]["STR_SCHL"], before[i]["HNR"]) != (after[i]["STR_SCHL"], after[i]["HNR"])
    ]
    assert 0.03 < len(moved) / len(stayed) < 0.2
    new = [after[i] for i in after.keys() - before.keys()]
    born = [r for r in new if r["GEB_DATUM"].endswith("2024")]
    arrived = [r for r in new if not r["GEB_DATUM"].endswith("2024")]
    assert any(r["ZUZUG_DATUM"] == "" for r in born), "babies born in the city"
    assert all(
        r["ZUZUG_DATUM"] in ("", r["GEB_DATUM"]) or r["ZUZUG_DATUM"].endswith("2024") for r in born
    )
    assert arrived and all(r["ZUZUG_DATUM"].endswith("2024") for r in arrived)


def test_cases_keep_their_ids(inbox):
    before = by_id(inbox, 2023, "hze_faelle", "FALL_ID")
    after = by_id(inbox, 2024, "hze_faelle", "FALL_ID")
    ongoing = [i for i, r in before.items() if not r["ENDE"]]
    carried = [i for i in ongoing if i in after]
    assert len(carried) > 0.9 * len(ongoing)
    assert all(
        after[i]["BEGINN"] == before[i]["BEGINN"] and after[i]["HILFEART"] == before[i]["HILFEART"]
        for i in carried
    )
    assert any(r["BEGINN"].endswith("2024") for r in after.values()), "new cases start"
    assert any(r["ENDE"].endswith("2024") for r in after.values()), "cases end"


def test_day_care_children_stay_in_care(inbox):
    before = by_id(inbox, 2023, "kita_kinder", "KIND_ID")
    after = by_id(inbox, 2024, "kita_kinder", "KIND_ID")
    young = [i for i, r in before.items() if int(r["GEB_DATUM"][-4:]) >= 2020]
    assert len([i for i in young if i in after]) > 0.85 * len(young)
    assert all(
        after[i]["AUFNAHME_DATUM"] == before[i]["AUFNAHME_DATUM"]
        for i in young
        if i in after and before[i]["BETREUUNGSART"] == after[i]["BETREUUNGSART"]
    )


def digests(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*.*"))
    }


def test_same_arguments_same_bytes(tmp_path):
    first = generate(tmp_path / "a", [2024], scale=0.02, seed=5)
    generate(tmp_path / "b", [2024], scale=0.02, seed=5)
    generate(tmp_path / "c", [2024], scale=0.02, seed=6)
    assert len(first) == 9
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    other = digests(tmp_path / "c")
    assert all(
        other[name] != digest
        for name, digest in digests(tmp_path / "a").items()
        if "einrichtungen" not in name and "kataster" not in name
    )


@pytest.mark.parametrize("arguments", [{"years": []}, {"years": [2024], "scale": 0}])
def test_rejects_nonsense_arguments(tmp_path, arguments):
    with pytest.raises(ValueError):
        generate(tmp_path, **{"years": [2024], "scale": 0.02, "seed": 1, **arguments})


@pytest.fixture(scope="module")
def flows():
    """Four years of the full-size panel: births by the mother's age, flows per district."""
    profile = load_profile()
    panel = Panel(42, profile, 1.0, 2020)
    years = []
    for _ in range(4):
        before = panel.present.copy()
        district_before = panel.distrikt().copy()
        women = panel.present & (panel.p["sex"] == W)
        women_by_age = np.bincount(
            panel.age()[women] + 1, minlength=120
        )  # age at the next Stichtag
        panel.advance()
        n = len(before)
        new = panel.present.copy()
        new[:n] = False
        stayed = before & panel.present[:n]
        age, hh = panel.age(), panel.p["hh"]
        # The mother of a baby: the oldest woman aged 15-49 of its household (as the register shows).
        mother = panel.present & (panel.p["sex"] == W) & (age >= 15) & (age <= 49)
        mother[n:] = False
        oldest = np.zeros(panel.next_household, dtype=np.int64)
        np.maximum.at(oldest, hh[mother], age[mother])
        babies = new & (age == 0)
        births_by_age = np.bincount(oldest[hh[babies]], minlength=120)
        district = panel.distrikt()
        years.append(
            {
                "residents_before": np.bincount(district_before[before], minlength=profile.n),
                "tfr": (births_by_age[15:50] / women_by_age[15:50]).sum(),
                "zuzuege": np.bincount(district[new & (age > 0)], minlength=profile.n),
                "abgaenge": np.bincount(
                    district_before[before & ~panel.present[:n]], minlength=profile.n
                ),
                "umzuege_weg": np.bincount(
                    district_before[stayed & (district[:n] != district_before)], minlength=profile.n
                ),
            }
        )
    return profile, years


def test_births_near_the_fertility_of_german_towns(flows):
    _, years = flows
    assert 1.4 <= np.mean([y["tfr"] for y in years]) <= 1.6


def test_five_to_eight_percent_move_in_and_out_most_in_wulfen(flows):
    profile, years = flows
    residents = sum(y["residents_before"] for y in years)
    for kind in ("zuzuege", "abgaenge"):
        assert 0.05 <= sum(y[kind] for y in years).sum() / residents.sum() <= 0.08, kind
    turnover = sum(y["zuzuege"] + y["abgaenge"] + y["umzuege_weg"] for y in years) / residents
    wulfen = profile.nr.index("08")
    villages = [profile.nr.index(nr) for nr in ("06", "07", "09", "10", "11")]
    assert turnover[wulfen] > 1.5 * turnover[villages].max()
    assert sum(y["umzuege_weg"] for y in years).sum() / residents.sum() > 0.015, "moves within"


def test_moves_between_districts_in_the_delivered_register(inbox):
    """Residents at both Stichtage change district, a few from or to an unknown address (99)."""
    before, after = (
        {
            i: district_of(inbox, y)(r)
            for i, r in by_id(inbox, y, "ewo_einwohner", "PERS_ID").items()
        }
        for y in YEARS
    )
    moves = Counter(
        (before[i], after[i]) for i in before.keys() & after.keys() if before[i] != after[i]
    )
    assert 0.01 < sum(moves.values()) / len(after) < 0.08
    assert any("99" in pair for pair in moves)
