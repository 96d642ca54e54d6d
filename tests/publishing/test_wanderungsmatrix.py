"""The flow matrix and the movement indicators together reveal no suppressed number.

An attacker knows each district's published moves out (row total, bew_umzuege_weg) and in
(column total, bew_umzuege_zu) and the published flows. A row or column with exactly one
unknown among its flows and its total gives that unknown away.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

pytestmark = pytest.mark.slow

#: Per margin: the unknowns among its flows and its total (published in fct_indikatoren).
UNBEKANNTE = """
WITH summen AS (
    SELECT stichtag, stadtteil_nr, indikator_id, gesperrt FROM fct_indikatoren
    WHERE indikator_id IN ('bew_umzuege_weg', 'bew_umzuege_zu') AND merkmal = 'gesamt'
), zeilen AS (
    SELECT m.stichtag, 'aus ' || m.von_stadtteil_nr AS margin,
           count(*) FILTER (WHERE m.gesperrt) + any_value(s.gesperrt::INT) AS unbekannt,
           count(*) AS stroeme
    FROM fct_wanderungsmatrix m JOIN summen s
      ON s.stichtag = m.stichtag AND s.stadtteil_nr = m.von_stadtteil_nr
     AND s.indikator_id = 'bew_umzuege_weg'
    GROUP BY ALL
), spalten AS (
    SELECT m.stichtag, 'nach ' || m.nach_stadtteil_nr,
           count(*) FILTER (WHERE m.gesperrt) + any_value(s.gesperrt::INT), count(*)
    FROM fct_wanderungsmatrix m JOIN summen s
      ON s.stichtag = m.stichtag AND s.stadtteil_nr = m.nach_stadtteil_nr
     AND s.indikator_id = 'bew_umzuege_zu'
    GROUP BY ALL
)
SELECT * FROM zeilen UNION ALL SELECT * FROM spalten
"""


def test_no_flow_or_movement_total_can_be_solved_from_the_other(veroeffentlicht):
    with duckdb.connect(str(veroeffentlicht.published_db), read_only=True) as con:
        margen = con.execute(UNBEKANNTE).fetchall()
    assert margen, "the release has a flow matrix"
    assert any(u >= 2 for *_, u, _ in margen), "suppression occurs at this scale"
    assert [m for m in margen if m[2] == 1] == []


def test_the_attack_finds_a_total_when_its_flows_are_all_published(veroeffentlicht, tmp_path):
    """The query is a real attacker: publish every flow of a row whose total is suppressed."""
    datei = tmp_path / "sozialmonitor.duckdb"  # the shared release stays as published
    shutil.copy2(veroeffentlicht.published_db, datei)
    with duckdb.connect(str(datei)) as con:
        zeile = con.execute(
            "SELECT stichtag, stadtteil_nr FROM fct_indikatoren WHERE indikator_id = 'bew_umzuege_weg' "
            "AND merkmal = 'gesamt' AND gesperrt AND stadtteil_nr <> '00' AND stadtteil_nr IN "
            "(SELECT von_stadtteil_nr FROM fct_wanderungsmatrix) LIMIT 1"
        ).fetchone()
        assert zeile is not None
        con.execute(
            "UPDATE fct_wanderungsmatrix SET gesperrt = false, personen = 1 "
            "WHERE stichtag = ? AND von_stadtteil_nr = ?",
            list(zeile),
        )
        margen = con.execute(UNBEKANNTE).fetchall()
    assert [m for m in margen if m[2] == 1]
