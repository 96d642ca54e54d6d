"""„Ausblick und Frühwarnung“: early-warning flags, the projection of children with its back-test,
what the departments must plan for; and each district profile's movements and outlook.

Everything comes from the published tables. A projected cell that is suppressed reads
"gesperrt", and a sum over cells is only shown when every cell in it is published.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from sozialmonitor.gemeinde import GESAMT
from sozialmonitor.report import diagramme
from sozialmonitor.report.bezeichnungen import WARNUNG, auspraegung, hinweis
from sozialmonitor.report.daten import Ausblick, Bericht, bezirke
from sozialmonitor.report.format import breit, datum, ja, leer, num, vorzeichen, wert, zahl

#: The published age groups of children, as the projection publishes them.
KINDERGRUPPEN = ("00-02", "03-05", "06-09", "10-14", "15-17")
#: The back-test's error groups (fct_vorausberechnung_fehler.fehlergruppe) and their names.
FEHLERGRUPPEN = {
    "00-02": "0–2",
    "03-05": "3–5",
    "06-09": "6–9",
    "10-17": "10–17",
    "00-17": "0–17",
    "alle": "alle Alter",
}
#: The quota each need is computed from (fct_bedarfe.bereich -> indicator of the base Stichtag).
QUOTE = {"kita_1_2": "kita_quote_1_2", "kita_3_5": "kita_quote_ue3", "hze": "hze_quote"}
KITA = {
    "kita_1_2": "Kindertagesbetreuung: Kinder von 1 bis 2 Jahren",
    "kita_3_5": "Kindertagesbetreuung: Kinder von 3 bis 5 Jahren",
}


def _td(text: str, **daten: str) -> str:
    attrs = "".join(f" data-{k}='{escape(v)}'" for k, v in daten.items())
    css = ' class="gesperrt"' if text == "gesperrt" else ""
    return f"<td{css}{attrs}>{text}</td>"


def _warnung(code: str) -> str:
    return escape(WARNUNG.get(code, code.replace("_", " ")))


def _bezirke(b: Bericht) -> list[tuple[str, str]]:
    return list(zip(bezirke(b).stadtteil_nr, bezirke(b).name, strict=True))


# --- the section -------------------------------------------------------------------------------


def abschnitt(b: Bericht) -> str:
    html = "<h2 id='ausblick'>Ausblick und Frühwarnung</h2>" + _warnungen(b)
    a = b.ausblick
    if a is None:
        return html + (
            "<p id='ohne-vorausberechnung'>Für den Stichtag "
            f"{datum(b.stichtag)} liegt keine Vorausberechnung vor: Sie braucht die "
            "Bevölkerungsbewegungen zwischen mindestens zwei veröffentlichten Stichtagen.</p>"
        )
    return html + _vorausberechnung(b, a) + _bedarfe(b, a)


def _warnungen(b: Bericht) -> str:
    w = b.fruehwarnung
    kopf = (
        "<h3 id='fruehwarnung'>Frühwarnungen</h3><p class='hinweis'>Warnungen entstehen nur aus "
        "veröffentlichten Werten (Sozialindex, Kennzahlen, Bedarfe, Bewegungen); keine verrät "
        "einen gesperrten Wert.</p>"
    )
    if w.empty:
        return kopf + f"<p>Zum Stichtag {datum(b.stichtag)} liegt keine Frühwarnung vor.</p>"
    zeilen = "".join(
        f"<li data-stadtteil='{escape(r.stadtteil_nr)}' data-warnung='{escape(r.warnung)}'>"
        f"<a href='#st-{escape(r.stadtteil_nr)}'>{escape(b.name(r.stadtteil_nr))}</a> – "
        f"<b>{_warnung(r.warnung)}</b>: "
        f"{escape(r.begruendung)}</li>"
        for r in w.itertuples()
    )
    return kopf + f"<ul class='warnungen'>{zeilen}</ul>"


def _kinder(
    a: Ausblick, nr: str
) -> dict[tuple[str, int], tuple[float | None, float | None, float | None]]:
    """(age group, target year) -> (residents, lower, upper) summed over sex; None where suppressed.

    A group is suppressed when any of its cells is; the bounds are None without a back-test.
    """
    v = a.vorausberechnung
    v = v[(v.stadtteil_nr == nr) & v.altersgruppe.isin(KINDERGRUPPEN)]
    out = {}
    for (gruppe, jahr), zellen in v.groupby(["altersgruppe", "zieljahr"]):
        if zellen.gesperrt.map(ja).any():
            out[(gruppe, int(jahr))] = (None, None, None)
            continue
        ohne_grenzen = zellen.untergrenze.map(leer).any() or zellen.obergrenze.map(leer).any()
        out[(gruppe, int(jahr))] = (
            float(zellen.einwohner.sum()),
            None if ohne_grenzen else float(zellen.untergrenze.sum()),
            None if ohne_grenzen else float(zellen.obergrenze.sum()),
        )
    return out


def _gezaehlt(b: Bericht, nr: str) -> dict[str, float | None]:
    """Children per age group counted at the base Stichtag (published residents of fct_bewegungen)."""
    w = b.bewegungen
    sel = w[(w.stichtag == b.stichtag) & (w.stadtteil_nr == nr) & (w.merkmal == "altersgruppe")]
    return {r.auspraegung: num(r.einwohner) for r in sel.itertuples()}


def _fehler(a: Ausblick, nr: str) -> pd.DataFrame:
    """The district's back-test of children 0–17, by years ahead."""
    f = a.fehler
    return f[(f.stadtteil_nr == nr) & (f.fehlergruppe == "00-17")].sort_values("jahre_voraus")


def _basen(n) -> str:
    return "1 Basisjahr" if int(n) == 1 else f"{int(n)} Basisjahre"


def _fehlertext(a: Ausblick, nr: str) -> str | None:
    """The back-test error of children 0–17 one year ahead and at the longest horizon, in words."""
    f = _fehler(a, nr)
    if f.empty:
        return None
    return " und ".join(
        f"{int(r.jahre_voraus)} {'Jahr' if int(r.jahre_voraus) == 1 else 'Jahre'} voraus um "
        f"<span class='fehler' data-stadtteil='{nr}' data-jahre='{int(r.jahre_voraus)}'>"
        f"{zahl(num(r.mape))}\u00a0%</span> ({_basen(r.basen)})"
        for r in (f.iloc[[0, -1]] if len(f) > 1 else f).itertuples()
    )


def _rueckblick_satz(a: Ausblick, nr: str, wer: str) -> str:
    """The measured back-test error as a sentence, or why there is none."""
    text = _fehlertext(a, nr)
    if text is None:
        return (
            f"Für {escape(wer)} ist noch kein Rückblick möglich (keine frühere Vorausberechnung, "
            "deren Zieljahr schon gezählt ist): Die Vorausberechnung hat keine Spanne."
        )
    return (
        f"Im Rückblick lagen frühere Vorausberechnungen der Kinder von 0 bis 17 Jahren für "
        f"{escape(wer)} im Mittel {text} neben den später gezählten Einwohnern."
    )


def _vorausberechnung(b: Bericht, a: Ausblick) -> str:
    jahre = a.zieljahre
    basis = str(b.stichtag.year)
    html = (
        "<h3 id='vorausberechnung'>Vorausberechnung der Kinder</h3>"
        f"<p>Kleinräumige Bevölkerungsvorausberechnung vom Stichtag {datum(b.stichtag)} für "
        f"{jahre[0]} bis {jahre[-1]} (Status quo: Geburten, Abgänge, Zuzüge und Umzüge wie in "
        "den letzten Jahren; siehe <a href='#methodik-ausblick'>Methodik</a>). "
        + _rueckblick_satz(a, GESAMT, "die ganze Stadt")
        + "</p>"
        + _fehlertabelle(b, a)
        + f"<p class='hinweis'>Diagramme: {basis} gezählt, {jahre[0]}–{jahre[-1]} "
        "vorausberechnet (Mädchen und Jungen zusammen); die Fläche um jede Linie ist die Spanne "
        "aus dem Rückblick. Fehlt ein Punkt, ist der Wert gesperrt.</p><div class='karten'>"
    )
    for nr, name in _bezirke(b):
        werte, gezaehlt = _kinder(a, nr), _gezaehlt(b, nr)
        reihen, spannen = {}, {}
        for gruppe in KINDERGRUPPEN:
            label = auspraegung("altersgruppe", gruppe)
            start = gezaehlt.get(gruppe)
            reihen[label] = [(basis, start)] + [
                (str(j), werte.get((gruppe, j), (None,) * 3)[0]) for j in jahre
            ]
            spannen[label] = [(basis, start, start)] + [
                (str(j), *werte.get((gruppe, j), (None,) * 3)[1:]) for j in jahre
            ]
        fehler = _fehlertext(a, nr)
        html += (
            f"<div id='ausblick-{nr}'><h4>{escape(name)}</h4>"
            + diagramme.zeitreihe(
                reihen, f"{name}: Kinder nach Altersgruppe bis {jahre[-1]}", spannen=spannen
            )
            + "<p class='hinweis'>"
            + (
                f"Abweichung im Rückblick (0–17 Jahre): im Mittel {fehler}."
                if fehler
                else "Noch kein Rückblick: ohne Spanne."
            )
            + "</p></div>"
        )
    return html + "</div>"


def _fehlertabelle(b: Bericht, a: Ausblick) -> str:
    """Back-test error one year ahead per district and age group (MAPE, %)."""
    f = a.fehler[a.fehler.jahre_voraus == 1].set_index(["stadtteil_nr", "fehlergruppe"])
    if f.empty:
        return ""
    zeilen = "".join(
        f"<tr><td>{escape(name)}</td>"
        + "".join(
            _td(
                zahl(num(f.loc[(nr, g), "mape"])) if (nr, g) in f.index else "–",
                stadtteil=nr,
                gruppe=g,
            )
            for g in FEHLERGRUPPEN
        )
        + "</tr>"
        for nr, name in [*_bezirke(b), (GESAMT, "Stadt")]
    )
    return (
        "<details><summary>Rückblick je Stadtteil: mittlerer absoluter Fehler ein Jahr voraus "
        "(Prozent)</summary>"
        + breit(
            "<table><tr><th>Stadtteil</th>"
            + "".join(f"<th>{g}</th>" for g in FEHLERGRUPPEN.values())
            + "</tr>"
            + zeilen
            + "</table>"
        )
        + "</details>"
    )


# --- needs -------------------------------------------------------------------------------------


def _quote(b: Bericht, bereich: str, nr: str, v) -> str:
    """The base's quota as published: its value, or "gesperrt" when the indicator is suppressed."""
    einheit = "je_1000" if bereich == "hze" else "prozent"
    if not leer(v):
        return wert(num(v), einheit)
    g = b.gesamt()
    sel = g[(g.indikator_id == QUOTE[bereich]) & (g.stadtteil_nr == nr)]
    return wert(None, einheit, gesperrt=bool(sel.gesperrt.map(ja).any()))


def _anzahl(v) -> str:
    return "–" if leer(v) else zahl(num(v), 0)


def _saldo(v) -> str:
    return "–" if leer(v) else vorzeichen(round(num(v)), 0)


def _bedarfe(b: Bericht, a: Ausblick) -> str:
    d = a.bedarfe.set_index(["bereich", "stadtteil_nr", "zieljahr"])
    zeilen = [*_bezirke(b), (GESAMT, "Stadt")]
    html = (
        "<h3 id='bedarfe'>Was die Fachbereiche planen müssen</h3><p>Aus der Vorausberechnung und "
        f"den veröffentlichten Quoten zum Stichtag {datum(b.stichtag)}. Fehlbedarf (+) = es "
        "fehlen Plätze, Überhang (−) = mehr Plätze als benötigt; Plätze laut "
        "Einrichtungsregister zum Stichtag.</p>"
    )
    for bereich, titel in KITA.items():
        html += _kita(b, a, d, bereich, titel, zeilen)
    html += _jahrestabelle(
        b,
        a,
        d,
        "einschulung",
        "Einschulungen: vorausberechnete Sechsjährige",
        zeilen,
        lambda r: _anzahl(r.kinder),
    )
    html += _jahrestabelle(
        b,
        a,
        d,
        "hze",
        "Hilfen zur Erziehung – Status quo: Fälle bei heutiger Quote",
        zeilen,
        lambda r: _anzahl(r.bedarf),
        quote=True,
        hinweis_text=(
            "Status quo: vorausberechnete unter 21-Jährige × heutige Quote je 1.000; keine "
            "Prognose des Hilfebedarfs."
        ),
    )
    return html


def _kita(b, a, d, bereich: str, titel: str, zeilen) -> str:
    jahre = a.zieljahre
    kopf = (
        "<tr><th rowspan='2'>Stadtteil</th>"
        f"<th rowspan='2'>Betreuungs&shy;quote {b.stichtag.year}</th>"
        f"<th rowspan='2'>Plätze {b.stichtag.year}</th>"
        + "".join(f"<th colspan='3'>{j}</th>" for j in jahre)
        + "</tr><tr>"
        + "<th>Kinder</th><th>Plätze benötigt</th><th>Fehlbedarf / Überhang</th>" * len(jahre)
        + "</tr>"
    )
    body, ziel_body, zielquote = "", "", None
    for nr, name in zeilen:
        if (bereich, nr, jahre[0]) not in d.index:
            continue
        erste = d.loc[(bereich, nr, jahre[0])]
        zielquote = num(erste.zielquote) if zielquote is None else zielquote
        zellen, ziel = "", ""
        for j in jahre:
            r = d.loc[(bereich, nr, j)]
            daten = {"stadtteil": nr, "jahr": str(j), "bereich": bereich}
            zellen += (
                _td(_anzahl(r.kinder), spalte="kinder", **daten)
                + _td(_anzahl(r.bedarf), spalte="bedarf", **daten)
                + _td(_saldo(r.fehlbedarf), spalte="fehlbedarf", **daten)
            )
            ziel += _td(_saldo(r.fehlbedarf_ziel), spalte="fehlbedarf_ziel", **daten)
        body += (
            f"<tr><td>{escape(name)}</td>{_td(_quote(b, bereich, nr, erste.quote))}"
            f"{_td(_anzahl(erste.plaetze))}{zellen}</tr>"
        )
        ziel_body += f"<tr><td>{escape(name)}</td>{ziel}</tr>"
    ziel_text = wert(zielquote, "prozent")
    return (
        f"<h4>{escape(titel)}</h4>"
        + breit(f"<table class='bedarf' data-bereich='{bereich}'>{kopf}{body}</table>")
        + f"<details><summary>Fehlbedarf (+) / Überhang (−) bei der Zielquote {ziel_text}</summary>"
        + breit(
            "<table><tr><th>Stadtteil</th>"
            + "".join(f"<th>{j}</th>" for j in jahre)
            + f"</tr>{ziel_body}</table>"
        )
        + "</details>"
    )


def _jahrestabelle(
    b, a, d, bereich: str, titel: str, zeilen, zelle, quote: bool = False, hinweis_text: str = ""
) -> str:
    jahre = a.zieljahre
    body = ""
    for nr, name in zeilen:
        if (bereich, nr, jahre[0]) not in d.index:
            continue
        erste = d.loc[(bereich, nr, jahre[0])]
        body += (
            f"<tr><td>{escape(name)}</td>"
            + (_td(_quote(b, bereich, nr, erste.quote)) if quote else "")
            + "".join(
                _td(zelle(d.loc[(bereich, nr, j)]), stadtteil=nr, jahr=str(j), bereich=bereich)
                for j in jahre
            )
            + "</tr>"
        )
    return (
        f"<h4>{escape(titel)}</h4>"
        + (f"<p class='hinweis'>{escape(hinweis_text)}</p>" if hinweis_text else "")
        + breit(
            f"<table class='bedarf' data-bereich='{bereich}'><tr><th>Stadtteil</th>"
            + (f"<th>Quote {b.stichtag.year} (je 1.000)</th>" if quote else "")
            + "".join(f"<th>{j}</th>" for j in jahre)
            + f"</tr>{body}</table>"
        )
    )


# --- district profile --------------------------------------------------------------------------

#: Columns of the movements table: (column of fct_bewegungen, header).
BEWEGUNG = (
    ("geburten", "Geburten"),
    ("zuzuege", "Zuzüge"),
    ("abgaenge", "Abgänge"),
    ("umzuege_zu", "Umzüge zu"),
    ("umzuege_weg", "Umzüge weg"),
    ("wanderungssaldo", "Wanderungs&shy;saldo"),
    ("fluktuation_je_100", "Fluktuation je 100"),
    ("einwohner", "Einwohner"),
)


def profil(b: Bericht, nr: str, name: str) -> str:
    return _bewegungen(b, nr, name) + _profil_ausblick(b, nr, name)


def _bewegung(r, spalte: str) -> str:
    v = getattr(r, spalte)
    if leer(v):
        return "gesperrt" if ja(r.gesperrt) and spalte != "einwohner" else "–"
    if spalte == "wanderungssaldo":
        return vorzeichen(num(v), 0)
    return zahl(num(v), 1 if spalte == "fluktuation_je_100" else 0)


def _bewegungen(b: Bericht, nr: str, name: str) -> str:
    w = b.bewegungen
    sel = w[(w.stadtteil_nr == nr) & (w.merkmal == "gesamt")].sort_values("stichtag")
    if sel.empty:
        return ""
    zeilen = "".join(
        f"<tr><td>{r.stichtag.year}</td>"
        + "".join(_td(_bewegung(r, s), spalte=s, jahr=str(r.stichtag.year)) for s, _ in BEWEGUNG)
        + f"<td class='hinweis'>{'' if leer(r.hinweis) else escape(hinweis(r.hinweis))}</td></tr>"
        for r in sel.itertuples()
    )
    return (
        f"<h3>Bevölkerungsbewegung {escape(name)}</h3>"
        "<p class='hinweis'>Je Jahr seit dem vorherigen Stichtag. Abgänge: Fortzüge und "
        "Sterbefälle – die Lieferungen unterscheiden sie nicht. Umzüge: innerhalb der Stadt. "
        "Wanderungssaldo = Zuzüge − Abgänge + Umzüge zu − Umzüge weg; Fluktuation = alle vier je "
        "100 Einwohner.</p>"
        + breit(
            "<table class='bewegungen'><tr><th>Stichtag</th>"
            + "".join(f"<th>{k}</th>" for _, k in BEWEGUNG)
            + f"<th>Hinweis</th></tr>{zeilen}</table>"
        )
    )


def _profil_ausblick(b: Bericht, nr: str, name: str) -> str:
    w = b.fruehwarnung[b.fruehwarnung.stadtteil_nr == nr]
    warnungen = (
        "<ul class='warnungen'>"
        + "".join(
            f"<li><b>{_warnung(r.warnung)}</b>: {escape(r.begruendung)}</li>"
            for r in w.itertuples()
        )
        + "</ul>"
        if not w.empty
        else "<p>Keine Frühwarnung.</p>"
    )
    a = b.ausblick
    if a is None:
        tabelle = f"<p>Keine Vorausberechnung zum Stichtag {datum(b.stichtag)}.</p>"
    else:
        tabelle = _kindertabelle(b, a, nr, name)
    return f"<h3>Ausblick {escape(name)}</h3>" + tabelle + "<h4>Frühwarnung</h4>" + warnungen


def _kindertabelle(b: Bericht, a: Ausblick, nr: str, name: str) -> str:
    """Projected children per age group and target year with their bounds, and their sum."""
    jahre, werte = a.zieljahre, _kinder(a, nr)
    zeilen = ""
    for gruppe in KINDERGRUPPEN:
        zellen = ""
        for j in jahre:
            v, lo, hi = werte.get((gruppe, j), (None, None, None))
            text = (
                "gesperrt"
                if v is None
                else zahl(v, 0)
                + ("" if lo is None else f"<br><small>{zahl(lo, 0)}–{zahl(hi, 0)}</small>")
            )
            zellen += _td(text, gruppe=gruppe, jahr=str(j))
        zeilen += f"<tr><td>{escape(auspraegung('altersgruppe', gruppe))}</td>{zellen}</tr>"
    summe = "".join(
        _td(
            "gesperrt"
            if any(werte.get((g, j), (None,))[0] is None for g in KINDERGRUPPEN)
            else zahl(sum(werte[(g, j)][0] for g in KINDERGRUPPEN), 0),
            gruppe="00-17",
            jahr=str(j),
        )
        for j in jahre
    )
    return (
        f"<p>Vorausberechnete Kinder (Status quo) mit der Spanne aus dem Rückblick; "
        f"<a href='#ausblick-{nr}'>Diagramm</a>. {_rueckblick_satz(a, nr, name)}</p>"
        + breit(
            f"<table class='vorausberechnung' data-stadtteil='{nr}'><tr><th>Altersgruppe</th>"
            + "".join(f"<th>{j}</th>" for j in jahre)
            + f"</tr>{zeilen}<tr><td>0 bis 17 Jahre</td>{summe}</tr></table>"
        )
    )
