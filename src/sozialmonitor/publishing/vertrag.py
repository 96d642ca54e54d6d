"""The published database as the contract (indicators.md) defines it: tables, columns, views."""

from __future__ import annotations

from functools import cache

import yaml

from sozialmonitor.settings import PROJECT_DIR

#: Published table -> dbt model in the warehouse's publish schema.
TABELLEN: dict[str, str] = {
    "dim_stadtteil": "pub_dim_stadtteil",
    "dim_indikator": "pub_dim_indikator",
    "fct_indikatoren": "pub_fct_indikatoren",
    "fct_bevoelkerung": "pub_fct_bevoelkerung",
    "fct_sozialindex": "pub_fct_sozialindex",
    "bezeichnungen": "pub_bezeichnungen",
    "regel_handlungsbedarf": "pub_regel_handlungsbedarf",
    "fct_bewegungen": "pub_fct_bewegungen",
    "fct_wanderungsmatrix": "pub_fct_wanderungsmatrix",
    "fct_vorausberechnung": "pub_fct_vorausberechnung",
    "fct_vorausberechnung_fehler": "pub_fct_vorausberechnung_fehler",
    "fct_vorausberechnung_annahmen": "pub_fct_vorausberechnung_annahmen",
    "fct_bedarfe": "pub_fct_bedarfe",
    "fct_fruehwarnung": "pub_fct_fruehwarnung",
}

#: Metadata of the release: when it was published and its newest Stichtag.
STAND = "stand"
#: The Stichtage of the release and how each passed: checked, or released by a person despite
#: blocking quality findings (``sozialmonitor freigeben``), with reason, findings and time.
FREIGABEN = "freigaben"

#: Columns each published table must have (the contract's stable interface for analysts).
SPALTEN: dict[str, tuple[str, ...]] = {
    "dim_stadtteil": ("stadtteil_nr", "name"),
    "dim_indikator": (
        "indikator_id",
        "thema",
        "name",
        "zaehler",
        "nenner",
        "einheit",
        "quelle",
        "aufschluesselung",
        "richtung",
        "im_index",
    ),
    "fct_indikatoren": (
        "stichtag",
        "stadtteil_nr",
        "indikator_id",
        "merkmal",
        "auspraegung",
        "zaehler",
        "nenner",
        "wert",
        "einheit",
        "gesperrt",
        "hinweis",
    ),
    "fct_bevoelkerung": (
        "stichtag",
        "stadtteil_nr",
        "altersgruppe",
        "geschlecht",
        "herkunft",
        "einwohner",
        "gesperrt",
    ),
    "fct_sozialindex": (
        "stichtag",
        "stadtteil_nr",
        "indexwert",
        "klasse",
        "veraenderung_vorjahr",
        "handlungsbedarf",
    ),
    "bezeichnungen": ("spalte", "code", "bezeichnung", "erlaeuterung", "reihenfolge"),
    "regel_handlungsbedarf": (
        "klasse",
        "reihenfolge",
        "indexwert_ab",
        "ab_einschliesslich",
        "handlungsbedarf",
        "anstieg_ab",
        "regel",
    ),
    "fct_bewegungen": (
        "stichtag",
        "stadtteil_nr",
        "merkmal",
        "auspraegung",
        "geburten",
        "zuzuege",
        "abgaenge",
        "umzuege_zu",
        "umzuege_weg",
        "wanderungssaldo",
        "fluktuation_je_100",
        "einwohner",
        "gesperrt",
        "hinweis",
    ),
    "fct_wanderungsmatrix": (
        "stichtag",
        "von_stadtteil_nr",
        "nach_stadtteil_nr",
        "personen",
        "gesperrt",
    ),
    "fct_vorausberechnung": (
        "stichtag",
        "zieljahr",
        "stadtteil_nr",
        "altersgruppe",
        "geschlecht",
        "einwohner",
        "untergrenze",
        "obergrenze",
        "gesperrt",
        "hinweis",
    ),
    "fct_vorausberechnung_fehler": (
        "stichtag",
        "stadtteil_nr",
        "fehlergruppe",
        "jahre_voraus",
        "basen",
        "mape",
        "verzerrung",
    ),
    "fct_vorausberechnung_annahmen": (
        "stichtag",
        "stadtteil_nr",
        "parameter",
        "wert",
        "text",
        "beschreibung",
    ),
    "fct_bedarfe": (
        "stichtag",
        "zieljahr",
        "stadtteil_nr",
        "bereich",
        "kinder",
        "quote",
        "bedarf",
        "zielquote",
        "bedarf_ziel",
        "plaetze",
        "fehlbedarf",
        "fehlbedarf_ziel",
        "hinweis",
    ),
    "fct_fruehwarnung": ("stichtag", "stadtteil_nr", "warnung", "indikator_id", "begruendung"),
    STAND: ("veroeffentlicht_um", "neuester_stichtag"),
    FREIGABEN: ("stichtag", "freigabe", "grund", "freigegebene_befunde", "freigegeben_um"),
}
#: What the table stand says (the dbt models' descriptions say it for the others).
STAND_BESCHREIBUNG = (
    "Stand dieser Veröffentlichung.",
    {
        "veroeffentlicht_um": "Zeitpunkt der Veröffentlichung (Ortszeit des Servers).",
        "neuester_stichtag": "Neuester Stichtag in dieser Veröffentlichung.",
    },
)
FREIGABEN_BESCHREIBUNG = (
    "Die Stichtage dieser Veröffentlichung und wie jeder freigegeben wurde.",
    {
        "stichtag": "Stichtag (31.12. des Berichtsjahres).",
        "freigabe": "geprueft (alle Lieferungen geladen, gebaut, ohne blockierenden Befund geprüft) "
        "oder ausnahmefreigabe (trotz Prüfbefunden von einer Person freigegeben).",
        "grund": "Begründung der Ausnahmefreigabe.",
        "freigegebene_befunde": "Die blockierenden Prüfbefunde, die die Ausnahmefreigabe umfasst.",
        "freigegeben_um": "Zeitpunkt der Ausnahmefreigabe.",
    },
)
#: Published tables of counted persons besides fct_indikatoren, with their count column: a
#: count of 1 or 2 must be suppressed (indicators.md, disclosure control).
PERSONENZAHLEN = {
    "fct_bevoelkerung": "einwohner",
    "fct_wanderungsmatrix": "personen",
    "fct_vorausberechnung": "einwohner",
}
#: Columns allowed besides those: anything else (an id, a pseudonym, a birth date) fails the audit.
WEITERE_SPALTEN: dict[str, tuple[str, ...]] = {"fct_sozialindex": ("anzahl_indikatoren", "hinweis")}
Z_PRAEFIX = "z_"

#: Headline indicators of v_stadtteil_uebersicht: column -> (indicator, its column in fct_indikatoren).
KOPFZAHLEN = {
    "einwohner": ("bev_einwohner", "zaehler"),
    "anteil_u18_prozent": ("bev_anteil_u18", "wert"),
    "sgb2_quote_u15_prozent": ("sgb2_quote_u15", "wert"),
    "hze_je_1000": ("hze_quote", "wert"),
    "kita_quote_u3_prozent": ("kita_quote_u3", "wert"),
}
_KOPF = ",\n".join(
    f"max(i.{spalte}) FILTER (WHERE i.indikator_id = '{indikator}') AS {name},\n"
    f"bool_or(i.gesperrt) FILTER (WHERE i.indikator_id = '{indikator}') AS {name}_gesperrt"
    for name, (indikator, spalte) in KOPFZAHLEN.items()
)

#: Convenience views for analysts and BI tools (documented in the README).
SICHTEN = {
    "v_stadtteil_uebersicht": f"""
        SELECT i.stichtag, i.stadtteil_nr, d.name, s.indexwert, s.klasse, s.veraenderung_vorjahr, s.handlungsbedarf,
               {_KOPF}
        FROM fct_indikatoren i
        JOIN dim_stadtteil d USING (stadtteil_nr)
        LEFT JOIN fct_sozialindex s ON s.stichtag = i.stichtag AND s.stadtteil_nr = i.stadtteil_nr
        WHERE i.merkmal = 'gesamt' AND i.stadtteil_nr <> '99'
        GROUP BY i.stichtag, i.stadtteil_nr, d.name, s.indexwert, s.klasse, s.veraenderung_vorjahr, s.handlungsbedarf
    """,
    "v_indikatoren_gesamt": """
        SELECT i.stichtag, i.stadtteil_nr, d.name AS stadtteil, i.indikator_id, k.thema, k.name AS indikator,
               i.wert, i.einheit, i.gesperrt, i.hinweis
        FROM fct_indikatoren i
        JOIN dim_stadtteil d USING (stadtteil_nr)
        JOIN dim_indikator k USING (indikator_id)
        WHERE i.merkmal = 'gesamt'
    """,
    "v_unter_18": """
        SELECT i.stichtag, i.stadtteil_nr, d.name AS stadtteil, i.merkmal, i.auspraegung,
               b.bezeichnung, i.zaehler AS einwohner_unter_18, i.gesperrt
        FROM fct_indikatoren i
        JOIN dim_stadtteil d USING (stadtteil_nr)
        LEFT JOIN bezeichnungen b ON b.spalte = i.merkmal AND b.code = i.auspraegung
        WHERE i.indikator_id = 'bev_anteil_u18'
    """,
}
#: What each view says, and its columns that have no namesake in a published table.
SICHT_BESCHREIBUNGEN: dict[str, tuple[str, dict[str, str]]] = {
    "v_stadtteil_uebersicht": (
        (
            "Eine Zeile je Stichtag und Stadtteil (00 = Stadt gesamt, ohne Sozialindex): Kennzahlen mit "
            "ihrer Sperre (_gesperrt = true: aus Gründen der Geheimhaltung leer, nie 0) und die Klasse "
            "des Sozialindex."
        ),
        {
            "name": "Name des Stadtteils.",
            **{
                name: f"{'Zähler' if spalte == 'zaehler' else 'Wert'} des Indikators {indikator} "
                "(ohne Aufschlüsselung); leer, wenn gesperrt."
                for name, (indikator, spalte) in KOPFZAHLEN.items()
            },
            **{
                f"{name}_gesperrt": f"true, wenn {name} aus Gründen der Geheimhaltung nicht veröffentlicht wird."
                for name in KOPFZAHLEN
            },
        },
    ),
    "v_indikatoren_gesamt": (
        "Indikatoren ohne Aufschlüsselung mit Namen von Stadtteil und Indikator: die Tabelle der meisten Berichte.",
        {"stadtteil": "Name des Stadtteils.", "indikator": "Name des Indikators."},
    ),
    "v_unter_18": (
        (
            "Einwohner unter 18 Jahren je Stichtag und Stadtteil, insgesamt, nach Geschlecht und nach "
            "Herkunft, nach der Geheimhaltung (der Zähler von bev_anteil_u18). Diese Zahlen hier ablesen, "
            "nicht fct_bevoelkerung summieren: dort fehlen die gesperrten Zellen."
        ),
        {
            "stadtteil": "Name des Stadtteils.",
            "bezeichnung": "Bezeichnung der Ausprägung.",
            "einwohner_unter_18": "Einwohner unter 18 Jahren mit Hauptwohnsitz; leer, wenn gesperrt.",
        },
    ),
}


@cache
def geheimhaltung() -> dict:
    """The disclosure-control thresholds of dbt_project.yml (one configuration for dbt and the audit)."""
    with open(PROJECT_DIR / "dbt_project.yml", encoding="utf-8") as handle:
        variables = yaml.safe_load(handle)["vars"]
    return {key: value for key, value in variables.items() if key.startswith("geheimhaltung_")}
