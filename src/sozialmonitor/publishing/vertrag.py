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
}
#: Columns allowed besides those: anything else (an id, a pseudonym, a birth date) fails the audit.
WEITERE_SPALTEN: dict[str, tuple[str, ...]] = {"fct_sozialindex": ("anzahl_indikatoren", "hinweis")}
Z_PRAEFIX = "z_"

#: Convenience views for analysts and BI tools (documented in the README).
SICHTEN = {
    "v_stadtteil_uebersicht": """
        -- One row per district and Stichtag: headline indicators and the social index class.
        SELECT s.stichtag, s.stadtteil_nr, d.name, s.indexwert, s.klasse, s.veraenderung_vorjahr, s.handlungsbedarf,
               max(i.wert) FILTER (WHERE i.indikator_id = 'bev_einwohner') AS einwohner,
               max(i.wert) FILTER (WHERE i.indikator_id = 'bev_anteil_u18') AS anteil_u18_prozent,
               max(i.wert) FILTER (WHERE i.indikator_id = 'sgb2_quote_u15') AS sgb2_quote_u15_prozent,
               max(i.wert) FILTER (WHERE i.indikator_id = 'hze_quote') AS hze_je_1000,
               max(i.wert) FILTER (WHERE i.indikator_id = 'kita_quote_u3') AS kita_quote_u3_prozent
        FROM fct_sozialindex s
        JOIN dim_stadtteil d USING (stadtteil_nr)
        LEFT JOIN fct_indikatoren i
          ON i.stichtag = s.stichtag AND i.stadtteil_nr = s.stadtteil_nr AND i.merkmal = 'gesamt'
        GROUP BY ALL
    """,
    "v_indikatoren_gesamt": """
        -- Indicators without breakdown, with district and indicator names: the table most reports need.
        SELECT i.stichtag, i.stadtteil_nr, d.name AS stadtteil, i.indikator_id, k.thema, k.name AS indikator,
               i.wert, i.einheit, i.gesperrt, i.hinweis
        FROM fct_indikatoren i
        JOIN dim_stadtteil d USING (stadtteil_nr)
        JOIN dim_indikator k USING (indikator_id)
        WHERE i.merkmal = 'gesamt'
    """,
}


@cache
def geheimhaltung() -> dict:
    """The disclosure-control thresholds of dbt_project.yml (one configuration for dbt and the audit)."""
    with open(PROJECT_DIR / "dbt_project.yml", encoding="utf-8") as handle:
        variables = yaml.safe_load(handle)["vars"]
    return {key: value for key, value in variables.items() if key.startswith("geheimhaltung_")}
