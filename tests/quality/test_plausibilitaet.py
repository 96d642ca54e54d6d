"""Results that look implausible but follow from valid rows never block (deliveries.md).

Generated deliveries of one Stichtag, landed, then changed as the held-out deliveries were:
district 99 holds 2 day-care children under 3 and 1 resident of that age (kita_quote_u3 =
200 %) and 1 child aged 3-5 but no resident of that age, and in one district a few residents aged 3-5 are gone (quarantined for bad birth
dates), so more children of that age are in day care than live there. dbt builds, the
quality suites run: the Stichtag is not blocked, the quality results warn, and the cells
carry a ``hinweis`` into the published file.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from sozialmonitor.generator import generate
from sozialmonitor.landing import land
from sozialmonitor.quality import SUITES, check
from sozialmonitor.settings import Settings
from sozialmonitor.transform import build, dbt

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("transform")]

STICHTAG = date(2024, 12, 31)
HINWEIS = "zaehler_groesser_nenner"
#: A street key the address register does not hold: the rows land in district 99.
UNBEKANNTE_STRASSE = "99999"


def _zuordnung(quelle: str) -> str:
    return next(s for s in SUITES if s.name == f"zuordnung_{quelle}").zuordnung["modell"]


def _kopie_nach_99(con, tabelle: str, id_spalte: str, alter: str, anzahl: int) -> None:
    """Copies of ``anzahl`` rows of that age at an address the register does not hold."""
    zuordnung = _zuordnung(tabelle)
    con.execute(
        f"INSERT INTO raw.{tabelle} SELECT * REPLACE ('neu-' || {id_spalte} AS {id_spalte}, "
        f"'{UNBEKANNTE_STRASSE}' AS str_schl) FROM raw.{tabelle} WHERE {id_spalte} IN "
        f"(SELECT {id_spalte} FROM {zuordnung} WHERE {alter} AND stadtteil_nr <> '99' "
        f"ORDER BY {id_spalte} LIMIT {anzahl})"
    )


def _district_99_as_in_the_held_out_deliveries(con) -> None:
    """2 day-care children under 3 and 1 resident of that age (kita_quote_u3 = 200 %);
    1 child aged 3-5 and no resident of that age."""
    con.execute(
        "DELETE FROM raw.ewo_einwohner WHERE pers_pseudonym IN (SELECT pers_pseudonym FROM "
        f"{_zuordnung('ewo_einwohner')} WHERE stadtteil_nr = '99' AND alter <= 5)"
    )
    con.execute(
        "DELETE FROM raw.kita_kinder WHERE kind_pseudonym IN (SELECT kind_pseudonym FROM "
        f"{_zuordnung('kita_kinder')} WHERE stadtteil_nr = '99' AND alter <= 5)"
    )
    _kopie_nach_99(con, "ewo_einwohner", "pers_pseudonym", "alter <= 2", 1)
    _kopie_nach_99(con, "kita_kinder", "kind_pseudonym", "alter <= 2", 2)
    _kopie_nach_99(con, "kita_kinder", "kind_pseudonym", "alter BETWEEN 3 AND 5", 1)


def _district_with_more_children_3_to_5_in_day_care_than_residents(con) -> tuple[str, int]:
    """Drop residents aged 3-5 of one district until one child more is in day care than
    live there; at least 20 stay, so the published cell is not suppressed."""
    einwohner, kinder = _zuordnung("ewo_einwohner"), _zuordnung("kita_kinder")
    stadtteil, bewohner, betreut = con.execute(
        f"""
        WITH b AS (SELECT stadtteil_nr, count(*) AS n FROM {einwohner}
                   WHERE alter BETWEEN 3 AND 5 GROUP BY ALL),
             k AS (SELECT stadtteil_nr, count(*) AS n FROM {kinder}
                   WHERE alter BETWEEN 3 AND 5 GROUP BY ALL)
        SELECT stadtteil_nr, b.n, k.n FROM b JOIN k USING (stadtteil_nr)
        WHERE stadtteil_nr <> '99' AND k.n >= 21 ORDER BY b.n - k.n, stadtteil_nr LIMIT 1
        """
    ).fetchone()
    con.execute(
        f"DELETE FROM raw.ewo_einwohner WHERE pers_pseudonym IN (SELECT pers_pseudonym FROM {einwohner} "
        f"WHERE stadtteil_nr = ? AND alter BETWEEN 3 AND 5 ORDER BY pers_pseudonym LIMIT ?)",
        [stadtteil, bewohner - betreut + 1],
    )
    return stadtteil, betreut


@pytest.fixture(scope="module")
def lager(tmp_path_factory):
    """(settings, the changed district, its children 3-5 in day care, the check stage)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOZIALMONITOR_PSEUDONYM_KEY", "plausibilitaet-test-key-" + "q" * 32)
    root = tmp_path_factory.mktemp("plausibilitaet")
    settings = Settings.from_env(data_dir=root / "data", inbox=root / "inbox")
    generate(settings.inbox, [STICHTAG.year], scale=0.3, seed=17)
    assert land(settings, STICHTAG).ok
    # The address assignment (intermediate views) tells which rows live where.
    modelle = " ".join("+" + _zuordnung(q).split(".")[1] for q in ("ewo_einwohner", "kita_kinder"))
    vorbereitung = dbt(
        settings,
        "build",
        "--select",
        modelle,
        "--exclude-resource-type",
        "test",
        "unit_test",
        stichtag=STICHTAG,
    )
    assert vorbereitung.returncode == 0, vorbereitung.stdout[-2000:]
    with duckdb.connect(str(settings.warehouse)) as con:
        _district_99_as_in_the_held_out_deliveries(con)
        stadtteil, betreut = _district_with_more_children_3_to_5_in_day_care_than_residents(con)
    gebaut = build(settings, STICHTAG)
    assert gebaut.ok, gebaut.messages
    yield settings, stadtteil, betreut, check(settings, STICHTAG)
    mp.undo()


def _zelle(settings: Settings, tabelle: str, stadtteil: str, indikator: str) -> dict:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        cursor = con.execute(
            f"SELECT * FROM {tabelle} WHERE stichtag = ? AND stadtteil_nr = ? "
            "AND indikator_id = ? AND merkmal = 'gesamt'",
            [STICHTAG, stadtteil, indikator],
        )
        row = cursor.fetchone()
        return dict(zip([c[0] for c in cursor.description], row, strict=True))


def test_shares_above_100_percent_do_not_block_the_stichtag(lager):
    _, _, _, stage = lager
    assert stage.ok and not stage.blocks_publication, stage.messages


def test_the_cells_are_as_in_the_held_out_deliveries_and_carry_a_hinweis(lager):
    settings, stadtteil, betreut, _ = lager
    kita_99 = _zelle(settings, "indicators.ind_indikatoren", "99", "kita_quote_u3")
    assert (kita_99["zaehler"], kita_99["nenner"], kita_99["wert"]) == (2, 1, 200)
    assert kita_99["hinweis"] == HINWEIS
    ohne_nenner = _zelle(settings, "indicators.ind_indikatoren", "99", "kita_quote_ue3")
    assert (ohne_nenner["zaehler"], ohne_nenner["nenner"], ohne_nenner["wert"]) == (1, 0, None)
    assert ohne_nenner["hinweis"] == f"nenner_null; {HINWEIS}"
    klein = _zelle(settings, "indicators.ind_indikatoren", stadtteil, "kita_quote_ue3")
    assert (klein["zaehler"], klein["nenner"]) == (betreut, betreut - 1)
    assert klein["wert"] == pytest.approx(100 * betreut / (betreut - 1))
    assert klein["hinweis"] == HINWEIS


def test_cells_within_their_denominator_have_no_hinweis(lager):
    settings, *_ = lager
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        falsch = con.execute(
            "SELECT count(*) FROM indicators.ind_indikatoren WHERE stichtag = ? "
            "AND (zaehler > nenner AND einheit = 'prozent' AND indikator_id <> 'bev_veraenderung_vorjahr') "
            "<> coalesce(contains(hinweis, ?), false)",
            [STICHTAG, HINWEIS],
        ).fetchone()[0]
    assert falsch == 0


def test_the_quality_results_warn_and_name_both_cells(lager):
    settings, stadtteil, _, stage = lager
    warnungen = [m for m in stage.messages if m.startswith("Warnung: ergebnis_ind_indikatoren")]
    assert any("Zähler höchstens Nenner" in w for w in warnungen), stage.messages
    assert any("Anteile zwischen 0 und 100" in w for w in warnungen), stage.messages
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT schwere, beobachtet FROM qualitaet.letzte_pruefergebnisse "
            "WHERE suite = 'ergebnis_ind_indikatoren' AND erwartung LIKE 'anteile:%' AND NOT erfolg"
        ).fetchall()
    assert {schwere for schwere, _ in rows} == {"warnung"} and len(rows) == 2
    for _, beobachtet in rows:
        assert "stadtteil_nr=99, indikator_id=kita_quote_u3" in beobachtet
        assert f"stadtteil_nr={stadtteil}, indikator_id=kita_quote_ue3" in beobachtet


def test_the_hinweis_is_published_with_the_value(lager):
    settings, stadtteil, betreut, _ = lager
    klein = _zelle(settings, "publish.pub_fct_indikatoren", stadtteil, "kita_quote_ue3")
    assert not klein["gesperrt"] and klein["nenner"] == betreut - 1
    assert klein["hinweis"] == HINWEIS


def test_a_suppressed_cell_does_not_publish_that_its_numerator_exceeds_its_denominator(lager):
    settings, *_ = lager
    kita_99 = _zelle(settings, "publish.pub_fct_indikatoren", "99", "kita_quote_u3")
    assert kita_99["gesperrt"] and kita_99["wert"] is None
    assert kita_99["hinweis"] is None
    # another note of the cell stays
    ohne_nenner = _zelle(settings, "publish.pub_fct_indikatoren", "99", "kita_quote_ue3")
    assert ohne_nenner["gesperrt"] and ohne_nenner["hinweis"] == "nenner_null"
