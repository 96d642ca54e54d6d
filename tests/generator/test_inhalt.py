"""Content: realistic city, districts that differ, sources consistent with the register."""

from collections import Counter

import numpy as np
import openpyxl
import pytest

from sozialmonitor.gemeinde import load_gemeinde
from sozialmonitor.generator import generate
from sozialmonitor.generator.profile import load_profile
from sozialmonitor.landing.quellen import QUELLEN, QUELLEN_DEF
from tests.generator.conftest import csv_path, district_of, read_rows

SCALE = 0.4
YEAR = 2024


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """One year large enough for district comparisons (about 31,000 residents)."""
    folder = tmp_path_factory.mktemp("city")
    generate(folder, [YEAR], scale=SCALE, seed=11)
    rows = {s: read_rows(csv_path(folder, YEAR, s)) for s in QUELLEN if s != "sgb2_stadtteile"}
    lookup = district_of(folder, YEAR)
    for source, table in rows.items():
        if source not in ("kataster_adressen",):
            for r in table:
                r["st"] = lookup(r) if r["STR_SCHL"] else None
    return folder, rows


def age(row):
    return YEAR - int(row["GEB_DATUM"][-4:])


def groups():
    """District codes of the three most and the three least deprived districts (generator profile)."""
    profile = load_profile()
    order = np.argsort(profile.belastung)
    return [profile.nr[i] for i in order[-3:]], [profile.nr[i] for i in order[:3]]


def rate(rows, codes, hit, base=lambda r: True):
    chosen = [r for r in rows if r["st"] in codes and base(r)]
    return sum(map(hit, chosen)) / len(chosen)


def test_residents_follow_the_district_sizes(city):
    _, rows = city
    ewo = rows["ewo_einwohner"]
    gemeinde = load_gemeinde()
    expected = sum(t.einwohner_ca for t in gemeinde.stadtteile) * SCALE
    assert abs(len(ewo) / expected - 1) < 0.05
    counts = Counter(r["st"] for r in ewo)
    for teil in gemeinde.stadtteile:
        share = teil.einwohner_ca / sum(t.einwohner_ca for t in gemeinde.stadtteile)
        assert abs(counts[teil.nr] / len(ewo) - share) < 0.01, teil.name


def test_age_structure_origin_and_households(city):
    _, rows = city
    ewo = rows["ewo_einwohner"]
    ages = np.array([age(r) for r in ewo])
    assert 0.15 < (ages < 18).mean() < 0.22
    assert 0.18 < (ages >= 65).mean() < 0.28
    assert 0.05 < (ages >= 80).mean() < 0.10
    foreign = [r["STAATSANG_1"] != "DE" and r["STAATSANG_2"] != "DE" for r in ewo]
    assert 0.09 < np.mean(foreign) < 0.15
    german_with = [
        not f
        and (
            r["STAATSANG_2"] not in ("", "DE")
            or r["GEBURTSLAND"] != "DE"
            or r["EINBUERGERUNG"] == "J"
        )
        for r, f in zip(ewo, foreign, strict=True)
    ]
    assert 0.05 < np.mean(german_with) < 0.2
    members = Counter(r["HH_ID"] for r in ewo)
    assert 0.3 < sum(1 for n in members.values() if n == 1) / len(members) < 0.5
    adults, minors = Counter(), Counter()
    for r, a in zip(ewo, ages, strict=True):
        (minors if a < 18 else adults)[r["HH_ID"]] += 1
    with_children = [h for h in members if minors[h]]
    single_parents = [h for h in with_children if adults[h] == 1]
    assert 0.12 < len(single_parents) / len(with_children) < 0.35
    assert all(adults[h] >= 1 for h in members), "no household of minors only"


def test_deprived_districts_separate_from_affluent_ones(city):
    folder, rows = city
    high, low = groups()
    workbook = openpyxl.load_workbook(
        folder / str(YEAR) / f"sgb2_stadtteile_{YEAR}12.xlsx", read_only=True
    )
    gemeinde = load_gemeinde()
    rlb = {}
    for row in workbook.worksheets[0].iter_rows(values_only=True):
        code = gemeinde.resolve(str(row[0])) if row[0] else None
        if code and code != "00":
            rlb[code] = {"*": 1.5, "-": 0}.get(row[2], row[2])
    ewo = rows["ewo_einwohner"]
    under_65 = Counter(r["st"] for r in ewo if age(r) < 65)

    def quote(codes):
        return sum(rlb[c] for c in codes) / sum(under_65[c] for c in codes)

    assert quote(high) > 4 * quote(low)
    assert 0.06 < sum(rlb.values()) / sum(under_65.values()) < 0.14

    households = Counter(r["st"] for r in ewo)  # residents as a proxy for the denominator's size
    wohngeld = Counter(r["st"] for r in rows["wohngeld"])
    assert sum(wohngeld[c] for c in high) / sum(households[c] for c in high) > 1.5 * sum(
        wohngeld[c] for c in low
    ) / sum(households[c] for c in low)

    def gym(codes):
        return rate(rows["schuluebergaenge"], codes, lambda r: r["SCHULFORM"] == "GY")

    assert gym(low) > gym(high) + 0.1

    def language(codes):
        return rate(rows["seu"], codes, lambda r: r["DEUTSCH_FOERDERBEDARF"] == "J")

    assert language(high) > language(low) + 0.05
    young = Counter(r["st"] for r in ewo if age(r) <= 20)
    active = Counter(r["st"] for r in rows["hze_faelle"] if not r["ENDE"])

    def hze(codes):
        return sum(active[c] for c in codes) / sum(young[c] for c in codes)

    assert hze(high) > 2 * hze(low)
    assert 0.01 < sum(active.values()) / sum(young.values()) < 0.05


def test_sources_drawn_from_resident_children(city):
    _, rows = city
    residents = len(rows["ewo_einwohner"])
    births = sum(1 for r in rows["ewo_einwohner"] if age(r) == 0)
    assert 0.006 < births / residents < 0.012
    kita = rows["kita_kinder"]
    ags = load_gemeinde().ags
    inside = [r for r in kita if r["WOHNORT_AGS"] == ags]
    outside = [r for r in kita if r["WOHNORT_AGS"] != ags]
    assert inside and outside and len(outside) < 0.06 * len(kita)
    assert all(r["STR_SCHL"] == r["HNR"] == r["HNR_ZUS"] == "" for r in outside)
    assert all(r["STR_SCHL"] and r["HNR"] for r in inside)
    assert all(age(r) <= 6 for r in kita)
    under_3 = sum(1 for r in inside if age(r) < 3) / sum(
        1 for r in rows["ewo_einwohner"] if age(r) < 3
    )
    from_3 = sum(1 for r in inside if 3 <= age(r) <= 5) / sum(
        1 for r in rows["ewo_einwohner"] if 3 <= age(r) <= 5
    )
    assert 0.15 < under_3 < 0.45 and 0.75 < from_3 < 0.98
    assert {r["BETREUUNGSART"] for r in kita} == {"KITA", "TAGESPFLEGE"}
    assert all((r["EINRICHTUNG_NR"] == "") == (r["BETREUUNGSART"] == "TAGESPFLEGE") for r in kita)
    assert all(YEAR - 7 <= int(r["GEB_DATUM"][-4:]) <= YEAR - 6 for r in rows["seu"])
    assert all(YEAR - 11 <= int(r["GEB_DATUM"][-4:]) <= YEAR - 10 for r in rows["schuluebergaenge"])
    assert all(age(r) <= 21 for r in rows["hze_faelle"])
    for r in rows["wohngeld"]:
        assert 0 <= int(r["KINDER_UNTER_18"]) < int(r["HAUSHALT_PERSONEN"])


def test_facilities_are_referenced_by_type(city):
    _, rows = city
    facilities = {r["EINRICHTUNG_NR"]: r for r in rows["einrichtungen"]}
    typ = next(s for s in QUELLEN_DEF["einrichtungen"].spalten if s.name == "TYP")
    assert {r["TYP"] for r in facilities.values()} == set(typ.werte)
    for r in facilities.values():
        if r["TYP"] == "KITA":
            assert int(r["PLAETZE_U3"]) <= int(r["PLAETZE"])
        else:
            assert r["PLAETZE_U3"] == ""
    assert all(
        facilities[r["EINRICHTUNG_NR"]]["TYP"] == "KITA"
        for r in rows["kita_kinder"]
        if r["EINRICHTUNG_NR"]
    )
    assert all(
        facilities[r["GRUNDSCHULE_NR"]]["TYP"] == "GRUNDSCHULE" for r in rows["schuluebergaenge"]
    )
    assert all(r["st"] != "99" for r in rows["einrichtungen"])


def test_address_imperfections_stay_small(city):
    _folder, rows = city
    register = {(r["STR_SCHL"], r["HNR"], r["HNR_ZUS"]) for r in rows["kataster_adressen"]}
    assert any(r["HNR_ZUS"] for r in rows["kataster_adressen"]), "the register has suffix letters"
    for source in (
        "ewo_einwohner",
        "kita_kinder",
        "hze_faelle",
        "seu",
        "schuluebergaenge",
        "wohngeld",
    ):
        located = [r for r in rows[source] if r["STR_SCHL"]]
        assert sum(r["st"] == "99" for r in located) <= 0.005 * len(located), source
    ewo = rows["ewo_einwohner"]
    assert 0 < sum(r["st"] == "99" for r in ewo) <= 0.003 * len(ewo)
    suffix_only = [
        r
        for r in ewo
        if r["HNR_ZUS"]
        and (r["STR_SCHL"], r["HNR"], r["HNR_ZUS"]) not in register
        and r["st"] != "99"
    ]
    assert 0.003 * len(ewo) < len(suffix_only) < 0.02 * len(ewo)


def test_register_housing(city):
    _, rows = city
    register = rows["kataster_adressen"]
    dwellings = sum(int(r["WOHNUNGEN"]) for r in register)
    households = len({r["HH_ID"] for r in rows["ewo_einwohner"]})
    assert households < dwellings < 1.15 * households
    space = sum(float(r["WOHNFLAECHE_QM"].replace(",", ".")) for r in register)
    assert 35 < space / len(rows["ewo_einwohner"]) < 60
    assert 0 < sum(int(r["GEF_WOHNUNGEN"]) for r in register) < 0.15 * dwellings
    assert len({(r["STR_SCHL"], r["HNR"], r["HNR_ZUS"]) for r in register}) == len(register)
