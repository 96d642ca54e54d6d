"""Audit of a new published file before it replaces the current one (write-audit-publish).

Every finding is a sentence a person can act on; any finding keeps the old file in place.
"""

from __future__ import annotations

from datetime import date

import duckdb

from sozialmonitor import freigabe
from sozialmonitor.publishing.rueckrechnung import angriff
from sozialmonitor.publishing.vertrag import (
    PERSONENZAHLEN,
    SPALTEN,
    WEITERE_SPALTEN,
    Z_PRAEFIX,
    geheimhaltung,
)


def _liste(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


def pruefe_neue_datei(con: duckdb.DuckDBPyConnection, stichtage: list[date]) -> list[str]:
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
    return (
        _geheimhaltung(con)
        + _rueckrechnung(con)
        + _vollstaendig(con, stichtage)
        + _freigaben(con, stichtage)
    )


def _geheimhaltung(con) -> list[str]:
    g = geheimhaltung()
    zmax, nmax = g["geheimhaltung_zaehler_max"], g["geheimhaltung_nenner_max"]
    offen = con.execute(
        f"""SELECT count(*) FROM neu.fct_indikatoren WHERE NOT gesperrt AND (
            (indikator_id NOT IN ({_liste(g["geheimhaltung_zaehler_nicht_personenbezogen"])}) AND zaehler BETWEEN 1 AND {zmax})
            OR (einheit <> 'anzahl' AND indikator_id NOT IN ({_liste(g["geheimhaltung_nenner_nicht_personenbezogen"])})
                AND nenner BETWEEN 1 AND {nmax}))"""
    ).fetchone()[0]
    # counts of persons in the other published tables: the column that must not show 1 or 2
    offen_bev = sum(
        con.execute(
            f"SELECT count(*) FROM neu.{tabelle} WHERE NOT gesperrt AND {spalte} BETWEEN 1 AND {zmax}"
        ).fetchone()[0]
        for tabelle, spalte in PERSONENZAHLEN.items()
    )
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


def _vollstaendig(con, stichtage: list[date]) -> list[str]:
    befunde = []
    for tabelle in ("fct_indikatoren", "fct_sozialindex", "fct_bevoelkerung"):
        enthalten = {
            d for (d,) in con.execute(f"SELECT DISTINCT stichtag FROM neu.{tabelle}").fetchall()
        }
        for stichtag in stichtage:
            if stichtag not in enthalten:
                befunde.append(
                    f"Vollständigkeit: {tabelle} hat keine Zeilen für den Stichtag {stichtag:%d.%m.%Y}"
                )
    for tabelle in (t for t, spalten in SPALTEN.items() if "stichtag" in spalten):
        enthalten = {
            d for (d,) in con.execute(f"SELECT DISTINCT stichtag FROM neu.{tabelle}").fetchall()
        }
        befunde += [
            f"Freigabe: {tabelle} enthält den nicht freigegebenen Stichtag {d:%d.%m.%Y}"
            for d in sorted(enthalten - set(stichtage))
        ]
    return befunde


def _freigaben(con, stichtage: list[date]) -> list[str]:
    """Every Stichtag of the file passed its latest land, build and check (or was released)."""
    status = freigabe.stichtag_status(con, schema="lager.betrieb")
    befunde = []
    for stichtag in stichtage:
        eintrag = status.get(stichtag)
        if eintrag is None or not eintrag.veroeffentlichbar:
            grund = eintrag.grund() if eintrag else "nichts geladen"
            befunde.append(f"Freigabe: {stichtag:%d.%m.%Y} ist nicht freigegeben – {grund}")
        elif eintrag.veraltet:
            befunde.append(
                f"Freigabe: {stichtag:%d.%m.%Y} wurde gegen einen älteren Stand des Vorjahres gerechnet"
            )
    return befunde


def _rueckrechnung(con) -> list[str]:
    aufgedeckt = angriff(con, "neu")
    if not aufgedeckt:
        return []
    beispiele = "; ".join(str(a) for a in aufgedeckt[:5])
    anzahl = len(aufgedeckt)
    return [
        f"Geheimhaltung: {anzahl} gesperrte Wert(e) lassen sich aus z-Werten oder Indexwerten "
        + f"zurückrechnen, z. B. {beispiele}"
    ]
