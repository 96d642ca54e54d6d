"""dbt-postgres peer: the same dbt project built on a throwaway PostgreSQL 15 server.

usage: postgres_peer.py WAREHOUSE.duckdb YYYY-12-31 WORKDIR OUT.csv

The landed raw tables are copied from the DuckDB warehouse into PostgreSQL schema ``raw``
("load"), then ``dbt build`` runs this project against PostgreSQL with the yearly run's
arguments ("build"). Both are timed on their own; the server's start and stop are not.
The numbers of the benchmark's indicators are read back from ``indicators.ind_indikatoren``.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import psycopg2

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from run import INDIKATOREN

from sozialmonitor.transform import dbt_args, dbt_befehl, stichtag_env

PG_BIN = Path("/usr/local/bin")
PORT = 5432  # only names the socket file: the server listens on no TCP address
# Server settings for the benchmark machine (2 cores, 24 GB RAM, SSD). Durability stays at
# its defaults (fsync, full_page_writes); only commits do not wait for the WAL flush.
SETTINGS = {
    "listen_addresses": "''",
    "shared_buffers": "'4GB'",  # a sixth of RAM; the OS page cache holds the rest
    "effective_cache_size": "'16GB'",
    "work_mem": "'256MB'",  # per sort/hash node; dbt runs at most 2 models at a time
    "maintenance_work_mem": "'1GB'",
    "max_worker_processes": "4",
    "max_parallel_workers": "2",  # one per core
    "max_parallel_workers_per_gather": "2",
    "random_page_cost": "1.1",  # SSD
    "wal_level": "minimal",  # tables created in a transaction skip the WAL; still crash-safe
    "max_wal_senders": "0",  # required by wal_level minimal
    "max_wal_size": "'8GB'",  # no forced checkpoints in the middle of a build
    "synchronous_commit": "off",
    "jit": "off",
}
# DuckDB column types of the raw schema and their PostgreSQL equivalents.
TYPEN = {
    "VARCHAR": "varchar",
    "TINYINT": "smallint",
    "SMALLINT": "smallint",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "DOUBLE": "double precision",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
    "BOOLEAN": "boolean",
    "JSON": "jsonb",
}


@contextmanager
def server(workdir: Path) -> Iterator[dict]:
    """A fresh cluster on a unix socket; stopped and deleted afterwards, whatever happens.

    PostgreSQL refuses to run as root: then the server runs as user postgres in a folder
    of the system's temp dir (workdir may lie in a folder only root can enter).
    """
    root_user = os.geteuid() == 0
    als = {"user": "postgres", "group": "postgres"} if root_user else {}
    home = Path(tempfile.mkdtemp(prefix="postgres-", dir=None if root_user else workdir))
    if root_user:
        shutil.chown(home, "postgres", "postgres")
    data = home / "data"
    try:
        subprocess.run(
            [
                PG_BIN / "initdb",
                "-D",
                data,
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
            ],
            check=True,
            capture_output=True,
            **als,
        )
        settings = {**SETTINGS, "unix_socket_directories": f"'{home}'", "port": str(PORT)}
        with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
        subprocess.run(
            [PG_BIN / "pg_ctl", "-D", data, "-l", home / "server.log", "-w", "start"],
            check=True,
            capture_output=True,
            **als,
        )
        yield {"host": str(home), "port": PORT, "user": "postgres", "dbname": "postgres"}
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [PG_BIN / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"],
                check=False,
                capture_output=True,
                **als,
            )
        shutil.rmtree(home, ignore_errors=True)


#: The dbt sources: schema raw and the release status (list columns are not read by dbt).
QUELLEN = "(table_schema = 'raw' OR (table_schema = 'betrieb' AND table_name = 'stichtag_status'))"


def load(warehouse: Path, verbindung: dict, csv_dir: Path) -> None:
    """Every relation dbt reads as a source, as a table of the same name and column types."""
    csv_dir.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        spalten = con.execute(
            "SELECT table_schema || '.' || table_name, column_name, data_type "
            f"FROM information_schema.columns WHERE {QUELLEN} AND NOT data_type LIKE '%[]' "
            "ORDER BY table_schema, table_name, ordinal_position"
        ).fetchall()
        tabellen = dict.fromkeys(name for name, _, _ in spalten)
        for tabelle in tabellen:
            liste = ", ".join(spalte for name, spalte, _ in spalten if name == tabelle)
            con.execute(
                f"COPY (SELECT {liste} FROM {tabelle}) TO '{csv_dir / tabelle}.csv' (HEADER)"
            )
    with psycopg2.connect(**verbindung) as pg, pg.cursor() as cur:
        cur.execute("CREATE SCHEMA raw; CREATE SCHEMA betrieb")
        for tabelle in tabellen:
            definition = ", ".join(
                f"{spalte} {TYPEN[typ]}" for name, spalte, typ in spalten if name == tabelle
            )
            cur.execute(f"CREATE TABLE {tabelle} ({definition})")
            with open(csv_dir / f"{tabelle}.csv", encoding="utf-8") as handle:
                cur.copy_expert(f"COPY {tabelle} FROM STDIN WITH (FORMAT csv, HEADER true)", handle)
        pg.commit()
        pg.autocommit = True
        cur.execute("ANALYZE")
    shutil.rmtree(csv_dir)


def build(stichtag: date, verbindung: dict, workdir: Path) -> None:
    """``dbt build`` of this project with the yearly run's arguments, profile in workdir."""
    profil = {
        "sozialmonitor": {
            "target": "postgres",
            "outputs": {
                "postgres": {
                    "type": "postgres",
                    **verbindung,
                    "password": "",
                    "schema": "public",
                    "threads": 2,
                }
            },
        }
    }
    (workdir / "profiles.yml").write_text(json.dumps(profil), encoding="utf-8")
    result = subprocess.run(
        dbt_befehl("build", workdir, *dbt_args(), profiles_dir=workdir),
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, **stichtag_env(stichtag)},
    )
    if result.returncode != 0:
        raise RuntimeError(f"dbt build on PostgreSQL failed:\n{result.stdout[-5000:]}")


def numbers(stichtag: date, verbindung: dict) -> list[tuple]:
    with psycopg2.connect(**verbindung) as pg, pg.cursor() as cur:
        cur.execute(
            "SELECT indikator_id, stadtteil_nr, zaehler, nenner FROM indicators.ind_indikatoren "
            "WHERE merkmal = 'gesamt' AND stichtag = %s AND indikator_id IN %s "
            "ORDER BY indikator_id, stadtteil_nr",
            (stichtag, INDIKATOREN),
        )
        return cur.fetchall()


def run(warehouse: Path, stichtag: date, workdir: Path, out: Path | None = None) -> dict:
    """Load, build and read back; ``out`` receives indikator_id, stadtteil_nr, zaehler, nenner."""
    workdir.mkdir(parents=True, exist_ok=True)
    with server(workdir) as verbindung:
        start = time.perf_counter()
        load(warehouse, verbindung, workdir / "raw_csv")
        load_s = time.perf_counter() - start
        start = time.perf_counter()
        build(stichtag, verbindung, workdir)
        build_s = time.perf_counter() - start
        zeilen = numbers(stichtag, verbindung)
    if out is not None:
        with open(out, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["indikator_id", "stadtteil_nr", "zaehler", "nenner"])
            writer.writerows(zeilen)
    return {"load_s": load_s, "build_s": build_s, "rows": len(zeilen)}


def main() -> None:
    warehouse, stichtag, workdir, out = sys.argv[1:5]
    ergebnis = run(Path(warehouse), date.fromisoformat(stichtag), Path(workdir), Path(out))
    print(json.dumps(ergebnis))


if __name__ == "__main__":
    main()
