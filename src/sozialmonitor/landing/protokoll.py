"""The raw schema: one table per source, the load history, the quarantine, the delivery status."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from datetime import date, datetime

import duckdb

from sozialmonitor import freigabe
from sozialmonitor.landing.quellen import QUELLEN_DEF, RAW_KOPFSPALTEN, raw_spalten

GELADEN, ABGELEHNT, FEHLT = "geladen", "abgelehnt", "fehlt"

DDL = """
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE IF NOT EXISTS raw.ladeprotokoll (
    lade_id VARCHAR PRIMARY KEY, stichtag DATE NOT NULL, quelle VARCHAR NOT NULL, datei VARCHAR,
    pfad VARCHAR, sha256 VARCHAR, groesse_bytes BIGINT, zeilen INTEGER, zeilen_geladen INTEGER,
    zeilen_quarantaene INTEGER, kodierung VARCHAR, status VARCHAR NOT NULL, meldung VARCHAR,
    geladen_um TIMESTAMP NOT NULL, schluessel VARCHAR, neue_schluesselreihe BOOLEAN
);
-- warehouses from before the key fingerprint get the columns (NULL: key unknown)
ALTER TABLE raw.ladeprotokoll ADD COLUMN IF NOT EXISTS schluessel VARCHAR;
ALTER TABLE raw.ladeprotokoll ADD COLUMN IF NOT EXISTS neue_schluesselreihe BOOLEAN;
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
    #: Fingerprint of the pseudonymisation key (``keys.fingerabdruck``), never the key.
    schluessel: str | None = None
    #: True on the load that started a new key series (``--neue-schluesselreihe``).
    neue_schluesselreihe: bool = False


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)
    for quelle in QUELLEN_DEF.values():
        kopf = ", ".join(f"{name} {typ} NOT NULL" for name, typ in RAW_KOPFSPALTEN)
        columns = ", ".join(f"{name} {typ}" for name, typ in raw_spalten(quelle))
        con.execute(f"CREATE TABLE IF NOT EXISTS raw.{quelle.name} ({kopf}, {columns})")
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


def schluesselreihe(
    con: duckdb.DuckDBPyConnection, schluessel: str, neu: bool
) -> tuple[str | None, bool]:
    """(refusal, starts a new series) for a load with the key fingerprint ``schluessel``.

    Year-on-year linkage rests on one key: a key other than the latest loaded delivery's is
    refused unless the operator starts a new series (``neu``); the load that starts it
    records ``neue_schluesselreihe``.
    """
    bisher = con.execute(
        "SELECT schluessel, stichtag FROM raw.ladeprotokoll WHERE status = ? AND schluessel IS NOT NULL "
        "ORDER BY geladen_um DESC LIMIT 1",
        [GELADEN],
    ).fetchone()
    if bisher is None or bisher[0] == schluessel:
        return None, False
    if neu:
        return None, True
    return (
        f"schluessel_gewechselt – der Schlüssel (Fingerabdruck {schluessel}) ist nicht der der früheren "
        f"Ladungen (Fingerabdruck {bisher[0]}, zuletzt Stichtag {bisher[1]:%d.%m.%Y}); mit einem anderen "
        "Schlüssel verbinden sich die Pseudonyme der Jahre nicht mehr. Den bisherigen Schlüssel "
        "verwenden oder bewusst eine neue Reihe beginnen: `sozialmonitor land --neue-schluesselreihe` "
        "(danach alle Stichtage neu laden)."
    ), False
