"""The published file for analysts and BI tools: readable by older drivers, self-describing."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap

import duckdb
import pytest

from sozialmonitor.publishing import publish
from sozialmonitor.settings import PROJECT_DIR
from tests.conftest import STICHTAGE
from tests.publishing.conftest import neue_pruefung

STICHTAG = STICHTAGE[-1]

pytestmark = pytest.mark.slow

#: The oldest driver the storage format promises (BI tools ship their own DuckDB).
ALTER_TREIBER = "1.1.3"


@pytest.fixture(scope="session")
def alter_treiber(tmp_path_factory) -> str:
    """Python of a throwaway environment with DuckDB 1.1.3 (skipped when it cannot be installed)."""
    uv = shutil.which("uv") or PROJECT_DIR / ".tools" / "bin" / "uv"
    if not shutil.which(str(uv)):
        pytest.skip("uv fehlt: keine Wegwerf-Umgebung für einen älteren DuckDB-Treiber")
    umgebung = tmp_path_factory.mktemp("duckdb-alt") / "venv"
    python = umgebung / "bin" / "python"
    for befehl in (
        [str(uv), "venv", "-q", str(umgebung)],
        [str(uv), "pip", "install", "-q", "--python", str(python), f"duckdb=={ALTER_TREIBER}"],
    ):
        lauf = subprocess.run(befehl, check=False, capture_output=True, text=True, timeout=300)
        if lauf.returncode:
            pytest.skip(
                f"duckdb=={ALTER_TREIBER} nicht installierbar (offline?): {lauf.stderr[-300:]}"
            )
    return str(python)


LESER = textwrap.dedent("""
    import json, sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    print(json.dumps({
        "version": duckdb.__version__,
        "tabellen": sorted(t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()),
        "zeilen": con.execute("SELECT count(*) FROM fct_indikatoren").fetchone()[0],
        "uebersicht": con.execute("SELECT count(*) FROM v_stadtteil_uebersicht").fetchone()[0],
        "kommentare": con.execute("SELECT count(comment) FROM duckdb_columns()").fetchone()[0],
    }))
""")


def test_an_older_duckdb_driver_reads_the_published_file(veroeffentlicht, alter_treiber, tmp_path):
    script = tmp_path / "leser.py"
    script.write_text(LESER)
    lauf = subprocess.run(
        [alter_treiber, str(script), str(veroeffentlicht.published_db)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert lauf.returncode == 0, lauf.stderr
    alt = json.loads(lauf.stdout)
    assert alt["version"] == ALTER_TREIBER
    with duckdb.connect(str(veroeffentlicht.published_db), read_only=True) as con:
        assert alt["zeilen"] == con.execute("SELECT count(*) FROM fct_indikatoren").fetchone()[0]
        assert (
            alt["uebersicht"]
            == con.execute("SELECT count(*) FROM v_stadtteil_uebersicht").fetchone()[0]
        )
        assert (
            alt["kommentare"]
            == con.execute("SELECT count(comment) FROM duckdb_columns()").fetchone()[0]
        )
    assert {"fct_indikatoren", "fct_sozialindex", "stand"} <= set(alt["tabellen"])


def _abfrage(settings, sql, params=()):
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_every_table_view_and_column_carries_a_comment(veroeffentlicht):
    ohne = _abfrage(
        veroeffentlicht,
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE database_name = current_database() AND comment IS NULL",
    )
    assert ohne == []
    ohne_tabelle = _abfrage(
        veroeffentlicht,
        "SELECT table_name FROM duckdb_tables() WHERE comment IS NULL "
        "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND comment IS NULL",
    )
    assert ohne_tabelle == []
    # the dbt descriptions arrive: the table's and a column's own text
    ((tabelle, spalte),) = _abfrage(
        veroeffentlicht,
        "SELECT t.comment, c.comment FROM duckdb_tables() t JOIN duckdb_columns() c USING (table_name) "
        "WHERE table_name = 'fct_indikatoren' AND column_name = 'gesperrt'",
    )
    assert "Geheimhaltung" in tabelle and spalte.startswith("true, wenn die Zelle")
    (z,) = _abfrage(
        veroeffentlicht,
        "SELECT comment FROM duckdb_columns() WHERE column_name = 'z_hze_quote'",
    )[0]
    assert "Hilfen zur Erziehung" in z


def test_every_published_code_has_a_german_label(veroeffentlicht):
    ohne = _abfrage(
        veroeffentlicht,
        """
        WITH codes AS (
            SELECT DISTINCT merkmal AS spalte, auspraegung AS code FROM fct_indikatoren WHERE merkmal <> 'gesamt'
            UNION SELECT DISTINCT 'merkmal', merkmal FROM fct_indikatoren
            UNION SELECT DISTINCT 'geschlecht', geschlecht FROM fct_bevoelkerung
            UNION SELECT DISTINCT 'herkunft', herkunft FROM fct_bevoelkerung
            UNION SELECT DISTINCT 'altersgruppe', altersgruppe FROM fct_bevoelkerung
            UNION SELECT DISTINCT 'einheit', einheit FROM dim_indikator
            UNION SELECT DISTINCT 'richtung', richtung::VARCHAR FROM dim_indikator
            UNION SELECT DISTINCT 'hinweis', unnest(string_split(hinweis, '; ')) FROM (
                SELECT hinweis FROM fct_indikatoren UNION SELECT hinweis FROM fct_sozialindex
                UNION SELECT hinweis FROM fct_bewegungen UNION SELECT hinweis FROM fct_bedarfe
                UNION SELECT hinweis FROM fct_vorausberechnung
            ) WHERE hinweis IS NOT NULL
            UNION SELECT DISTINCT 'warnung', warnung FROM fct_fruehwarnung
            UNION SELECT DISTINCT 'bereich', bereich FROM fct_bedarfe
            UNION SELECT 'stadtteil_nr', stadtteil_nr FROM dim_stadtteil WHERE stadtteil_nr IN ('00', '99')
        )
        SELECT spalte, code FROM codes ANTI JOIN bezeichnungen USING (spalte, code)
        """,
    )
    assert ohne == []
    bezeichnungen = dict(
        _abfrage(
            veroeffentlicht,
            "SELECT spalte || '=' || code, bezeichnung FROM bezeichnungen",
        )
    )
    assert bezeichnungen["geschlecht=w"] == "weiblich"
    assert (
        bezeichnungen["herkunft=deutsch_mit_migrationshinweis"] == "Deutsch mit Migrationshinweis"
    )
    assert bezeichnungen["stadtteil_nr=99"] == "nicht zuordenbar"


def test_counts_are_integers(veroeffentlicht):
    typen = dict(
        _abfrage(
            veroeffentlicht,
            "SELECT table_name || '.' || column_name, data_type FROM duckdb_columns() "
            "WHERE column_name IN ('zaehler', 'nenner', 'einwohner', 'einwohner_unter_18') "
            "AND table_name <> 'dim_indikator'",
        )
    )
    assert set(typen) >= {
        "fct_indikatoren.zaehler",
        "fct_indikatoren.nenner",
        "fct_bevoelkerung.einwohner",
        "v_stadtteil_uebersicht.einwohner",
        "v_unter_18.einwohner_unter_18",
    }
    assert set(typen.values()) <= {"BIGINT", "INTEGER"}, typen


def test_the_rule_behind_handlungsbedarf_reproduces_every_class_and_flag(veroeffentlicht):
    zeilen = _abfrage(
        veroeffentlicht,
        """
        SELECT s.klasse, s.handlungsbedarf, r.klasse,
               r.handlungsbedarf OR coalesce(s.veraenderung_vorjahr >= r.anstieg_ab, false)
        FROM fct_sozialindex s
        JOIN regel_handlungsbedarf r
          ON r.indexwert_ab IS NULL OR s.indexwert > r.indexwert_ab
          OR (r.ab_einschliesslich AND s.indexwert = r.indexwert_ab)
        WHERE s.indexwert IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY s.stichtag, s.stadtteil_nr ORDER BY r.reihenfolge) = 1
        """,
    )
    # few districts have 6 published index values at this scale (suppressed ones count as missing)
    assert zeilen
    assert [(k, b) for k, b, _, _ in zeilen] == [(k, b) for _, _, k, b in zeilen]


def test_sex_d_and_x_are_assigned_to_m_and_w_so_breakdowns_add_up(veroeffentlicht):
    assert (
        _abfrage(
            veroeffentlicht,
            "SELECT count(*) FROM fct_bevoelkerung WHERE geschlecht NOT IN ('m', 'w')",
        )[0][0]
        == 0
    )
    # the city's m + w is its total for every indicator broken down by sex: nobody is lost
    abweichend = _abfrage(
        veroeffentlicht,
        """
        SELECT g.stichtag, g.indikator_id, sum(g.zaehler), any_value(t.zaehler)
        FROM fct_indikatoren g
        JOIN fct_indikatoren t ON t.stichtag = g.stichtag AND t.stadtteil_nr = g.stadtteil_nr
         AND t.indikator_id = g.indikator_id AND t.merkmal = 'gesamt'
        WHERE g.stadtteil_nr = '00' AND g.merkmal = 'geschlecht' AND NOT t.gesperrt
        GROUP BY ALL
        HAVING count(*) <> 2 OR bool_or(g.gesperrt) OR sum(g.zaehler) <> any_value(t.zaehler)
        """,
    )
    assert abweichend == []
    # girls' Gymnasium transition rate is published for the city in every year
    assert _abfrage(
        veroeffentlicht,
        "SELECT stichtag, gesperrt FROM fct_indikatoren WHERE indikator_id = 'bil_uebergang_gymnasium' "
        "AND stadtteil_nr = '00' AND auspraegung = 'w' ORDER BY 1",
    ) == [(s, False) for s in STICHTAGE]


def test_the_warehouse_has_d_and_x_that_publication_assigns(veroeffentlicht):
    """The test data hold d and x: without the assignment the check above would have something to find."""
    with duckdb.connect(str(veroeffentlicht.warehouse), read_only=True) as con:
        ((roh, zugeordnet),) = con.execute(
            "SELECT (SELECT count(*) FROM staging.stg_ewo__einwohner WHERE geschlecht IN ('d', 'x')), "
            "(SELECT count(*) FROM marts.fct_bevoelkerung WHERE geschlecht IN ('d', 'x'))"
        ).fetchall()
    assert roh > 0 and zugeordnet == 0


def test_overview_has_the_city_row_and_suppression_flags(veroeffentlicht):
    zeilen = _abfrage(
        veroeffentlicht,
        "SELECT stadtteil_nr, indexwert, einwohner, einwohner_gesperrt, hze_je_1000, hze_je_1000_gesperrt "
        "FROM v_stadtteil_uebersicht WHERE stichtag = ? ORDER BY stadtteil_nr",
        [STICHTAG],
    )
    assert [z[0] for z in zeilen] == ["00"] + [f"{n:02d}" for n in range(1, 12)]
    stadt = zeilen[0]
    assert stadt[1] is None and stadt[2] > 0 and stadt[3] is False
    index = dict(
        _abfrage(
            veroeffentlicht,
            "SELECT stadtteil_nr, indexwert FROM fct_sozialindex WHERE stichtag = ?",
            [STICHTAG],
        )
    )
    assert [z[1] for z in zeilen[1:]] == [index[z[0]] for z in zeilen[1:]]
    # a flag says what fct_indikatoren says, and a suppressed figure is empty
    falsch = _abfrage(
        veroeffentlicht,
        """
        SELECT u.stichtag, u.stadtteil_nr FROM v_stadtteil_uebersicht u
        JOIN fct_indikatoren i ON i.stichtag = u.stichtag AND i.stadtteil_nr = u.stadtteil_nr
         AND i.indikator_id = 'hze_quote' AND i.merkmal = 'gesamt'
        WHERE u.hze_je_1000_gesperrt <> i.gesperrt OR (u.hze_je_1000_gesperrt AND u.hze_je_1000 IS NOT NULL)
           OR u.hze_je_1000 IS DISTINCT FROM i.wert
        """,
    )
    assert falsch == []


def test_under_18s_by_sex_and_origin_are_published_as_their_own_aggregate(veroeffentlicht):
    with duckdb.connect(str(veroeffentlicht.warehouse), read_only=True) as con:
        exakt = dict(
            con.execute(
                "SELECT stichtag || '/' || stadtteil_nr, sum(einwohner) FROM marts.fct_bevoelkerung b "
                "JOIN seeds.merkmale m ON m.merkmal = 'altersgruppe' AND m.auspraegung = b.altersgruppe "
                "WHERE m.alter_bis < 18 GROUP BY ALL"
            ).fetchall()
        )
    gesamt = _abfrage(
        veroeffentlicht,
        "SELECT stichtag || '/' || stadtteil_nr, einwohner_unter_18 FROM v_unter_18 "
        "WHERE merkmal = 'gesamt' AND stadtteil_nr NOT IN ('00', '99') AND NOT gesperrt",
    )
    assert len(gesamt) >= 20
    assert all(exakt[k] == n for k, n in gesamt)
    # by sex and by origin, the published categories of a district add up to its total
    abweichend = _abfrage(
        veroeffentlicht,
        """
        SELECT k.stichtag, k.stadtteil_nr, k.merkmal FROM v_unter_18 k
        JOIN v_unter_18 t ON t.stichtag = k.stichtag AND t.stadtteil_nr = k.stadtteil_nr AND t.merkmal = 'gesamt'
        WHERE k.merkmal <> 'gesamt' AND NOT t.gesperrt
        GROUP BY ALL
        HAVING NOT bool_or(k.gesperrt) AND sum(k.einwohner_unter_18) <> any_value(t.einwohner_unter_18)
        """,
    )
    assert abweichend == []
    assert {m for (m,) in _abfrage(veroeffentlicht, "SELECT DISTINCT merkmal FROM v_unter_18")} == {
        "gesamt",
        "geschlecht",
        "herkunft",
    }


def test_the_cube_reveals_no_suppressed_cell_through_the_under_18_totals(veroeffentlicht):
    """An attacker: published under-18s (or adults) of a district per sex or origin minus the cube's cells.

    A margin of one cell is its own total, suppressed by the same threshold."""
    for merkmal in ("geschlecht", "herkunft"):
        einzeln = _abfrage(
            veroeffentlicht,
            f"""
            SELECT stichtag, stadtteil_nr, {merkmal}, left(altersgruppe, 2)::INTEGER < 18 AS unter_18
            FROM fct_bevoelkerung
            GROUP BY ALL HAVING count(*) FILTER (WHERE gesperrt) = 1 AND count(*) > 1
            """,
        )
        assert einzeln == [], merkmal


def test_a_process_sees_a_new_release_only_after_closing_all_its_connections(settings):
    """As the README says: DuckDB shares one instance per file within a process."""
    assert publish(settings, STICHTAG).ok
    pfad = str(settings.published_db)
    release = "SELECT veroeffentlicht_um FROM stand"
    erste = duckdb.connect(pfad, read_only=True)
    alt = erste.execute(release).fetchone()[0]
    neue_pruefung(settings, STICHTAG, bestanden=False)  # the next release, 2023 alone, differs
    assert publish(settings, STICHTAGE[0]).ok
    zweite = duckdb.connect(pfad, read_only=True)
    assert zweite.execute(release).fetchone()[0] == alt  # still the release the process opened
    zweite.close()
    erste.close()
    with duckdb.connect(pfad, read_only=True) as dritte:
        assert dritte.execute(release).fetchone()[0] > alt
