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
from tests.publishing.conftest import STICHTAGE

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("publishing")]

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
        lauf = subprocess.run(befehl, capture_output=True, text=True, timeout=300)
        if lauf.returncode:
            pytest.skip(f"duckdb=={ALTER_TREIBER} nicht installierbar (offline?): {lauf.stderr[-300:]}")
    return str(python)


@pytest.fixture
def veroeffentlicht(settings):
    for stichtag in STICHTAGE:
        assert publish(settings, stichtag).ok
    return settings


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
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert lauf.returncode == 0, lauf.stderr
    alt = json.loads(lauf.stdout)
    assert alt["version"] == ALTER_TREIBER
    with duckdb.connect(str(veroeffentlicht.published_db), read_only=True) as con:
        assert alt["zeilen"] == con.execute("SELECT count(*) FROM fct_indikatoren").fetchone()[0]
        assert alt["uebersicht"] == con.execute(
            "SELECT count(*) FROM v_stadtteil_uebersicht"
        ).fetchone()[0]
        assert alt["kommentare"] == con.execute(
            "SELECT count(comment) FROM duckdb_columns()"
        ).fetchone()[0]
    assert {"fct_indikatoren", "fct_sozialindex", "stand"} <= set(alt["tabellen"])
