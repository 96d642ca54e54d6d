"""The dbt project built on PostgreSQL (the benchmark's dbt-postgres peer) gives the same numbers
as on DuckDB. Runs only where the bench group (dbt-postgres) and PostgreSQL 15 are installed.
"""

from __future__ import annotations

import sys
from datetime import date

import pandas as pd
import pytest

from sozialmonitor.generator import generate
from sozialmonitor.landing import land
from sozialmonitor.settings import PROJECT_DIR, Settings
from sozialmonitor.transform import build

pytest.importorskip("dbt.adapters.postgres")
sys.path.insert(0, str(PROJECT_DIR / "benchmarks" / "peers"))
import postgres_peer
from run import INDIKATOREN, JAHR, gleich, pipeline_numbers

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("postgres")]
STICHTAG = date(JAHR, 12, 31)


@pytest.mark.skipif(
    not (postgres_peer.PG_BIN / "initdb").exists(), reason="PostgreSQL 15 is not installed"
)
def test_postgres_build_gives_the_duckdb_numbers(tmp_path, monkeypatch):
    monkeypatch.setenv("SOZIALMONITOR_PSEUDONYM_KEY", "postgres-test-key-" + "p" * 32)
    settings = Settings.from_env(data_dir=tmp_path / "data", inbox=tmp_path / "inbox")
    generate(settings.inbox, [JAHR], scale=0.02, seed=5)
    assert land(settings, STICHTAG).ok
    assert build(settings, STICHTAG).ok

    out = tmp_path / "postgres.csv"
    ergebnis = postgres_peer.run(settings.warehouse, STICHTAG, tmp_path / "postgres", out)

    duckdb_zahlen = pipeline_numbers(settings.warehouse)
    postgres_zahlen = pd.read_csv(out, dtype={"stadtteil_nr": str})
    assert ergebnis["rows"] == len(postgres_zahlen) == len(duckdb_zahlen)
    assert set(postgres_zahlen.indikator_id) == set(INDIKATOREN)
    assert {"00", "01", "11"} <= set(postgres_zahlen.stadtteil_nr)
    assert postgres_zahlen.zaehler.sum() > 0
    assert gleich(duckdb_zahlen, postgres_zahlen) == []
