"""Write-audit-publish, privacy, disclosure control and exports of the BI database."""

from __future__ import annotations

import csv
import subprocess
import sys
import textwrap

import duckdb
import openpyxl
import pytest

from sozialmonitor.publishing import publish, rollback
from sozialmonitor.publishing.vertrag import SPALTEN
from tests.conftest import STICHTAGE
from tests.publishing.conftest import neue_pruefung, sha256_datei

pytestmark = pytest.mark.slow
STICHTAG = STICHTAGE[-1]


def _published(settings, sql, params=()):
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_contract_tables_every_stichtag_and_nothing_personal(veroeffentlicht):
    columns = _published(
        veroeffentlicht, "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal"
    )
    tables = {t for t, _ in columns}
    for table, required in SPALTEN.items():
        assert set(required) <= {c for t, c in columns if t == table}, table
    assert not [
        c
        for _, c in columns
        if "pseudonym" in c or c in ("pers_id", "geb_jahr", "geb_monat", "zeile")
    ]
    assert not tables & {"ewo_einwohner", "stg_ewo__einwohner", "ladeprotokoll", "quarantaene"}
    assert [
        d
        for (d,) in _published(
            veroeffentlicht, "SELECT DISTINCT stichtag FROM fct_indikatoren ORDER BY 1"
        )
    ] == list(STICHTAGE)
    # the largest table is an aggregate: at most one row per Stichtag x district x age group x sex x origin
    (rows,) = _published(veroeffentlicht, "SELECT count(*) FROM fct_bevoelkerung")[0]
    assert rows <= len(STICHTAGE) * 13 * 10 * 4 * 3


def _recoverable(settings) -> list[tuple]:
    """An attacker: a suppressed cell whose margin has every other cell published is revealed."""
    return _published(
        settings,
        """
        WITH margen AS (
            SELECT 'kategorie' AS weg, stichtag, stadtteil_nr, indikator_id, merkmal, auspraegung, gesperrt, zaehler,
                   count(*) FILTER (WHERE gesperrt) OVER (PARTITION BY stichtag, stadtteil_nr, indikator_id, merkmal) AS n
            FROM fct_indikatoren WHERE merkmal <> 'gesamt'
            UNION ALL
            SELECT 'stadtteil', stichtag, stadtteil_nr, indikator_id, merkmal, auspraegung, gesperrt, zaehler,
                   count(*) FILTER (WHERE gesperrt) OVER (PARTITION BY stichtag, indikator_id, merkmal, auspraegung)
            FROM fct_indikatoren WHERE stadtteil_nr <> '00'
        )
        SELECT m.* FROM margen m
        JOIN fct_indikatoren t ON t.stichtag = m.stichtag AND t.indikator_id = m.indikator_id
         AND t.merkmal = (CASE WHEN m.weg = 'kategorie' THEN 'gesamt' ELSE m.merkmal END)
         AND t.auspraegung = (CASE WHEN m.weg = 'kategorie' THEN 'gesamt' ELSE m.auspraegung END)
         AND t.stadtteil_nr = (CASE WHEN m.weg = 'kategorie' THEN m.stadtteil_nr ELSE '00' END)
        WHERE m.gesperrt AND m.n = 1 AND NOT t.gesperrt AND t.zaehler IS NOT NULL
        """,
    )


def test_no_suppressed_value_can_be_recovered_from_published_totals(veroeffentlicht):
    (gesperrt,) = _published(
        veroeffentlicht, "SELECT count(*) FROM fct_indikatoren WHERE gesperrt"
    )[0]
    assert gesperrt > 0  # small districts at this scale have small counts
    assert _recoverable(veroeffentlicht) == []
    # suppressed cells carry no numbers and never show as 0
    assert (
        _published(
            veroeffentlicht,
            "SELECT count(*) FROM fct_indikatoren WHERE gesperrt AND "
            "(wert IS NOT NULL OR zaehler IS NOT NULL OR nenner IS NOT NULL)",
        )[0][0]
        == 0
    )
    # the cube: no published district total (per age group, sex, origin) minus the shown cells reveals a cell
    for margin in ("altersgruppe", "geschlecht", "herkunft"):
        single = _published(
            veroeffentlicht,
            f"SELECT count(*) FROM (SELECT 1 FROM fct_bevoelkerung GROUP BY stichtag, "
            f"stadtteil_nr, {margin} HAVING count(*) FILTER (WHERE gesperrt) = 1 AND count(*) > 1)",
        )
        assert single[0][0] == 0, margin


def test_the_attack_finds_cells_when_secondary_suppression_is_undone(settings):
    """The recovery query is a real attacker: lift one secondary suppression and it succeeds."""
    assert publish(settings, STICHTAG).ok
    with duckdb.connect(str(settings.published_db)) as con:
        # two suppressed categories of a breakdown whose total is published
        pair = con.execute(
            "SELECT i.stichtag, i.stadtteil_nr, i.indikator_id, i.merkmal, list(i.auspraegung) "
            "FROM fct_indikatoren i JOIN fct_indikatoren t ON t.stichtag = i.stichtag "
            "AND t.stadtteil_nr = i.stadtteil_nr AND t.indikator_id = i.indikator_id "
            "AND t.merkmal = 'gesamt' AND NOT t.gesperrt "
            "WHERE i.gesperrt AND i.merkmal <> 'gesamt' GROUP BY ALL HAVING count(*) = 2 LIMIT 1"
        ).fetchone()
        assert pair is not None
        con.execute(
            "UPDATE fct_indikatoren SET gesperrt = false, zaehler = 5 WHERE stichtag = ? AND stadtteil_nr = ? "
            "AND indikator_id = ? AND merkmal = ? AND auspraegung = ?",
            [*pair[:4], pair[4][0]],
        )
    assert _recoverable(settings)


def test_a_failed_check_keeps_the_published_file(settings):
    assert publish(settings, STICHTAG).ok
    before = sha256_datei(settings.published_db)
    neue_pruefung(settings, STICHTAG, bestanden=False)
    result = publish(settings, STICHTAG)
    assert not result.ok and result.blocks_publication
    assert any("blockierende Prüfung(en) verletzt" in m for m in result.messages)
    assert sha256_datei(settings.published_db) == before
    assert not list(settings.published_dir.glob(".neu-*"))


def _release(settings) -> dict:
    """What a reader of each part of the live release sees."""
    return {
        "datenbank": sha256_datei(settings.published_db),
        "exporte": sorted(p.name for p in settings.exports_dir.iterdir() if p.is_dir()),
        "berichte": sorted(p.name for p in settings.reports_dir.glob("sozialbericht_*.html")),
    }


def test_rollback_restores_database_exports_and_reports_together(settings):
    assert publish(settings, STICHTAG).ok
    beide = _release(settings)
    assert beide["exporte"] == ["2023", "2024"]
    assert beide["berichte"] == ["sozialbericht_2023.html", "sozialbericht_2024.html"]
    neue_pruefung(settings, STICHTAG, bestanden=False)  # 2024 fails a later check
    assert publish(settings, STICHTAGE[0]).ok
    nur_2023 = _release(settings)
    assert nur_2023["exporte"] == ["2023"]
    assert nur_2023["berichte"] == ["sozialbericht_2023.html"]
    assert _published(settings, "SELECT DISTINCT year(stichtag) FROM fct_indikatoren") == [(2023,)]
    rollback(settings)
    assert _release(settings) == beide
    with pytest.raises(FileNotFoundError):
        rollback(settings)


READER = textwrap.dedent("""
    import sys, time, duckdb
    path, seconds = sys.argv[1], float(sys.argv[2])
    seen, end = set(), time.time() + seconds
    while time.time() < end:
        with duckdb.connect(path, read_only=True) as con:
            # a complete release: its Stichtage have indicators and index rows
            n_ind, n_idx = con.execute(
                "SELECT (SELECT count(DISTINCT stichtag) FROM fct_indikatoren), "
                "(SELECT count(DISTINCT stichtag) FROM fct_sozialindex)").fetchone()
            assert n_ind == n_idx, (n_ind, n_idx)
            seen.add(n_ind)
    print(sorted(seen))
""")


def test_reader_sees_only_complete_releases_while_publishing(settings, tmp_path):
    assert publish(settings, STICHTAG).ok
    script = tmp_path / "reader.py"
    script.write_text(READER)
    reader = subprocess.Popen(
        [sys.executable, str(script), str(settings.published_db), "8"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for runde in range(4):  # 2024 fails and passes its check by turns: releases of 1 and 2 years
        neue_pruefung(settings, STICHTAG, bestanden=runde % 2 == 1)
        result = publish(settings, STICHTAGE[0])
        assert result.ok and "Veröffentlicht" in result.messages[0], result.messages
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    assert set(eval(out)) <= {1, 2}


def test_exports_for_german_excel(veroeffentlicht):
    folder = veroeffentlicht.exports_dir / "2024"
    raw = (folder / "fct_indikatoren.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert {r["Stichtag"] for r in rows} == {"31.12.2024"}
    assert any("," in r["Wert"] for r in rows) and not any("." in r["Wert"] for r in rows)
    assert {r["Gesperrt"] for r in rows} <= {"ja", "nein"}
    (n,) = _published(
        veroeffentlicht, "SELECT count(*) FROM fct_indikatoren WHERE stichtag = ?", [STICHTAG]
    )[0]
    assert len(rows) == n
    assert (folder / "fct_indikatoren.parquet").stat().st_size > 0
    book = openpyxl.load_workbook(folder / "sozialmonitor_2024.xlsx", read_only=False)
    assert {"Sozialindex", "Demografie", "Bevölkerung"} <= set(book.sheetnames)
    assert book["Demografie"].freeze_panes == "A2"
    assert (
        (folder / "datenlexikon.csv")
        .read_text(encoding="utf-8-sig")
        .startswith("Kennung;Thema;Indikator")
    )
