"""The DuckDB floor with the contract work a careful hand-written solution also has to do.

For every CSV delivery of the year, declared in ``sozialmonitor.landing.quellen`` (the
pipeline's declaration, not a copy): every row checked against its column's rules (required,
date, number, range, code list, format, birth and year dates not after the Stichtag) and
the file's key for duplicates; rows that break a rule go to a quarantine table, with ids
pseudonymised and birth dates as month.year; every other row to a raw table typed as
``raw_spalten`` declares it, every id as its HMAC-SHA256 pseudonym (one HMAC per distinct id,
``pseudonyme.py``), birth dates as year and month. A file with more than 1 % quarantined
rows is refused, and raw + quarantined rows must equal the file's rows. Raw and quarantine
are kept in a DuckDB file; the indicators (duckdb_floor.sql) are computed from it.
Not done (small or no work at these sizes): the Excel workbook, the load history.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
from pseudonyme import hmac_hex, schluessel

from sozialmonitor.landing.quellen import (
    QUELLEN_DEF,
    SCHWELLE_QUARANTAENE,
    Quelle,
    Spalte,
    raw_spalten,
)
from sozialmonitor.landing.zeilen import typed
from sozialmonitor.sql import bezeichner, literal

HERE = Path(__file__).parent


def _regeln(spalte: Spalte, stichtag: date) -> list[tuple[str, str]]:
    """(rule, SQL condition) for each rule the declaration gives the column; true = broken."""
    col, wert, tag = bezeichner(spalte.name), typed(spalte), f"DATE '{stichtag}'"
    regeln = [("wert_fehlt", f"{col} IS NULL")] if spalte.pflicht else []
    if spalte.art in ("datum", "geb", "int", "dez"):
        regeln.append(("ungueltig", f"{col} IS NOT NULL AND {wert} IS NULL"))
    if spalte.min is not None:
        regeln.append(("bereich", f"{wert} NOT BETWEEN {spalte.min} AND {spalte.max}"))
    if spalte.werte is not None:
        regeln.append(("code", f"{col} NOT IN ({', '.join(map(literal, spalte.werte))})"))
    if spalte.muster is not None:
        regeln.append(("format", f"NOT regexp_full_match({col}, {literal(spalte.muster)})"))
    if spalte.art == "geb":
        regeln.append(("geburt", f"{wert} > {tag} OR {wert} < DATE '1890-01-01'"))
    if spalte.jahr:
        regeln.append(("nach_stichtag", f"{wert} > {tag}"))
    return regeln


def _verstoesse(quelle: Quelle, stichtag: date) -> str:
    """A list of 'SPALTE: rule' per row, empty for a good row."""
    faelle = [
        f"CASE WHEN {bedingung} THEN {literal(f'{s.name}: {regel}')} END"
        for s in quelle.spalten
        for regel, bedingung in _regeln(s, stichtag)
    ]
    if quelle.schluessel:
        faelle.append("CASE WHEN d.anzahl > 1 THEN 'id_doppelt' END")
    return f"list_filter([{', '.join(faelle)}], lambda x: x IS NOT NULL)"


def _lies(con, pfad: Path, quelle: Quelle) -> None:
    """The delivery as text in table ``l`` (contract columns by name, line number); UTF-8, else
    Windows-1252 (read as Latin-1)."""
    spalten = ", ".join(bezeichner(s.name) for s in quelle.spalten)
    for kodierung in ("utf-8", "latin-1"):
        try:
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE l AS SELECT {spalten} FROM read_csv(?, delim=';', "
                "header=true, all_varchar=true, encoding=?)",
                [str(pfad), kodierung],
            )
            return
        except duckdb.InvalidInputException:
            if kodierung == "latin-1":
                raise


def _pseudonyme(con, quelle: Quelle) -> list[str]:
    """Per id column a table klar -> ps over its distinct values; returns the JOIN clauses."""
    joins = []
    for spalte in (s for s in quelle.spalten if s.art == "id"):
        tabelle = bezeichner(f"ps_{spalte.name}")
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {tabelle} AS SELECT klar, pseudonym(klar) AS ps "
            f"FROM (SELECT DISTINCT {bezeichner(spalte.name)} AS klar FROM l WHERE {bezeichner(spalte.name)} IS NOT NULL)"
        )
        joins.append(f"LEFT JOIN {tabelle} ON {tabelle}.klar = g.{bezeichner(spalte.name)}")
    return joins


def _spalte_raw(spalte: Spalte) -> list[str]:
    if spalte.art == "id":
        return [f"{bezeichner(f'ps_{spalte.name}')}.ps"]
    if spalte.art == "geb":
        return [f"year({typed(spalte)})::SMALLINT", f"month({typed(spalte)})::TINYINT"]
    if spalte.art in ("int", "dez") or spalte.sqltyp != "VARCHAR":
        return [f"CAST({typed(spalte)} AS {spalte.sqltyp})"]
    return [f"g.{bezeichner(spalte.name)}"]


def _gezeigt(spalte: Spalte) -> str:
    """A quarantined value as kept: ids pseudonymised, birth dates as month.year."""
    if spalte.art == "id":
        return f"{bezeichner(f'ps_{spalte.name}')}.ps"
    if spalte.art == "geb":
        return f"strftime({typed(spalte)}, '%m.%Y')"
    return f"g.{bezeichner(spalte.name)}"


def lande(con, ordner: Path, stichtag: date, quelle: Quelle) -> None:
    """Check, pseudonymise and keep one delivery: raw.<name> and its rows of raw.quarantaene."""
    _lies(con, ordner / quelle.datei(stichtag), quelle)
    doppelt = ""
    if quelle.schluessel:
        keys = [f"coalesce({bezeichner(k)}, '')" for k in quelle.schluessel]
        gleich = " AND ".join(f"{k} = d.k{i}" for i, k in enumerate(keys))
        auswahl = ", ".join(f"{k} AS k{i}" for i, k in enumerate(keys))
        doppelt = (
            f"LEFT JOIN (SELECT {auswahl}, count(*) AS anzahl FROM l GROUP BY ALL HAVING count(*) > 1) d "
            f"ON {gleich}"
        )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE g AS SELECT l.rowid + 2 AS zeile, l.*, "
        f"{_verstoesse(quelle, stichtag)} AS verstoesse FROM l {doppelt}"
    )
    joins = " ".join(_pseudonyme(con, quelle))
    n, zurueck = con.execute(
        "SELECT count(*), count(*) FILTER (len(verstoesse) > 0) FROM g"
    ).fetchone()
    datensatz = ", ".join(f"{literal(s.name)}, {_gezeigt(s)}" for s in quelle.spalten)
    con.execute(
        f"INSERT INTO raw.quarantaene SELECT {literal(quelle.name)}, zeile, verstoesse, json_object({datensatz}) "
        f"FROM g {joins} WHERE len(verstoesse) > 0"
    )
    if zurueck > SCHWELLE_QUARANTAENE * n:
        raise SystemExit(
            f"{quelle.datei(stichtag)}: {zurueck} von {n} Zeilen verletzen Regeln: abgelehnt"
        )
    spalten = ", ".join(
        f"{ausdruck} AS {bezeichner(name)}"
        for ausdruck, (name, _) in zip(
            (a for s in quelle.spalten for a in _spalte_raw(s)), raw_spalten(quelle), strict=True
        )
    )
    tabelle = bezeichner("raw", quelle.name)
    con.execute(
        f"CREATE OR REPLACE TABLE {tabelle} AS SELECT zeile, {spalten} FROM g {joins} WHERE len(verstoesse) = 0"
    )
    (gespeichert,) = con.execute(
        f"SELECT (SELECT count(*) FROM {tabelle}) + "
        "(SELECT count(*) FROM raw.quarantaene WHERE quelle = ?)",
        [quelle.name],
    ).fetchone()
    if gespeichert != n:
        raise SystemExit(f"{quelle.datei(stichtag)}: {n} Zeilen, aber {gespeichert} gespeichert")


def compute(ordner: Path, jahr: int, datenbank: Path) -> tuple[pd.DataFrame, dict]:
    """Land every CSV delivery of ``jahr`` into ``datenbank``, then the fourteen indicators."""
    stichtag = date(jahr, 12, 31)
    datenbank.unlink(missing_ok=True)
    zeiten = {}
    start = time.perf_counter()
    with duckdb.connect(str(datenbank)) as con:
        pseudonyme = hmac_hex(schluessel())
        con.create_function(
            "pseudonym",
            lambda ids: pa.array(pseudonyme(ids.to_pylist()), pa.string()),
            ["VARCHAR"],
            "VARCHAR",
            type="arrow",
        )
        con.execute(
            "CREATE SCHEMA raw; CREATE TABLE raw.quarantaene "
            "(quelle VARCHAR, zeile BIGINT, verstoesse VARCHAR[], datensatz JSON)"
        )
        for quelle in QUELLEN_DEF.values():
            if not quelle.excel:
                lande(con, ordner, stichtag, quelle)
        con.execute("DROP TABLE l; DROP TABLE g")
        zeiten["landen_s"] = time.perf_counter() - start
        start = time.perf_counter()
        con.execute((HERE / "floor_raw.sql").read_text())
        con.execute((HERE / "duckdb_floor.sql").read_text().replace("{jahr}", str(jahr)))
        ergebnis = con.execute("SELECT * FROM ergebnis").df()
        zeiten["indikatoren_s"] = time.perf_counter() - start
    return ergebnis, zeiten
