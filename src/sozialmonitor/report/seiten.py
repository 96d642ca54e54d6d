"""The HTML of the Sozialbericht: summary, overview, topics, district profiles, methods, downloads."""

from __future__ import annotations

import csv
from html import escape
from importlib import resources

import pandas as pd

from sozialmonitor.gemeinde import GESAMT
from sozialmonitor.report import ausblick, diagramme, karte
from sozialmonitor.report.bezeichnungen import EINHEIT, MERKMAL, auspraegung, hinweis
from sozialmonitor.report.daten import Bericht, bezirke
from sozialmonitor.report.format import breit, ja, leer, num, vorzeichen, wert, zahl

STIL = """
body{font-family:system-ui,sans-serif;margin:1em auto;padding:0 1em;max-width:1000px;color:#222;line-height:1.4}
h1{font-size:1.6em}h2{border-bottom:2px solid #2c7fb8;padding-bottom:.2em;margin-top:2em}
svg.diagramm{display:block;max-width:100%;height:auto;margin:.5em 0}
.breit{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}
td:first-child,th:first-child{text-align:left}.gesperrt{color:#888;font-style:italic}
td+td{white-space:nowrap}td.hinweis{white-space:normal;text-align:left;min-width:12em}table.text td,table.text th{text-align:left;vertical-align:top;white-space:normal}table.matrix th[colspan]{text-align:left;background:#eef3f8}
nav a{margin-right:.8em;display:inline-block}.hinweis{color:#555;font-size:.9em}
.kurz{background:#f3f7fb;border-left:4px solid #2c7fb8;padding:.5em 1em}.kurz li{margin:.3em 0}
.karten{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}.karten>*{flex:1 1 380px;min-width:0}
@media print{
 @page{size:A4;margin:14mm}
 body{max-width:none;margin:0;padding:0;font-size:10pt}
 nav{display:none}
 h2{break-before:page}h2#kurz,h2#uebersicht{break-before:auto}
 h3,svg.diagramm,tr{break-inside:avoid}
 .breit{overflow:visible}table{font-size:8pt}
 a{color:inherit;text-decoration:none}
}
"""


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


def _zelle(v, einheit: str, gesperrt, mit_einheit: bool = True) -> str:
    text = wert(num(v), einheit, ja(gesperrt))
    if not mit_einheit and text not in ("gesperrt", "–"):
        text = zahl(num(v), 0 if einheit == "anzahl" else 1)
    css = ' class="gesperrt"' if text == "gesperrt" else ""
    return f"<td{css}>{escape(text)}</td>"


def kurz(saetze: list[str]) -> str:
    return (
        "<h2 id='kurz'>Das Wichtigste in Kürze</h2><div class='kurz'><ul>"
        + "".join(f"<li>{s}</li>" for s in saetze)
        + "</ul></div>"
    )


def _grund(b: Bericht, row: pd.Series | None) -> str:
    """Why an index row lacks a value or a change, in words (``hinweis`` of fct_sozialindex)."""
    if row is None or leer(row.get("hinweis")):
        return ""
    if row.get("hinweis") == "zu_wenige_indikatoren" and not leer(row.get("anzahl_indikatoren")):
        return (
            f"nur {int(row.get('anzahl_indikatoren'))} von {len(b.z_spalten)} Indexkennzahlen "
            "veröffentlicht (mindestens 6 nötig): kein Indexwert"
        )
    return hinweis(row.get("hinweis"))


def uebersicht(b: Bericht, grenzen: karte.Grenzen | None) -> str:
    idx = b.index[b.index.stichtag == b.stichtag].set_index("stadtteil_nr")
    zeilen, farben, tabelle, flaechen, kachel = [], {}, [], {}, []
    positionen = kacheln()
    for nr, name in zip(bezirke(b).stadtteil_nr, bezirke(b).name, strict=True):
        row = idx.loc[nr] if nr in idx.index else None
        v = None if row is None else num(row.indexwert)
        klasse = None if row is None or leer(row.klasse) else row.klasse
        grund = _grund(b, row)
        text = zahl(v, 2) if v is not None else "kein Index"
        zeilen.append((name, v, text))
        farben[name] = diagramme.KLASSENFARBE.get(klasse or "", "#ffffff")
        flaechen[nr] = (name, farben[name], f"{text} ({klasse or 'ohne Klasse'})")
        veraenderung = None if row is None else num(row.veraenderung_vorjahr)
        flag = row is not None and ja(row.handlungsbedarf)
        tabelle.append(
            f"<tr><td><a href='#st-{nr}'>{escape(name)}</a></td><td>{escape(text)}</td><td>{escape(klasse or '–')}</td>"
            f"<td>{vorzeichen(veraenderung) if veraenderung is not None else '–'}</td><td>{'ja' if flag else 'nein'}</td>"
            f"<td class='hinweis'>{escape(grund)}</td></tr>"
        )
        if nr in positionen:
            kachel.append((nr, name, *positionen[nr], klasse))
    legende = [(f, k) for k, f in diagramme.KLASSENFARBE.items()] + [("#ffffff", "kein Index")]
    titel = f"Sozialindex {b.stichtag.year}: Klassen nach Stadtteil"
    if grenzen is not None:
        kartenbild = karte.choropleth(grenzen, flaechen, legende, titel)
    else:
        kartenbild = (
            diagramme.kachelkarte(kachel, "Schematische Stadtteilkarte nach Klasse")
            if kachel
            else ""
        )
    return (
        "<h2 id='uebersicht'>Sozialindex Kinder und Familien</h2>"
        "<div class='karten'><div>"
        + diagramme.rangbalken(
            zeilen,
            f"Sozialindex {b.stichtag.year} nach Stadtteil",
            farben=farben,
            achse="Indexwert (Mittel der z-Werte): positiv = mehr Bedarf\nals der Durchschnitt der Stadtteile; Farbe = Klasse",
        )
        + f"</div><div>{kartenbild}</div></div>"
        + breit(
            "<table><tr><th>Stadtteil</th><th>Indexwert</th><th>Klasse</th><th>Veränderung zum Vorjahr</th>"
            "<th>Handlungsbedarf</th><th>Hinweis</th></tr>" + "".join(tabelle) + "</table>"
        )
        + "<p class='hinweis'>Indexwert: Mittelwert der z-Werte; positiv = mehr Bedarf als der "
        "Durchschnitt der Stadtteile. Klassen: sehr hoch ≥ 1,0; hoch ≥ 0,5; mittel &gt; −0,5; sonst "
        "niedrig. Handlungsbedarf: Klasse hoch oder sehr hoch, oder Anstieg des Index um mindestens "
        "0,25. Siehe <a href='#methodik'>Methodik</a>.</p>"
    )


def matrix(b: Bericht) -> str:
    """Every indicator (rows) in every district and the city (columns) at the Stichtag."""
    g = b.gesamt().set_index(["indikator_id", "stadtteil_nr"])
    spalten = [*zip(bezirke(b).stadtteil_nr, bezirke(b).name, strict=True), (GESAMT, "Stadt")]
    zeilen = []
    for thema, gruppe in b.indikatoren.groupby("thema", sort=False):
        zeilen.append(f"<tr><th colspan='{len(spalten) + 2}'>{escape(thema)}</th></tr>")
        zeilen += [_matrixzeile(ind, g, spalten) for ind in gruppe.itertuples()]
    return (
        "<h2 id='tabelle'>Alle Kennzahlen nach Stadtteil</h2>"
        f"<p class='hinweis'>Stichtag {b.stichtag:%d.%m.%Y}; Definitionen unter "
        "<a href='#definitionen'>Methodik</a>.</p>"
        + breit(
            "<table class='matrix'><tr><th>Kennzahl</th><th>Einheit</th>"
            + "".join(f"<th>{escape(name)}</th>" for _, name in spalten)
            + "</tr>"
            + "".join(zeilen)
            + "</table>"
        )
    )


def _matrixzeile(ind, g: pd.DataFrame, spalten: list[tuple[str, str]]) -> str:
    zellen = "".join(
        _zelle(
            g.loc[(ind.indikator_id, nr), "wert"],
            ind.einheit,
            g.loc[(ind.indikator_id, nr), "gesperrt"],
            mit_einheit=False,
        )
        if (ind.indikator_id, nr) in g.index
        else "<td>–</td>"
        for nr, _ in spalten
    )
    return (
        f"<tr data-indikator='{ind.indikator_id}'><td><a href='#k-{ind.indikator_id}'>{escape(ind.name)}</a></td>"
        f"<td>{escape(EINHEIT.get(ind.einheit, ind.einheit))}</td>{zellen}</tr>"
    )


def themen(b: Bericht, grenzen: karte.Grenzen | None) -> str:
    teile = []
    gesamt = b.gesamt()
    for thema, gruppe in b.indikatoren.groupby("thema", sort=False):
        teile.append(f"<h2 id='thema-{escape(thema)}'>{escape(thema)}</h2>")
        for ind in gruppe.itertuples():
            teile.append(
                _kennzahl(b, ind, gesamt[gesamt.indikator_id == ind.indikator_id], grenzen)
            )
    return "".join(teile)


def _kennzahl(b: Bericht, ind, werte: pd.DataFrame, grenzen: karte.Grenzen | None) -> str:
    werte = werte.set_index("stadtteil_nr")
    anzahl = ind.einheit == "anzahl"  # counts: no city line, it would squeeze the districts
    zeilen, flaechen = [], {}
    for nr, name in zip(bezirke(b).stadtteil_nr, bezirke(b).name, strict=True):
        if nr not in werte.index:
            continue
        row = werte.loc[nr]
        gesperrt = ja(row.gesperrt)
        v = None if gesperrt else num(row.wert)
        zeilen.append((name, v, wert(v, ind.einheit, gesperrt)))
        flaechen[nr] = (name, v, wert(v, ind.einheit, gesperrt))
    stadt = num(werte.loc[GESAMT].wert) if GESAMT in werte.index else None
    definition = f"Zähler: {ind.zaehler}" + ("" if leer(ind.nenner) else f"; Nenner: {ind.nenner}")
    html = (
        f"<h3 id='k-{ind.indikator_id}'>{escape(ind.name)}</h3>"
        f"<p class='hinweis'>{escape(definition)}. Stadt: {escape(wert(stadt, ind.einheit))}</p>"
        "<div class='karten'><div>"
        + diagramme.rangbalken(
            zeilen,
            f"{ind.name} {b.stichtag.year} nach Stadtteil",
            referenz=None if anzahl else stadt,
            achse=EINHEIT.get(ind.einheit, ind.einheit),
        )
        + "</div>"
    )
    if grenzen is not None:
        html += f"<div>{_indikatorkarte(b, ind, flaechen, grenzen)}</div>"
    reihen = {} if anzahl else {"Stadt": _reihe(b, ind.indikator_id, GESAMT)}
    reihen |= {
        name: _reihe(b, ind.indikator_id, nr)
        for nr, name in zip(bezirke(b).stadtteil_nr, bezirke(b).name, strict=True)
    }
    if len(b.stichtage) > 1:
        html += (
            "<div>"
            + diagramme.zeitreihe(
                reihen, f"{ind.name}: Zeitreihe nach Stadtteil", hervorgehoben="Stadt"
            )
            + "</div>"
        )
    return html + "</div>"


def _indikatorkarte(b: Bericht, ind, flaechen: dict, grenzen: karte.Grenzen) -> str:
    werte = [v for _, v, _ in flaechen.values() if v is not None]
    if not werte:
        return ""
    stellen = 0 if ind.einheit == "anzahl" else 1
    stufen, legende = karte.stufen(werte, stellen)
    farbig = {
        nr: (name, karte.OHNE_WERT if v is None else karte.stufenfarbe(v, stufen), text)
        for nr, (name, v, text) in flaechen.items()
    }
    einheit = EINHEIT.get(ind.einheit, ind.einheit)
    return karte.choropleth(
        grenzen,
        farbig,
        [(f, f"{text} ({einheit})") for f, text in legende]
        + [(karte.OHNE_WERT, "gesperrt oder –")],
        f"Karte: {ind.name} {b.stichtag.year}",
    )


def _reihe(b: Bericht, indikator_id: str, nr: str) -> list[tuple[str, float | None]]:
    w = b.werte
    sel = w[(w.indikator_id == indikator_id) & (w.stadtteil_nr == nr) & (w.merkmal == "gesamt")]
    by_year = {
        d.year: (None if ja(g) else num(v))
        for d, v, g in zip(sel.stichtag, sel.wert, sel.gesperrt, strict=True)
    }
    return [(str(d.year), by_year.get(d.year)) for d in b.stichtage]


def profile(b: Bericht) -> str:
    alle = b.werte[b.werte.merkmal == "gesamt"].set_index(
        ["stichtag", "stadtteil_nr", "indikator_id"]
    )
    return "".join(
        f"<h2 id='st-{nr}'>Stadtteilprofil {escape(name)} ({nr})</h2>"
        + _profiltabelle(b, nr, name, alle)
        + _indexprofil(b, nr, name)
        + _aufschluesselung(b, nr)
        + ausblick.profil(b, nr, name)
        for nr, name in zip(bezirke(b).stadtteil_nr, bezirke(b).name, strict=True)
    )


def _profiltabelle(b: Bericht, nr: str, name: str, alle: pd.DataFrame) -> str:
    """The district's value of every indicator, the city's, and the district's earlier years."""
    frueher = list(reversed(b.stichtage[:-1]))
    spalten = [(b.stichtag, nr), (b.stichtag, GESAMT), *((d, nr) for d in frueher)]
    zeilen = []
    for ind in b.indikatoren.itertuples():
        if (b.stichtag, nr, ind.indikator_id) not in alle.index:
            continue
        zellen = "".join(
            _zelle(alle.loc[k, "wert"], ind.einheit, alle.loc[k, "gesperrt"])
            if (k := (d, teil, ind.indikator_id)) in alle.index
            else "<td>–</td>"
            for d, teil in spalten
        )
        code = alle.loc[(b.stichtag, nr, ind.indikator_id), "hinweis"]
        grund = "" if leer(code) else hinweis(code)
        zeilen.append(
            f"<tr data-indikator='{ind.indikator_id}'><td>{escape(ind.name)}</td>{zellen}"
            f"<td class='hinweis'>{escape(grund)}</td></tr>"
        )
    return breit(
        "<table class='kennzahlen'><tr><th>Kennzahl</th>"
        f"<th>{escape(name)} {b.stichtag.year}</th><th>Stadt {b.stichtag.year}</th>"
        + "".join(f"<th>{escape(name)} {d.year}</th>" for d in frueher)
        + f"<th>Hinweis {b.stichtag.year}</th></tr>"
        + "".join(zeilen)
        + "</table>"
    )


def _indexprofil(b: Bericht, nr: str, name: str) -> str:
    """The z-scores of the district's index indicators (or why it has no index) and its trend."""
    idx = b.index[b.index.stadtteil_nr == nr]
    jetzt = idx[idx.stichtag == b.stichtag]
    row = None if jetzt.empty else jetzt.iloc[0]
    if row is None or leer(row.indexwert):
        grund = _grund(b, row)
        html = f"<p class='hinweis'>Kein Indexwert {b.stichtag.year}{': ' if grund else ''}{escape(grund)}.</p>"
    else:
        namen = b.indikatoren.set_index("indikator_id").name
        z = [(namen.get(c[2:], c), num(row[c]), zahl(num(row[c]), 2)) for c in b.z_spalten]
        html = diagramme.zprofil(z, f"{name}: z-Werte der Indexkennzahlen {b.stichtag.year}")
    if len(b.stichtage) > 1:
        reihe = {d.year: num(v) for d, v in zip(idx.stichtag, idx.indexwert, strict=True)}
        html += diagramme.zeitreihe(
            {"Indexwert": [(str(d.year), reihe.get(d.year)) for d in b.stichtage]},
            f"{name}: Sozialindex im Zeitverlauf",
        )
    return html


def _aufschluesselung(b: Bericht, nr: str) -> str:
    w = b.werte
    sel = w[(w.stichtag == b.stichtag) & (w.stadtteil_nr == nr) & (w.merkmal != "gesamt")]
    if sel.empty:
        return ""
    katalog = b.indikatoren.set_index("indikator_id")
    zeilen = [
        f"<tr><td>{escape(katalog.loc[r.indikator_id, 'name'])}</td><td>{escape(MERKMAL.get(r.merkmal, r.merkmal))}</td>"
        f"<td>{escape(auspraegung(r.merkmal, r.auspraegung))}</td>"
        + _zelle(r.wert, katalog.loc[r.indikator_id, "einheit"], r.gesperrt)
        + "</tr>"
        for r in sel.sort_values(["indikator_id", "merkmal", "auspraegung"]).itertuples()
    ]
    return (
        "<details><summary>Aufschlüsselungen (Geschlecht, Herkunft, Altersgruppe, Einrichtungsart)</summary>"
        + breit(
            "<table><tr><th>Kennzahl</th><th>Merkmal</th><th>Ausprägung</th><th>Wert</th></tr>"
            + "".join(zeilen)
            + "</table>"
        )
        + "</details>"
    )


def seite(titel: str, kopf: str, navigation: str, inhalt: str) -> str:
    return (
        "<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(titel)}</title><style>{STIL}</style></head><body><h1>{escape(titel)}</h1>"
        f"{kopf}<nav>{navigation}</nav>{inhalt}"
        "<p class='hinweis'>Quelle: veröffentlichte, geheimhaltungsgeprüfte Daten des Sozialmonitors. "
        "„gesperrt“ = aus Datenschutzgründen nicht veröffentlicht; „–“ = kein Wert.</p></body></html>"
    )
