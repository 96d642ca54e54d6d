"""No suppressed value can be solved back from z-scores or index values (indicators.md).

The attacker (sozialmonitor.publishing.rueckrechnung, also run by the publish audit) solves
wert = a + b·z from published (wert, z) pairs and the hidden z from an index value. On the
published file it finds nothing; on the same file with the z-scores and index computed from
the exact values, as the contract once asked, it recovers the hidden values exactly.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from sozialmonitor.publishing.pruefung import pruefe_neue_datei
from sozialmonitor.publishing.rueckrechnung import angriff
from sozialmonitor.sql import literal
from tests.conftest import STICHTAGE

pytestmark = pytest.mark.slow


def _angriff(pfad) -> list:
    with duckdb.connect() as con:
        con.execute(f"ATTACH {literal(pfad)} AS neu (READ_ONLY)")
        return angriff(con, "neu")


def _exakte_z(settings) -> pd.DataFrame:
    """The rule switched off: z and index from the exact values, suppressed ones included."""
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(
            """
            WITH w AS (
                SELECT f.stichtag, f.stadtteil_nr, f.indikator_id, i.richtung, f.wert
                FROM indicators.ind_indikatoren f JOIN marts.dim_indikator i USING (indikator_id)
                WHERE i.im_index AND f.merkmal = 'gesamt' AND f.stadtteil_nr BETWEEN '01' AND '11'
            )
            SELECT stichtag, stadtteil_nr, indikator_id,
                   CASE WHEN stddev_pop(wert) OVER g = 0 THEN 0.0
                        ELSE richtung * (wert - avg(wert) OVER g) / stddev_pop(wert) OVER g END AS z
            FROM w WINDOW g AS (PARTITION BY stichtag, indikator_id)
            """
        ).df()


def test_nothing_suppressed_can_be_solved_from_z_scores_or_the_index(veroeffentlicht):
    with duckdb.connect(str(veroeffentlicht.published_db), read_only=True) as con:
        (gesperrt,) = con.execute(
            "SELECT count(*) FROM fct_indikatoren f JOIN dim_indikator i USING (indikator_id) "
            "WHERE f.gesperrt AND i.im_index = 'ja' AND f.merkmal = 'gesamt' "
            "AND f.stadtteil_nr BETWEEN '01' AND '11'"
        ).fetchone()
    assert gesperrt > 0  # small districts at this scale: the attack has targets
    assert _angriff(veroeffentlicht.published_db) == []


def test_the_attacker_solves_hidden_values_when_z_comes_from_exact_values(
    veroeffentlicht, tmp_path
):
    manipuliert = tmp_path / "alte_regel.duckdb"
    manipuliert.write_bytes(veroeffentlicht.published_db.read_bytes())
    exakt = _exakte_z(veroeffentlicht)
    with duckdb.connect(str(manipuliert)) as con:
        for indikator in exakt.indikator_id.unique():
            teil = exakt[exakt.indikator_id == indikator]
            con.register("exakt", teil)
            con.execute(
                f'UPDATE fct_sozialindex s SET "z_{indikator}" = e.z FROM exakt e '
                "WHERE e.stichtag = s.stichtag AND e.stadtteil_nr = s.stadtteil_nr"
            )
            con.unregister("exakt")
    aufgedeckt = [a for a in _angriff(manipuliert) if a.weg == "Wert aus z-Wert"]
    assert aufgedeckt, "the attacker must succeed when suppressed values enter the z-scores"
    with duckdb.connect(str(veroeffentlicht.warehouse), read_only=True) as con:
        for a in aufgedeckt:
            (wahr,) = con.execute(
                "SELECT wert FROM indicators.ind_indikatoren WHERE stichtag = ? AND stadtteil_nr = ? "
                "AND indikator_id = ? AND merkmal = 'gesamt'",
                [a.stichtag, a.stadtteil_nr, a.indikator_id],
            ).fetchone()
            assert a.wert == pytest.approx(wahr, rel=1e-6, abs=1e-9)
    with duckdb.connect() as con:
        con.execute(f"ATTACH {literal(manipuliert)} AS neu (READ_ONLY)")
        con.execute(f"ATTACH {literal(veroeffentlicht.warehouse)} AS lager (READ_ONLY)")
        befunde = pruefe_neue_datei(con, list(STICHTAGE))
    assert any("zurückrechnen" in b for b in befunde)


def test_an_index_that_averages_a_hidden_z_gives_it_away(tmp_path):
    """Two published z-scores and an index of three: the third z, then its value, follow."""
    pfad = tmp_path / "index.duckdb"
    with duckdb.connect(str(pfad)) as con:
        con.execute(
            "CREATE TABLE fct_indikatoren AS SELECT DATE '2024-12-31' AS stichtag, nr AS stadtteil_nr, "
            "ind AS indikator_id, 'gesamt' AS merkmal, wert FROM (VALUES "
            "('01', 'a', 10.0), ('02', 'a', 20.0), ('03', 'a', NULL), "
            "('01', 'b', 1.0), ('02', 'b', 2.0), ('03', 'b', 3.0)) t(nr, ind, wert)"
        )
        # a: m = 20, s = 10 (03 hides 30, z = 1); b: z = -1.2247, 0, 1.2247
        con.execute(
            "CREATE TABLE fct_sozialindex AS SELECT DATE '2024-12-31' AS stichtag, nr AS stadtteil_nr, "
            "idx AS indexwert, za AS z_a, zb AS z_b FROM (VALUES "
            "('01', -1.1123724356957945, -1.0, -1.224744871391589), ('02', 0.0, 0.0, 0.0), "
            "('03', 1.1123724356957945, NULL, 1.224744871391589)) t(nr, idx, za, zb)"
        )
    aufgedeckt = _angriff(pfad)
    assert [(a.stadtteil_nr, a.indikator_id, a.weg) for a in aufgedeckt] == [
        ("03", "a", "z-Wert aus dem Indexwert")
    ]
    assert aufgedeckt[0].wert == pytest.approx(30.0, abs=1e-4)
