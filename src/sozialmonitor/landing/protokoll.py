"""The raw schema: one table per source, the load history, the quarantine, the delivery status."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from datetime import date, datetime

import duckdb

from sozialmonitor import freigabe
from sozialmonitor.landing.quellen import QUELLEN_DEF, raw_spalten

GELADEN, ABGELEHNT, FEHLT = "geladen", "abgelehnt", "fehlt"

DDL = """
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE IF NOT EXISTS raw.ladeprotokoll (
    lade_id VARCHAR PRIMARY KEY, stichtag DATE NOT NULL, quelle VARCHAR NOT NULL, datei VARCHAR,
    pfad VARCHAR, sha256 VARCHAR, groesse_bytes BIGINT, zeilen INTEGER, zeilen_geladen INTEGER,
    zeilen_quarantaene INTEGER, kodierung VARCHAR, status VARCHAR NOT NULL, meldung VARCHAR,
    geladen_um TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS raw.quarantaene (
    lade_id VARCHAR NOT NULL, stichtag DATE NOT NULL, quelle VARCHAR NOT NULL, datei VARCHAR NOT NULL,
    zeile INTEGER, regel VARCHAR NOT NULL, spalte VARCHAR, wert VARCHAR, meldung VARCHAR NOT NULL,
    datensatz JSON
);
CREATE OR REPLACE VIEW raw.lieferstatus AS
SELECT * FROM raw.ladeprotokoll
QUALIFY row_number() OVER (PARTITION BY stichtag, quelle ORDER BY geladen_um DESC, lade_id DESC) = 1;
"""


@dataclass
class Ladung:
    """One row of raw.ladeprotokoll."""

    lade_id: str
    stichtag: date
    quelle: str
    datei: str
    pfad: str | None = None
    sha256: str | None = None
    groesse_bytes: int | None = None
    zeilen: int | None = None
    zeilen_geladen: int | None = None
    zeilen_quarantaene: int | None = None
    kodierung: str | None = None
    status: str = GELADEN
    meldung: str | None = None
    geladen_um: datetime | None = None


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)
    for quelle in QUELLEN_DEF.values():
        columns = ", ".join(f"{name} {typ}" for name, typ in raw_spalten(quelle))
        con.execute(
            f"CREATE TABLE IF NOT EXISTS raw.{quelle.name} "
            f"(stichtag DATE NOT NULL, lade_id VARCHAR NOT NULL, zeile INTEGER NOT NULL, {columns})"
        )
    freigabe.ensure_schema(con)  # the release rules read the load status


def letzte_ladung(con: duckdb.DuckDBPyConnection, stichtag: date, quelle: str) -> Ladung | None:
    row = con.execute(
        "SELECT * FROM raw.lieferstatus WHERE stichtag = ? AND quelle = ?", [stichtag, quelle]
    ).fetchone()
    return Ladung(*row) if row else None


def protokolliere(con: duckdb.DuckDBPyConnection, ladung: Ladung) -> None:
    ladung.geladen_um = ladung.geladen_um or datetime.now()
    con.execute(
        f"INSERT INTO raw.ladeprotokoll VALUES ({', '.join('?' * len(astuple(ladung)))})",
        list(astuple(ladung)),
    )
