"""German labels for the codes in the published tables: breakdowns, units, directions, sources."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from sozialmonitor.gemeinde import SEEDS_DIR

EINHEIT = {
    "prozent": "Prozent",
    "je_100": "je 100",
    "je_1000": "je 1.000",
    "qm": "m² je Einwohner",
    "anzahl": "Anzahl",
}
RICHTUNG = {
    1: "höher = mehr Bedarf",
    -1: "höher = weniger Bedarf",
    0: "Kontext (ohne Wertung)",
}
MERKMAL = {
    "gesamt": "Insgesamt",
    "geschlecht": "Geschlecht",
    "herkunft": "Herkunft",
    "altersgruppe": "Altersgruppe",
    "typ": "Einrichtungsart",
}


@cache
def _auspraegungen() -> dict[tuple[str, str], str]:
    """The breakdown categories' names from the seed that defines them (seeds/merkmale.csv)."""
    with open(SEEDS_DIR / "merkmale.csv", encoding="utf-8") as handle:
        return {
            (r["merkmal"], r["auspraegung"]): r["bezeichnung"]
            for r in csv.DictReader(handle, delimiter=";")
        }


def auspraegung(merkmal: str, code: str) -> str:
    return _auspraegungen().get((merkmal, code), code)


@cache
def quellen() -> dict[str, tuple[str, str]]:
    """Source code -> (who delivers what, what date the data describe)."""
    text = resources.files("sozialmonitor.report").joinpath("quellen.csv").read_text("utf-8")
    return {
        r["quelle"]: (r["lieferant"], r["datenstand"])
        for r in csv.DictReader(text.splitlines(), delimiter=";")
    }


#: Why a published value is missing (``hinweis`` of fct_indikatoren and fct_sozialindex).
HINWEIS = {
    "nenner_null": "Nenner 0",
    "zaehler_unbekannt": "Zähler von der Quelle nicht geliefert (Jobcenter „*“)",
    "nenner_unbekannt": "Nenner von der Quelle nicht geliefert (Jobcenter „*“)",
    "kein_vorjahr": "erster Stichtag: kein Vorjahr",
    "vorjahr_nicht_veroeffentlicht": "Vorjahr nicht veröffentlicht (blockiert): keine Veränderung",
    "zaehler_groesser_nenner": "über 100 %: Zähler und Nenner aus verschiedenen Registern",
    "zu_wenige_indikatoren": "weniger als 6 veröffentlichte Indexkennzahlen: kein Indexwert",
    "vorjahr_ohne_indexwert": "im Vorjahr kein Indexwert: keine Veränderung",
    "kein_rueckblick": "noch kein Rückblick: keine Spanne",
    "quote_nicht_veroeffentlicht": "Quote nicht veröffentlicht: kein Bedarf berechnet",
    "status_quo": "Status quo: heutige Quote, keine Prognose des Hilfebedarfs",
}
#: The early-warning flags of fct_fruehwarnung.
WARNUNG = {
    "index_steigt": "Sozialindex steigt",
    "trend_klasse": "Trend einer Kennzahl",
    "kita_fehlbedarf": "Kita-Plätze fehlen",
    "familien_fluktuation": "Fluktuation der Familien",
    "familien_abwanderung": "Abwanderung von Familien",
}


def hinweis(code: str) -> str:
    """A reason in words (several codes joined by "; "); an unknown code still reads as words."""
    return "; ".join(HINWEIS.get(c, c.replace("_", " ")) for c in code.split("; "))
