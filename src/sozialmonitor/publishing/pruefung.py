"""Audit of a new published file before it replaces the current one (write-audit-publish).

Every finding is a sentence a person can act on; any finding keeps the old file in place.
"""

from __future__ import annotations

from datetime import date

import duckdb

from sozialmonitor.landing import QUELLEN
from sozialmonitor.publishing.vertrag import (
    SPALTEN,
    WEITERE_SPALTEN,
    Z_PRAEFIX,
    geheimhaltung,
)


def _liste(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


def pruefe_neue_datei(con: duckdb.DuckDBPyConnection, stichtag: date) -> list[str]:
    """Findings on the new file (attached as ``neu``) and the warehouse (attached as ``lager``)."""
    befunde = []
    vorhanden = {
        (t, c)
        for t, c in con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = 'neu'"
        ).fetchall()
    }
    tabellen = {t for t, _ in vorhanden}
    for tabelle, spalten in SPALTEN.items():
        fehlend = [c for c in spalten if (tabelle, c) not in vorhanden]
        if tabelle not in tabellen or fehlend:
            befunde.append(
                f"Vertrag: Tabelle {tabelle} fehlt oder ohne Spalte(n) {', '.join(fehlend)}"
            )
    erlaubt = {t: set(SPALTEN[t]) | set(WEITERE_SPALTEN.get(t, ())) for t in SPALTEN}
    for tabelle, spalte in sorted(vorhanden):
        if (
            tabelle in erlaubt
            and spalte not in erlaubt[tabelle]
            and not (tabelle == "fct_sozialindex" and spalte.startswith(Z_PRAEFIX))
        ):
            befunde.append(
                f"Datenschutz: Spalte {tabelle}.{spalte} gehört nicht zur Veröffentlichung"
            )
        if "pseudonym" in spalte or spalte.endswith("_id") and spalte != "indikator_id":
            befunde.append(f"Datenschutz: Spalte {tabelle}.{spalte} sieht nach einer Kennung aus")
    unbekannt = (
        tabellen
        - set(SPALTEN)
        - {
            v
            for (v,) in con.execute(
                "SELECT view_name FROM duckdb_views() WHERE database_name = 'neu'"
            ).fetchall()
        }
    )
    if unbekannt:
        befunde.append(f"Datenschutz: unerwartete Tabelle(n) {', '.join(sorted(unbekannt))}")
    if befunde:
        return befunde  # the checks below need the contract's columns
    return befunde + _geheimhaltung(con) + _vollstaendig(con, stichtag) + _freigaben(con, stichtag)


def _geheimhaltung(con) -> list[str]:
    g = geheimhaltung()
    zmax, nmax = g["geheimhaltung_zaehler_max"], g["geheimhaltung_nenner_max"]
    offen = con.execute(
        f"""SELECT count(*) FROM neu.fct_indikatoren WHERE NOT gesperrt AND (
            (indikator_id NOT IN ({_liste(g["geheimhaltung_zaehler_nicht_personenbezogen"])}) AND zaehler BETWEEN 1 AND {zmax})
            OR (einheit <> 'anzahl' AND indikator_id NOT IN ({_liste(g["geheimhaltung_nenner_nicht_personenbezogen"])})
                AND nenner BETWEEN 1 AND {nmax}))"""
    ).fetchone()[0]
    offen_bev = con.execute(
        f"SELECT count(*) FROM neu.fct_bevoelkerung WHERE NOT gesperrt AND einwohner BETWEEN 1 AND {zmax}"
    ).fetchone()[0]
    verraten = con.execute(
        "SELECT count(*) FROM neu.fct_indikatoren WHERE gesperrt AND (zaehler IS NOT NULL OR nenner IS NOT NULL "
        "OR wert IS NOT NULL)"
    ).fetchone()[0]
    befunde = []
    if offen or offen_bev:
        befunde.append(
            f"Geheimhaltung: {offen + offen_bev} Zelle(n) mit Fallzahl 1–{zmax} oder kleinem Nenner nicht gesperrt"
        )
    if verraten:
        befunde.append(
            f"Geheimhaltung: {verraten} gesperrte Zelle(n) zeigen Zähler, Nenner oder Wert"
        )
    return befunde


def _vollstaendig(con, stichtag: date) -> list[str]:
    befunde = []
    for tabelle in ("fct_indikatoren", "fct_sozialindex", "fct_bevoelkerung"):
        if not con.execute(
            f"SELECT count(*) FROM neu.{tabelle} WHERE stichtag = ?", [stichtag]
        ).fetchone()[0]:
            befunde.append(
                f"Vollständigkeit: {tabelle} hat keine Zeilen für den Stichtag {stichtag:%d.%m.%Y}"
            )
    return befunde


def _freigaben(con, stichtag: date) -> list[str]:
    """All nine deliveries loaded and the latest quality run of the Stichtag without blocking failure."""
    befunde = []
    geladen = {
        q
        for (q,) in con.execute(
            "SELECT quelle FROM lager.raw.lieferstatus WHERE stichtag = ? AND status = 'geladen'",
            [stichtag],
        ).fetchall()
    }
    if fehlend := [q for q in QUELLEN if q not in geladen]:
        befunde.append(f"Lieferungen: nicht geladen für {stichtag:%d.%m.%Y}: {', '.join(fehlend)}")
    laeufe = con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE database_name = 'lager' AND view_name = 'letzte_pruefergebnisse'"
    ).fetchone()[0]
    if not laeufe:
        return [
            *befunde,
            f"Qualität: keine Qualitätsprüfung für {stichtag:%d.%m.%Y} (erst `sozialmonitor check`)",
        ]
    rows = con.execute(
        "SELECT suite, erwartung, spalte, beobachtet FROM lager.qualitaet.letzte_pruefergebnisse "
        "WHERE stichtag = ? AND schwere = 'blockierend' AND NOT erfolg ORDER BY suite, erwartung",
        [stichtag],
    ).fetchall()
    geprueft = con.execute(
        "SELECT count(*) FROM lager.qualitaet.letzte_pruefergebnisse WHERE stichtag = ?", [stichtag]
    ).fetchone()[0]
    if not geprueft:
        befunde.append(
            f"Qualität: keine Qualitätsprüfung für {stichtag:%d.%m.%Y} (erst `sozialmonitor check`)"
        )
    befunde += [
        f"Qualität: blockierende Prüfung verletzt – {s}: {e}"
        + (f" ({c})" if c else "")
        + f", beobachtet {b}"
        for s, e, c, b in rows
    ]
    return befunde
