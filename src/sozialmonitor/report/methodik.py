"""The methods section: sources and Datenstand, the index, disclosure rules, definitions."""

from __future__ import annotations

from html import escape

from sozialmonitor.publishing.vertrag import geheimhaltung
from sozialmonitor.report.bezeichnungen import EINHEIT, RICHTUNG, quellen
from sozialmonitor.report.daten import Bericht
from sozialmonitor.report.format import datum, leer, num, zahl

#: Decimals of a district's projection parameter (rates per 100 default to 1).
RATEN_STELLEN = {"geburtenziffer": 2, "zuzuege_je_jahr": 0}


def _tabelle(kopf: list[str], zeilen: list[list[str]], css: str = "text") -> str:
    return (
        f"<div class='breit'><table class='{css}'><tr>"
        + "".join(f"<th>{k}</th>" for k in kopf)
        + "</tr>"
        + "".join("<tr>" + "".join(f"<td>{z}</td>" for z in zeile) + "</tr>" for zeile in zeilen)
        + "</table></div>"
    )


def methodik(b: Bericht) -> str:
    return (
        "<h2 id='methodik'>Methodik und Datengrundlage</h2>"
        + _quellen(b)
        + _index(b)
        + _geheimhaltung()
        + _ausblick(b)
        + _definitionen(b)
    )


def _quellen(b: Bericht) -> str:
    katalog = b.indikatoren
    zeilen = []
    for code, (lieferant, stand) in quellen().items():
        namen = [
            escape(n)
            for n, q in zip(katalog.name, katalog.quelle, strict=True)
            if code in str(q).split(",")
        ]
        if namen:
            zeilen.append(
                [escape(lieferant), escape(stand.format(jahr=b.stichtag.year)), ", ".join(namen)]
            )
    return (
        "<h3>Datenquellen und Datenstand</h3>"
        f"<p>Jede Quelle liefert jährlich Daten zum Stichtag 31.12.; dieser Bericht zeigt den Stichtag "
        f"{datum(b.stichtag)} und die Vorjahre {', '.join(datum(d) for d in b.stichtage[:-1]) or '– (erster Stichtag)'}. "
        f"Datenstand dieser Veröffentlichung: {b.veroeffentlicht_um:%d.%m.%Y, %H:%M} Uhr. Veröffentlicht wird ein "
        "Stichtag nur, wenn alle Lieferungen vorlagen und die Qualitätsprüfungen bestanden haben.</p>"
        + _ausnahmen(b)
        + _tabelle(
            ["Quelle (Lieferung)", f"Datenstand der Lieferung {b.stichtag.year}", "Kennzahlen"],
            zeilen,
        )
    )


def _ausnahmen(b: Bericht) -> str:
    """Stichtage a person released despite blocking quality findings: when, why, which findings."""
    ausnahmen = b.freigaben[b.freigaben.freigabe == "ausnahmefreigabe"]
    return "".join(
        f"<p class='kurz'><strong>Ausnahmefreigabe {datum(f.stichtag)}</strong> am "
        f"{f.freigegeben_um:%d.%m.%Y}: veröffentlicht trotz blockierender Prüfbefunde "
        f"({escape('; '.join(f.freigegebene_befunde))}). Begründung: {escape(f.grund)}</p>"
        for f in ausnahmen.itertuples()
    )


def _index(b: Bericht) -> str:
    katalog = b.indikatoren
    im_index = katalog[katalog.im_index == "ja"]
    liste = "".join(
        f"<li>{escape(r.name)} ({escape(RICHTUNG.get(int(r.richtung), ''))})</li>"
        for r in im_index.itertuples()
    )
    n = len(im_index)
    return (
        "<h3>Sozialindex Kinder und Familien</h3>"
        f"<p>Der Index fasst {n} Kennzahlen zusammen:</p><ul>{liste}</ul>"
        "<ol><li><b>z-Standardisierung:</b> Je Kennzahl werden Mittelwert und Standardabweichung "
        "(Division durch die Zahl der Werte) über die Stadtteile berechnet, ohne Gesamtstadt und "
        "ohne nicht zuordenbare Adressen. Der z-Wert eines Stadtteils ist der Abstand seines "
        "Wertes vom Mittelwert in Standardabweichungen.</li>"
        "<li><b>Richtung:</b> Bei Kennzahlen, deren höherer Wert weniger Bedarf anzeigt (z. B. "
        "Übergang zum Gymnasium), wird das Vorzeichen umgekehrt. Ein positiver z-Wert bedeutet "
        "daher immer: mehr Bedarf als der Durchschnitt der Stadtteile.</li>"
        "<li><b>Indexwert:</b> Mittelwert der vorhandenen z-Werte eines Stadtteils.</li>"
        "<li><b>Nur veröffentlichte Werte:</b> Der Index wird aus den Werten berechnet, wie sie "
        "veröffentlicht sind. Ein gesperrter Stadtteilwert zählt als fehlend, ebenso ein Wert, den "
        "eine Quelle nicht liefert. So lässt sich aus z-Werten und Index kein gesperrter Wert "
        f"zurückrechnen. Hat ein Stadtteil weniger als 6 der {n} Indexkennzahlen veröffentlicht, "
        "erhält er in diesem Jahr keinen Indexwert; die Übersichtstabelle nennt dann den Grund.</li>"
        "<li><b>Klassen:</b> sehr hoch ab 1,0; hoch ab 0,5; mittel über −0,5; sonst niedrig.</li>"
        "<li><b>Handlungsbedarf:</b> Klasse hoch oder sehr hoch, oder ein Anstieg des Indexwerts "
        "um mindestens 0,25 gegenüber dem vorherigen Stichtag.</li></ol>"
        "<p>Der Index ist relativ: Er vergleicht die Stadtteile untereinander im selben Jahr. Ein "
        "sinkender Indexwert heißt, dass der Stadtteil sich gegenüber den anderen verbessert hat, "
        "nicht zwingend absolut.</p>"
    )


def _geheimhaltung() -> str:
    regeln = geheimhaltung()
    zaehler, nenner = regeln["geheimhaltung_zaehler_max"], regeln["geheimhaltung_nenner_max"]
    return (
        "<h3>Geheimhaltung und Zeichen</h3>"
        f"<p>Fallzahlen von 1 bis {zaehler} Personen, Haushalten oder Fällen werden nicht "
        f"veröffentlicht; ebenso Quoten, deren Zähler 1 bis {zaehler} oder deren Nenner 1 bis "
        f"{nenner} beträgt (primäre Sperrung). Ließe sich ein gesperrter Wert aus einer Summe "
        "zurückrechnen (Stadtteile ergeben die Stadt, Ausprägungen ergeben den Gesamtwert), wird "
        "ein weiterer Wert gesperrt (sekundäre Sperrung). Zahlen von Einrichtungen, Plätzen und "
        "Wohnungen sind nicht personenbezogen und werden nicht gesperrt.</p>"
        "<dl><dt>gesperrt</dt><dd>aus Datenschutzgründen nicht veröffentlicht (nie als 0 "
        "dargestellt).</dd><dt>–</dt><dd>kein Wert: Nenner 0, die Quelle liefert keine Angabe, "
        "kein Vorjahr zum Vergleich oder kein Indexwert (zu wenige veröffentlichte "
        "Indexkennzahlen).</dd></dl>"
    )


def _ausblick(b: Bericht) -> str:
    """Movements, the cohort-component projection with its published assumptions, the back-test."""
    html = (
        "<h3 id='methodik-ausblick'>Bevölkerungsbewegung, Vorausberechnung und Rückblick</h3>"
        "<p><b>Bewegungen:</b> Das Einwohnermelderegister wird zu jedem Stichtag geliefert; eine "
        "Person ist über ihr Pseudonym von einem Stichtag zum nächsten verknüpfbar. Geburten sind "
        "Kinder, die am Stichtag 0 Jahre alt und am vorherigen Stichtag nicht gemeldet waren; "
        "Zuzüge sind übrige Neugemeldete; Abgänge sind Personen, die am vorherigen Stichtag "
        "gemeldet waren und am Stichtag nicht mehr: Fortzüge und Sterbefälle – die Lieferungen "
        "unterscheiden beides nicht. Umzüge sind Wechsel des Stadtteils innerhalb der Stadt. Je "
        "Stadtteil gilt genau: Einwohner des Stichtags = Einwohner des Vorjahres + Geburten + "
        "Zuzüge − Abgänge + Umzüge zu − Umzüge weg. Fluktuation = (Zuzüge + Abgänge + Umzüge zu + "
        "Umzüge weg) je 100 Einwohner. Bewegungszahlen werden gesperrt wie alle Fallzahlen.</p>"
    )
    a = b.ausblick
    if a is None:
        return html + (
            f"<p>Zum Stichtag {datum(b.stichtag)} liegt keine Vorausberechnung vor; sie braucht "
            "die Bewegungen zwischen mindestens zwei Stichtagen.</p>"
        )
    ann = a.annahmen
    einstellungen = ann[ann.stadtteil_nr == "00"]
    zeilen = [
        [
            escape(r.beschreibung),
            escape(r.text) if leer(r.wert) else zahl(num(r.wert), 0 if num(r.wert) % 1 == 0 else 2),
        ]
        for r in einstellungen.itertuples()
    ]
    raten = ann[ann.stadtteil_nr != "00"]
    parameter = list(dict.fromkeys(raten.parameter))
    namen = dict(zip(b.stadtteile.stadtteil_nr, b.stadtteile.name, strict=True))
    werte = raten.set_index(["stadtteil_nr", "parameter"]).wert
    beschreibung = raten.drop_duplicates("parameter").set_index("parameter").beschreibung
    raten_zeilen = [
        [escape(namen.get(nr, nr))]
        + [
            "–"
            if (nr, p) not in werte.index or leer(werte[(nr, p)])
            else zahl(num(werte[(nr, p)]), RATEN_STELLEN.get(p, 1))
            for p in parameter
        ]
        for nr in dict.fromkeys(raten.stadtteil_nr)
    ]
    return (
        html + "<p><b>Vorausberechnung:</b> Kohorten-Komponenten-Methode je Stadtteil, Einzelalter "
        "und Geschlecht, ausgehend von den Einwohnern des Stichtags, Jahr für Jahr: Alle werden "
        "ein Jahr älter; Abgänge und Umzüge in andere Stadtteile zu den Raten des Stadtteils und "
        "der Altersgruppe, die Umziehenden kommen dort an, wohin die Umzüge der letzten Jahre "
        "führten; Zuzüge von außerhalb wie beobachtet; Geburten aus den Frauen von 15 bis 49 "
        "Jahren zu den Geburtenraten des Stadtteils. Kleine Stadtteile werden mit den Raten der "
        "Stadt gepoolt. Das ist ein Status quo: Neubaugebiete, Kita-Ausbau oder Zuwanderung, die "
        "anders verlaufen als in den Basisjahren, sind nicht enthalten. Veröffentlicht werden "
        "ganze Personen nach Altersgruppe für Mädchen und Frauen sowie Jungen und Männer; kleine "
        "Zellen werden gesperrt wie Fallzahlen. Annahmen dieser Vorausberechnung:</p>"
        + _tabelle(["Annahme", "Wert"], zeilen)
        + "<p>Raten, mit denen jeder Stadtteil fortgeschrieben wird:</p>"
        + _tabelle(
            ["Stadtteil", *(escape(beschreibung[p]) for p in parameter)], raten_zeilen, css=""
        )
        + "<p><b>Rückblick:</b> Jede frühere Vorausberechnung, deren Zieljahr schon gezählt "
        "ist, wird mit den gezählten Einwohnern verglichen (bis zu 3 Jahre voraus). Der mittlere "
        "absolute prozentuale Fehler je Stadtteil und Altersgruppe (0–2, 3–5, 6–9, 10–17, 0–17, "
        "alle) ergibt die Spanne: Untergrenze und Obergrenze = Vorausberechnung ± dieser Fehler "
        "für ebenso viele Jahre voraus; jenseits des Rückblicks wächst der längste gemessene "
        "Fehler mit den Jahren. Ohne Rückblick (zu wenige Stichtage) hat die Vorausberechnung "
        "keine Spanne.</p>"
    )


def _definitionen(b: Bericht) -> str:
    zeilen = [
        [
            escape(r.thema),
            escape(r.name),
            "–" if leer(r.zaehler) else escape(r.zaehler),
            "–" if leer(r.nenner) else escape(r.nenner),
            escape(EINHEIT.get(r.einheit, r.einheit)),
            escape(RICHTUNG.get(int(r.richtung), "")),
            "ja" if r.im_index == "ja" else "nein",
        ]
        for r in b.indikatoren.itertuples()
    ]
    return "<h3 id='definitionen'>Definitionen der Kennzahlen</h3>" + _tabelle(
        ["Thema", "Kennzahl", "Zähler", "Nenner", "Einheit", "Richtung", "im Index"], zeilen
    )
