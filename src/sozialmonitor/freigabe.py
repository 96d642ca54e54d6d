"""Release rules: which Stichtage may be published, declared once for dbt, publish and the CLI.

A Stichtag is *veröffentlichbar* when its latest land passed (all nine deliveries loaded), a
successful dbt build ran after that land, a quality run followed that build, and that run
found no blocking failure, or a person released exactly those findings (``freigeben``).
The view ``betrieb.stichtag_status`` states this per Stichtag. dbt reads it (a year's change
against its previous Stichtag only when that one is publishable), the dbt build writes
``betrieb.bauprotokoll`` (on-run-end hook ``bau_protokollieren``) and publish reads both.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from sozialmonitor.landing.quellen import QUELLEN
from sozialmonitor.settings import Settings

PRUEFERGEBNISSE = "qualitaet.pruefergebnisse"

#: Quality results (written by the check stage, which creates them where landing did not).
PRUEFUNG_DDL = f"""
CREATE SCHEMA IF NOT EXISTS qualitaet;
CREATE TABLE IF NOT EXISTS {PRUEFERGEBNISSE} (
    lauf_id VARCHAR NOT NULL,
    stichtag DATE NOT NULL,
    suite VARCHAR NOT NULL,
    erwartung VARCHAR NOT NULL,
    spalte VARCHAR,
    schwere VARCHAR NOT NULL,
    erfolg BOOLEAN NOT NULL,
    beobachtet VARCHAR,
    meldung VARCHAR,
    geprueft_um TIMESTAMP NOT NULL
);
-- Per Stichtag and suite the rows of its latest run: what the release rules read.
CREATE OR REPLACE VIEW qualitaet.letzte_pruefergebnisse AS
SELECT p.* FROM {PRUEFERGEBNISSE} AS p
JOIN (SELECT stichtag, suite, arg_max(lauf_id, geprueft_um) AS lauf_id
      FROM {PRUEFERGEBNISSE} GROUP BY ALL) AS l
  USING (stichtag, suite, lauf_id);
"""

DDL = f"""
CREATE SCHEMA IF NOT EXISTS betrieb;
-- One row per dbt build of a Stichtag (written by dbt's on-run-end hook).
CREATE TABLE IF NOT EXISTS betrieb.bauprotokoll (
    stichtag DATE NOT NULL,
    gebaut_um TIMESTAMP NOT NULL,
    erfolg BOOLEAN NOT NULL,
    -- what the build assumed of the previous Stichtag (its changes are computed against it or not)
    vorjahr_veroeffentlichbar BOOLEAN NOT NULL
);
-- A person's release of a Stichtag despite blocking quality findings (sozialmonitor freigeben).
CREATE TABLE IF NOT EXISTS betrieb.ausnahmefreigaben (
    stichtag DATE NOT NULL,
    grund VARCHAR NOT NULL,
    befunde VARCHAR[] NOT NULL,
    freigegeben_von VARCHAR,
    freigegeben_um TIMESTAMP NOT NULL
);
CREATE OR REPLACE VIEW betrieb.stichtag_status AS
WITH lieferungen AS (
    SELECT stichtag, count(*) FILTER (WHERE status = 'geladen') = {len(QUELLEN)} AS geladen,
           max(geladen_um) AS geladen_um
    FROM raw.lieferstatus GROUP BY stichtag
), bau AS (
    SELECT stichtag, max(gebaut_um) AS gebaut_um, arg_max(erfolg, gebaut_um) AS erfolg,
           arg_max(vorjahr_veroeffentlichbar, gebaut_um) AS vorjahr_veroeffentlichbar
    FROM betrieb.bauprotokoll GROUP BY stichtag
), pruefung AS (
    -- a delivery suite (lieferung_<quelle>, on the raw table) counts after the latest load of its
    -- source, every other suite after the latest build: Dagster checks each source as it lands
    SELECT p.stichtag,
           bool_and(p.geprueft_um >= CASE WHEN l.quelle IS NULL THEN b.gebaut_um ELSE l.geladen_um END)
               AS aktuell,
           max(p.geprueft_um) AS geprueft_um,
           list(DISTINCT p.suite || ': ' || p.erwartung || coalesce(' (' || p.spalte || ')', '') ORDER BY 1)
               FILTER (WHERE p.schwere = 'blockierend' AND NOT p.erfolg) AS befunde
    FROM qualitaet.letzte_pruefergebnisse AS p
    LEFT JOIN raw.lieferstatus AS l ON l.stichtag = p.stichtag AND p.suite = 'lieferung_' || l.quelle
    LEFT JOIN bau AS b ON b.stichtag = p.stichtag
    GROUP BY p.stichtag
), ausnahme AS (
    SELECT stichtag, max(freigegeben_um) AS freigegeben_um, arg_max(grund, freigegeben_um) AS grund,
           arg_max(befunde, freigegeben_um) AS befunde
    FROM betrieb.ausnahmefreigaben GROUP BY stichtag
), status AS (
    SELECT
        l.stichtag,
        l.geladen,
        coalesce(b.erfolg AND b.gebaut_um >= l.geladen_um, false) AS gebaut,
        coalesce(p.aktuell, false) AS geprueft,
        coalesce(p.befunde, []) AS befunde,
        -- a release covers the findings it named, also in a later check that finds the same
        coalesce(list_has_all(a.befunde, coalesce(p.befunde, [])), false) AS ausnahme_gilt,
        a.grund AS ausnahme_grund,
        a.freigegeben_um AS ausnahme_um,
        b.gebaut_um,
        coalesce(b.vorjahr_veroeffentlichbar, false) AS gebaut_mit_vorjahr,
        -- the data of this Stichtag last changed (a later build of the next year must follow)
        greatest(l.geladen_um, b.gebaut_um) AS daten_geaendert_um
    FROM lieferungen AS l
    LEFT JOIN bau AS b USING (stichtag)
    LEFT JOIN pruefung AS p USING (stichtag)
    LEFT JOIN ausnahme AS a USING (stichtag)
), bewertet AS (
    SELECT *, geladen AND gebaut AND geprueft AND (len(befunde) = 0 OR ausnahme_gilt) AS veroeffentlichbar
    FROM status
)
SELECT
    s.stichtag,
    s.veroeffentlichbar,
    s.geladen,
    s.gebaut,
    s.geprueft,
    s.befunde,
    s.veroeffentlichbar AND len(s.befunde) > 0 AS ausnahmefreigabe,
    s.ausnahme_grund,
    s.ausnahme_um,
    s.gebaut_um,
    -- built against another state of the previous Stichtag than the one now in the warehouse
    coalesce(
        CASE WHEN v.stichtag IS NULL THEN s.gebaut_mit_vorjahr
             ELSE v.daten_geaendert_um > s.gebaut_um OR v.veroeffentlichbar <> s.gebaut_mit_vorjahr END,
        false
    ) AS veraltet
FROM bewertet AS s
LEFT JOIN bewertet AS v ON v.stichtag = s.stichtag - INTERVAL 1 YEAR
"""


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Quality results, build log, releases and the status view (after the raw schema)."""
    con.execute(PRUEFUNG_DDL)
    con.execute(DDL)


@dataclass(frozen=True)
class Status:
    """One row of betrieb.stichtag_status."""

    stichtag: date
    veroeffentlichbar: bool
    geladen: bool
    gebaut: bool
    geprueft: bool
    befunde: list[str]
    ausnahmefreigabe: bool
    ausnahme_grund: str | None
    ausnahme_um: datetime | None
    gebaut_um: datetime | None
    veraltet: bool

    def grund(self) -> str:
        """Why the Stichtag is not publishable, in words (empty when it is)."""
        if self.veroeffentlichbar:
            return ""
        if not self.geladen:
            return "nicht alle neun Lieferungen sind geladen"
        if not self.gebaut:
            return "kein erfolgreicher dbt-Build nach der letzten Lieferung"
        if not self.geprueft:
            return "keine Qualitätsprüfung nach dem letzten Build"
        return "blockierende Prüfung(en) verletzt: " + "; ".join(self.befunde)


def stichtag_status(con: duckdb.DuckDBPyConnection, schema: str = "betrieb") -> dict[date, Status]:
    """Every Stichtag in the warehouse with its release status (``schema`` of an attached file)."""
    spalten = ", ".join(Status.__dataclass_fields__)
    rows = con.execute(
        f"SELECT {spalten} FROM {schema}.stichtag_status ORDER BY stichtag"  # schema: our constant
    ).fetchall()
    return {row[0]: Status(*row) for row in rows}


def freigabestatus(settings: Settings) -> dict[date, Status]:
    """The release status of every Stichtag in the warehouse, read-only (publish, ``run``)."""
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return stichtag_status(con)


class FreigabeAbgelehnt(Exception):
    """An override that the rules do not allow (missing delivery, failed build, nothing to release)."""


def erfasse_ausnahme(con: duckdb.DuckDBPyConnection, stichtag: date, grund: str) -> Status:
    """Record a person's release of the Stichtag's current blocking quality findings.

    Only quality findings may be released: never a missing or rejected delivery, a failed
    build or the disclosure audit of publish (which no override reaches).
    """
    if not grund.strip():
        raise FreigabeAbgelehnt("Eine Freigabe braucht einen Grund (--grund).")
    status = stichtag_status(con).get(stichtag)
    if status is None:
        raise FreigabeAbgelehnt(f"Für {stichtag:%d.%m.%Y} ist nichts geladen.")
    if not (status.geladen and status.gebaut and status.geprueft):
        raise FreigabeAbgelehnt(
            f"{stichtag:%d.%m.%Y} kann nicht freigegeben werden: {status.grund()}. "
            "Freigeben lassen sich nur Befunde der Qualitätsprüfung."
        )
    if not status.befunde:
        raise FreigabeAbgelehnt(
            f"{stichtag:%d.%m.%Y} hat keine blockierenden Befunde: keine Freigabe nötig."
        )
    con.execute(
        "INSERT INTO betrieb.ausnahmefreigaben VALUES (?, ?, ?, ?, ?)",
        [stichtag, grund.strip(), status.befunde, getpass.getuser(), datetime.now()],
    )
    return stichtag_status(con)[stichtag]
