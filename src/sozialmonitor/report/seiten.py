"""The HTML of the Sozialbericht: overview, one section per topic, one profile per district."""

from __future__ import annotations

import csv
import math
from html import escape
from importlib import resources

import pandas as pd

from sozialmonitor.gemeinde import GESAMT, NICHT_ZUORDENBAR
from sozialmonitor.report import diagramme
from sozialmonitor.report.daten import Bericht
from sozialmonitor.report.format import datum, wert, zahl

#: hinweis of a published share above 100 % (models/indicators/fct_indikatoren.sql).
ZAEHLER_GROESSER_NENNER = "zaehler_groesser_nenner"

STIL = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}
h1{font-size:1.6em}h2{border-bottom:2px solid #2c7fb8;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}
td:first-child,th:first-child{text-align:left}.gesperrt{color:#888;font-style:italic}
nav a{margin-right:.8em}.hinweis{color:#555;font-size:.9em}
"""


def _leer(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def _num(v) -> float | None:
    return None if _leer(v) else float(v)


def kacheln() -> dict[str, tuple[int, int]]:
    text = (
        resources.files("sozialmonitor.report")
        .joinpath("kachelkarte.csv")
        .read_text(encoding="utf-8")
    )
    return {
        r["stadtteil_nr"]: (int(r["spalte"]), int(r["reihe"]))
        for r in csv.DictReader(text.splitlines(), delimiter=";")
    }


def _bezirke(b: Bericht) -> pd.DataFrame:
    s = b.stadtteile
    return s[~s.stadtteil_nr.isin([GESAMT, NICHT_ZUORDENBAR])]


def _zelle(v, einheit: str, gesperrt) -> str:
    text = wert(_num(v), einheit, bool(gesperrt) if not _leer(gesperrt) else False)
    css = ' class="gesperrt"' if text == "gesperrt" else ""
    return f"<td{css}>{escape(text)}</td>"


def uebersicht(b: Bericht) -> str:
    idx = b.index[b.index.stichtag == b.stichtag].set_index("stadtteil_nr")
    bezirke = _bezirke(b)
    zeilen, farben, tabelle, karte = [], {}, [], []
    positionen = kacheln()
    for nr, name in zip(bezirke.stadtteil_nr, bezirke.name, strict=True):
        row = idx.loc[nr] if nr in idx.index else None
        v = None if row is None else _num(row.indexwert)
        klasse = None if row is None or _leer(row.klasse) else row.klasse
        zeilen.append((name, v, zahl(v, 2)))
        farben[name] = diagramme.KLASSENFARBE.get(klasse or "", "#ffffff")
        veraenderung = None if row is None else _num(row.veraenderung_vorjahr)
        flag = row is not None and not _leer(row.handlungsbedarf) and bool(row.handlungsbedarf)
        tabelle.append(
            f"<tr><td><a href='#st-{nr}'>{escape(name)}</a></td><td>{zahl(v, 2)}</td><td>{escape(klasse or '–')}</td>"
            f"<td>{zahl(veraenderung, 2)}</td><td>{'ja' if flag else 'nein'}</td></tr>"
        )
        if nr in positionen:
            karte.append((nr, name, *positionen[nr], klasse))
    return (
        "<h2 id='uebersicht'>Sozialindex Kinder und Familien</h2>"
        + diagramme.rangbalken(
            zeilen, f"Sozialindex {datum(b.stichtag)} nach Stadtteil", farben=farben
        )
        + "<table><tr><th>Stadtteil</th><th>Indexwert</th><th>Klasse</th><th>Veränderung zum Vorjahr</th>"
        "<th>Handlungsbedarf</th></tr>"
        + "".join(tabelle)
        + "</table>"
        + (diagramme.kachelkarte(karte, "Schematische Stadtteilkarte nach Klasse") if karte else "")
        + "<p class='hinweis'>Klassen: sehr hoch ≥ 1,0; hoch ≥ 0,5; mittel &gt; −0,5; sonst niedrig. "
        "Handlungsbedarf: Klasse hoch oder sehr hoch, oder Anstieg des Index um mindestens 0,25.</p>"
    )


def _ueber_100(werte: pd.DataFrame, namen: dict[str, str]) -> str:
    """The note for published shares above 100 % (hinweis zaehler_groesser_nenner)."""
    betroffen = [
        namen[nr] for nr, h in werte.hinweis.fillna("").items() if ZAEHLER_GROESSER_NENNER in h
    ]
    if not betroffen:
        return ""
    return (
        f"<p class='hinweis'>Über 100 % in {escape(', '.join(betroffen))}: Zähler und Nenner "
        "stammen aus verschiedenen Registern (z. B. Kita-Kinder und Einwohner).</p>"
    )


def themen(b: Bericht) -> str:
    teile = []
    gesamt = b.gesamt()
    bezirke = _bezirke(b)
    namen = dict(zip(b.stadtteile.stadtteil_nr, b.stadtteile.name, strict=True))
    for thema, gruppe in b.indikatoren.groupby("thema", sort=False):
        teile.append(f"<h2 id='thema-{escape(thema)}'>{escape(thema)}</h2>")
        for ind in gruppe.itertuples():
            werte = gesamt[gesamt.indikator_id == ind.indikator_id].set_index("stadtteil_nr")
            zeilen = []
            for nr, name in zip(bezirke.stadtteil_nr, bezirke.name, strict=True):
                if nr not in werte.index:
                    continue
                row = werte.loc[nr]
                gesperrt = not _leer(row.gesperrt) and bool(row.gesperrt)
                zeilen.append(
                    (
                        name,
                        None if gesperrt else _num(row.wert),
                        wert(_num(row.wert), ind.einheit, gesperrt),
                    )
                )
            stadt = _num(werte.loc[GESAMT].wert) if GESAMT in werte.index else None
            teile.append(
                f"<h3>{escape(ind.name)}</h3><p class='hinweis'>Stadt: {escape(wert(stadt, ind.einheit))}</p>"
            )
            teile.append(diagramme.rangbalken(zeilen, f"{ind.name} nach Stadtteil", referenz=stadt))
            teile.append(_ueber_100(werte, namen))
            teile.append(
                diagramme.zeitreihe(
                    {"Stadt": _reihe(b, ind.indikator_id, GESAMT)}, f"{ind.name}: Zeitreihe Stadt"
                )
            )
    return "".join(teile)


def _reihe(b: Bericht, indikator_id: str, nr: str) -> list[tuple[str, float | None]]:
    w = b.werte
    sel = w[(w.indikator_id == indikator_id) & (w.stadtteil_nr == nr) & (w.merkmal == "gesamt")]
    by_year = {
        d.year: (None if (not _leer(g) and bool(g)) else _num(v))
        for d, v, g in zip(sel.stichtag, sel.wert, sel.gesperrt, strict=True)
    }
    return [(str(d.year), by_year.get(d.year)) for d in b.stichtage]


def profile(b: Bericht) -> str:
    teile = []
    gesamt = b.gesamt()
    stadt = gesamt[gesamt.stadtteil_nr == GESAMT].set_index("indikator_id")
    idx = b.index
    namen = b.indikatoren.set_index("indikator_id")
    for nr, name in zip(_bezirke(b).stadtteil_nr, _bezirke(b).name, strict=True):
        teile.append(f"<h2 id='st-{nr}'>Stadtteilprofil {escape(name)} ({nr})</h2>")
        eigene = gesamt[gesamt.stadtteil_nr == nr].set_index("indikator_id")
        zeilen = []
        for ind in b.indikatoren.itertuples():
            if ind.indikator_id not in eigene.index:
                continue
            e = eigene.loc[ind.indikator_id]
            s = stadt.loc[ind.indikator_id] if ind.indikator_id in stadt.index else None
            zeilen.append(
                f"<tr data-indikator='{ind.indikator_id}'><td>{escape(ind.name)}</td>{_zelle(e.wert, ind.einheit, e.gesperrt)}"
                + (_zelle(s.wert, ind.einheit, s.gesperrt) if s is not None else "<td>–</td>")
                + "</tr>"
            )
        teile.append(
            "<table class='kennzahlen'><tr><th>Kennzahl</th><th>Stadtteil</th><th>Stadt</th></tr>"
            + "".join(zeilen)
            + "</table>"
        )
        jetzt = idx[(idx.stichtag == b.stichtag) & (idx.stadtteil_nr == nr)]
        if not jetzt.empty:
            row = jetzt.iloc[0]
            z = [
                (
                    namen.loc[c[2:], "name"] if c[2:] in namen.index else c,
                    _num(row[c]),
                    zahl(_num(row[c]), 2),
                )
                for c in b.z_spalten
            ]
            teile.append(diagramme.rangbalken(z, f"{name}: z-Werte der Indexindikatoren"))
        trend = idx[idx.stadtteil_nr == nr]
        reihe = {d.year: _num(v) for d, v in zip(trend.stichtag, trend.indexwert, strict=True)}
        teile.append(
            diagramme.zeitreihe(
                {"Indexwert": [(str(d.year), reihe.get(d.year)) for d in b.stichtage]},
                f"{name}: Sozialindex im Zeitverlauf",
            )
        )
        teile.append(_aufschluesselung(b, nr))
    return "".join(teile)


def _aufschluesselung(b: Bericht, nr: str) -> str:
    w = b.werte
    sel = w[
        (w.stichtag == b.stichtag)
        & (w.stadtteil_nr == nr)
        & w.merkmal.isin(["geschlecht", "herkunft"])
    ]
    if sel.empty:
        return ""
    einheiten = b.indikatoren.set_index("indikator_id")
    zeilen = [
        f"<tr><td>{escape(einheiten.loc[r.indikator_id, 'name'])}</td><td>{escape(r.merkmal)}</td><td>{escape(r.auspraegung)}</td>"
        + _zelle(r.wert, einheiten.loc[r.indikator_id, "einheit"], r.gesperrt)
        + "</tr>"
        for r in sel.sort_values(["indikator_id", "merkmal", "auspraegung"]).itertuples()
    ]
    return (
        "<details><summary>Nach Geschlecht und Herkunft</summary><table><tr><th>Kennzahl</th><th>Merkmal</th>"
        "<th>Ausprägung</th><th>Wert</th></tr>" + "".join(zeilen) + "</table></details>"
    )


def seite(titel: str, navigation: str, inhalt: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>{escape(titel)}</title>"
        f"<style>{STIL}</style></head><body><h1>{escape(titel)}</h1><nav>{navigation}</nav>{inhalt}"
        "<p class='hinweis'>Quelle: veröffentlichte, geheimhaltungsgeprüfte Daten des Sozialmonitors. "
        "„gesperrt“ = aus Datenschutzgründen nicht veröffentlicht.</p></body></html>"
    )
