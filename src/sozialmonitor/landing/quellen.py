"""The delivery contract per source: file name, columns, their types, code lists and ranges.

The one declaration of the contract (Python, not a YAML: the district codes come from the
seeds and the declaration is typed). Derived from it: the file checks and row rules of
landing (as DuckDB SQL), the raw table DDL, the pseudonymisation, the delivery suites'
contract expectations (quality/vertrag.py), the generator's code lists, the contract
table in docs/architecture.md and the raw columns of the dbt sources with their doc blocks
(``scripts/vertragstabelle.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sozialmonitor.gemeinde import load_gemeinde

GESCHLECHT = ("m", "w", "d", "x")
JN = ("J", "N")
LAND = r"[A-Z]{2}"
STR_SCHL = r"[0-9]{5}"
HNR_ZUS = r"[a-z]"
ISO_LAND = "ISO 3166-1 alpha-2 (XX = staatenlos/ungeklärt)"
STRASSENSCHLUESSEL = "Straßenschlüssel, fünfstellig mit führenden Nullen"
HAUSNUMMERNZUSATZ = "Hausnummernzusatz (Kleinbuchstabe)"
EINRICHTUNG = "Nummer der Einrichtung (nicht personenbezogen)"
#: Code lists in the order of the delivery contract (the generator indexes them).
EINRICHTUNGSTYPEN = (
    "KITA",
    "GRUNDSCHULE",
    "WEITERF_SCHULE",
    "JUGENDTREFF",
    "FAMILIENZENTRUM",
    "SPIELPLATZ",
    "KINDERARZT",
)
BETREUUNGSARTEN = ("KITA", "TAGESPFLEGE")
WOCHENSTUNDEN = ("25", "35", "45")
HILFEARTEN = ("27_2", "29", "30", "31", "32", "33", "34", "35", "35a", "41")
GEWICHTSKLASSEN = ("1", "2", "3", "4", "5")
MASERN_IMPFUNG = ("0", "1", "2", "9")
SCHULFORMEN = ("GY", "GE", "RS", "HS", "SK", "FS", "SO")
WOHNGELDARTEN = ("MIETZUSCHUSS", "LASTENZUSCHUSS")
#: No birth date before this year (1 January) lands.
GEB_JAHR_MIN = 1890
#: Share of a file's rows that may be quarantined before the whole file is rejected.
SCHWELLE_QUARANTAENE = 0.01
#: An SGB II cell: a number, ``*`` (1 or 2, suppressed) or ``-`` (0).
SGB2_ZELLE = r"[0-9]+|\*|-"


@dataclass(frozen=True)
class Spalte:
    """A delivered column. ``art``: id (pseudonymised), geb (birth date), datum, int, dez, code, text."""

    name: str
    art: str = "text"
    pflicht: bool = True
    werte: tuple[str, ...] | None = None
    muster: str | None = None
    min: float | None = None
    max: float | None = None
    sqltyp: str = "VARCHAR"
    #: Dates that say which year the data is for; none may lie after the Stichtag.
    jahr: bool = False
    #: What the column holds and its codes mean: the documentation (docs tables, dbt
    #: sources and doc blocks) and the quality messages say it.
    bedeutung: str = ""

    @property
    def raw_name(self) -> str:
        return f"{self.name[:-3].lower()}_pseudonym" if self.art == "id" else self.name.lower()


def _id(name: str, bedeutung: str) -> Spalte:
    return Spalte(name, "id", bedeutung=bedeutung)


def _adresse(pflicht: bool = True) -> list[Spalte]:
    return [
        Spalte("STR_SCHL", muster=STR_SCHL, pflicht=pflicht, bedeutung=STRASSENSCHLUESSEL),
        Spalte(
            "HNR", "int", min=1, max=9999, sqltyp="INTEGER", pflicht=pflicht, bedeutung="Hausnummer"
        ),
        Spalte("HNR_ZUS", muster=HNR_ZUS, pflicht=False, bedeutung=HAUSNUMMERNZUSATZ),
    ]


def _person() -> list[Spalte]:
    return [
        Spalte("GEB_DATUM", "geb", bedeutung="Geburtsdatum"),
        Spalte(
            "GESCHLECHT",
            "code",
            werte=GESCHLECHT,
            bedeutung="Geschlecht: m männlich, w weiblich, d divers, x ohne Angabe",
        ),
    ]


@dataclass(frozen=True)
class Quelle:
    name: str  # = raw table name
    datei_muster: str  # file name, {jahr} replaced by the Stichtag year
    spalten: tuple[Spalte, ...] = ()
    #: Columns whose values must be unique in a file (the department's id, or the address).
    schluessel: tuple[str, ...] = ()
    excel: bool = False
    beschreibung: str = ""
    extra: dict = field(default_factory=dict)

    def datei(self, stichtag: date) -> str:
        return self.datei_muster.format(jahr=stichtag.year)

    @property
    def pflichtspalten(self) -> list[str]:
        return [s.name for s in self.spalten]


def _stadtteil_codes() -> tuple[str, ...]:
    return tuple(t.nr for t in load_gemeinde().stadtteile)


def _quellen() -> tuple[Quelle, ...]:
    return (
        Quelle(
            "ewo_einwohner",
            "ewo_einwohner_{jahr}1231.csv",
            (
                _id("PERS_ID", "Personenkennung des Melderegisters"),
                _id(
                    "HH_ID",
                    "Haushaltskennung aus der Haushaltegenerierung; alle Personen mit einer "
                    "Kennung bilden einen Haushalt",
                ),
                *_person(),
                Spalte(
                    "STAATSANG_1", muster=LAND, bedeutung=f"Erste Staatsangehörigkeit, {ISO_LAND}"
                ),
                Spalte(
                    "STAATSANG_2",
                    muster=LAND,
                    pflicht=False,
                    bedeutung=f"Zweite Staatsangehörigkeit, leer wenn keine, {ISO_LAND}",
                ),
                Spalte("GEBURTSLAND", muster=LAND, bedeutung=f"Geburtsland, {ISO_LAND}"),
                Spalte("EINBUERGERUNG", "code", werte=JN, bedeutung="J, wenn eingebürgert"),
                *_adresse(),
                Spalte(
                    "ZUZUG_DATUM",
                    "datum",
                    pflicht=False,
                    sqltyp="DATE",
                    jahr=True,
                    bedeutung="Zuzug in die Gemeinde; leer bei Geburt in der Gemeinde",
                ),
            ),
            schluessel=("PERS_ID",),
        ),
        Quelle(
            "kataster_adressen",
            "kataster_adressen_{jahr}1231.csv",
            (
                Spalte("STR_SCHL", muster=STR_SCHL, bedeutung=STRASSENSCHLUESSEL),
                Spalte("STR_NAME", bedeutung="Straßenname"),
                Spalte("HNR", "int", min=1, max=9999, sqltyp="INTEGER", bedeutung="Hausnummer"),
                Spalte("HNR_ZUS", muster=HNR_ZUS, pflicht=False, bedeutung=HAUSNUMMERNZUSATZ),
                Spalte(
                    "STADTTEIL_NR",
                    "code",
                    werte=_stadtteil_codes(),
                    bedeutung="Stadtteil der Adresse (Stadtteile aus seeds/stadtteile.csv)",
                ),
                Spalte(
                    "WOHNUNGEN",
                    "int",
                    min=0,
                    max=10000,
                    sqltyp="INTEGER",
                    bedeutung="Zahl der Wohnungen",
                ),
                Spalte(
                    "WOHNFLAECHE_QM",
                    "dez",
                    min=0,
                    max=1_000_000,
                    sqltyp="DOUBLE",
                    bedeutung="Wohnfläche in m²",
                ),
                Spalte(
                    "GEF_WOHNUNGEN",
                    "int",
                    min=0,
                    max=10000,
                    sqltyp="INTEGER",
                    bedeutung="Öffentlich geförderte Wohnungen",
                ),
            ),
            schluessel=("STR_SCHL", "HNR", "HNR_ZUS"),
        ),
        Quelle("sgb2_stadtteile", "sgb2_stadtteile_{jahr}12.xlsx", excel=True),
        Quelle(
            "kita_kinder",
            "kita_kinder_{jahr}1231.csv",
            (
                _id("KIND_ID", "Kindkennung des Jugendamts"),
                *_person(),
                Spalte(
                    "WOHNORT_AGS", muster=r"[0-9]{8}", bedeutung="Gemeindeschlüssel des Wohnorts"
                ),
                *_adresse(pflicht=False),
                Spalte(
                    "EINRICHTUNG_NR",
                    pflicht=False,
                    bedeutung=f"{EINRICHTUNG}; leer bei Tagespflege",
                ),
                Spalte(
                    "BETREUUNGSART",
                    "code",
                    werte=BETREUUNGSARTEN,
                    bedeutung="Kita oder Tagespflege",
                ),
                Spalte(
                    "WOCHENSTUNDEN",
                    "code",
                    werte=WOCHENSTUNDEN,
                    sqltyp="SMALLINT",
                    bedeutung="Betreuungsumfang in Wochenstunden",
                ),
                Spalte(
                    "AUFNAHME_DATUM",
                    "datum",
                    sqltyp="DATE",
                    jahr=True,
                    bedeutung="Beginn der Betreuung",
                ),
            ),
            schluessel=("KIND_ID",),
        ),
        Quelle(
            "einrichtungen",
            "einrichtungen_{jahr}1231.csv",
            (
                Spalte("EINRICHTUNG_NR", bedeutung=EINRICHTUNG),
                Spalte("TYP", "code", werte=EINRICHTUNGSTYPEN, bedeutung="Einrichtungstyp"),
                Spalte("NAME", bedeutung="Name der Einrichtung"),
                Spalte("TRAEGER", pflicht=False, bedeutung="Träger der Einrichtung"),
                *_adresse(),
                Spalte(
                    "PLAETZE",
                    "int",
                    pflicht=False,
                    min=0,
                    max=100_000,
                    sqltyp="INTEGER",
                    bedeutung="Plätze der Einrichtung",
                ),
                Spalte(
                    "PLAETZE_U3",
                    "int",
                    pflicht=False,
                    min=0,
                    max=100_000,
                    sqltyp="INTEGER",
                    bedeutung="Plätze für Kinder unter 3 Jahren",
                ),
            ),
            schluessel=("EINRICHTUNG_NR",),
        ),
        Quelle(
            "hze_faelle",
            "hze_faelle_{jahr}.csv",
            (
                _id("FALL_ID", "Fallkennung des Jugendamts"),
                *_person(),
                *_adresse(),
                Spalte("HILFEART", "code", werte=HILFEARTEN, bedeutung="Hilfeart nach SGB VIII"),
                Spalte("BEGINN", "datum", sqltyp="DATE", jahr=True, bedeutung="Beginn der Hilfe"),
                Spalte(
                    "ENDE",
                    "datum",
                    pflicht=False,
                    sqltyp="DATE",
                    bedeutung="Ende der Hilfe; leer, solange sie läuft",
                ),
            ),
            schluessel=("FALL_ID",),
        ),
        Quelle(
            "seu",
            "seu_{jahr}.csv",
            (
                _id("UNTERS_ID", "Untersuchungskennung des Gesundheitsamts"),
                *_person(),
                *_adresse(),
                Spalte(
                    "UNTERS_DATUM",
                    "datum",
                    sqltyp="DATE",
                    jahr=True,
                    bedeutung="Datum der Schuleingangsuntersuchung",
                ),
                Spalte(
                    "GROESSE_CM",
                    "dez",
                    pflicht=False,
                    min=60,
                    max=200,
                    sqltyp="DOUBLE",
                    bedeutung="Körpergröße in cm",
                ),
                Spalte(
                    "GEWICHT_KG",
                    "dez",
                    pflicht=False,
                    min=5,
                    max=150,
                    sqltyp="DOUBLE",
                    bedeutung="Gewicht in kg",
                ),
                Spalte(
                    "GEWICHTSKLASSE",
                    "code",
                    pflicht=False,
                    werte=GEWICHTSKLASSEN,
                    sqltyp="TINYINT",
                    bedeutung="Gewichtsklasse 1 (starkes Untergewicht) bis 5 (Adipositas); "
                    "leer = nicht beurteilt",
                ),
                Spalte(
                    "DEUTSCH_FOERDERBEDARF",
                    "code",
                    werte=JN,
                    bedeutung="J bei Sprachförderbedarf in Deutsch",
                ),
                Spalte(
                    "MASERN_IMPFUNG",
                    "code",
                    werte=MASERN_IMPFUNG,
                    sqltyp="TINYINT",
                    bedeutung="Masernimpfung: 2 vollständig, 1 unvollständig, 0 keine, "
                    "9 kein Nachweis",
                ),
                Spalte(
                    "U9_VORGELEGT",
                    "code",
                    werte=JN,
                    bedeutung="J, wenn die Vorsorgeuntersuchung U9 dokumentiert ist",
                ),
                Spalte(
                    "KITA_JAHRE",
                    "dez",
                    pflicht=False,
                    min=0,
                    max=7,
                    sqltyp="DOUBLE",
                    bedeutung="Jahre in Kindertagesbetreuung",
                ),
            ),
            schluessel=("UNTERS_ID",),
        ),
        Quelle(
            "schuluebergaenge",
            "schuluebergaenge_{jahr}.csv",
            (
                _id("SCHUELER_ID", "Schülerkennung der Schulverwaltung"),
                *_person(),
                *_adresse(),
                Spalte("GRUNDSCHULE_NR", bedeutung="Abgebende Grundschule (Einrichtungsnummer)"),
                Spalte(
                    "SCHULFORM",
                    "code",
                    werte=SCHULFORMEN,
                    bedeutung="Schulform nach dem Übergang: GY Gymnasium, GE Gesamtschule, "
                    "RS Realschule, HS Hauptschule, SK Sekundarschule, FS Förderschule, "
                    "SO sonstige oder verzogen",
                ),
            ),
            schluessel=("SCHUELER_ID",),
        ),
        Quelle(
            "wohngeld",
            "wohngeld_{jahr}1231.csv",
            (
                _id("WG_FALL_ID", "Fallkennung der Wohngeldstelle"),
                *_adresse(),
                Spalte(
                    "HAUSHALT_PERSONEN",
                    "int",
                    min=1,
                    max=30,
                    sqltyp="SMALLINT",
                    bedeutung="Personen im Wohngeldhaushalt",
                ),
                Spalte(
                    "KINDER_UNTER_18",
                    "int",
                    min=0,
                    max=20,
                    sqltyp="SMALLINT",
                    bedeutung="Kinder unter 18 im Wohngeldhaushalt",
                ),
                Spalte(
                    "WOHNGELD_EUR",
                    "dez",
                    min=0,
                    max=10_000,
                    sqltyp="DOUBLE",
                    bedeutung="Monatliches Wohngeld in Euro",
                ),
                Spalte("ART", "code", werte=WOHNGELDARTEN, bedeutung="Wohngeldart"),
                Spalte(
                    "BEWILLIGT_AB",
                    "datum",
                    sqltyp="DATE",
                    jahr=True,
                    bedeutung="Beginn des Bewilligungszeitraums",
                ),
                Spalte(
                    "BEWILLIGT_BIS",
                    "datum",
                    pflicht=False,
                    sqltyp="DATE",
                    bedeutung="Ende des Bewilligungszeitraums",
                ),
            ),
            schluessel=("WG_FALL_ID",),
        ),
    )


QUELLEN_DEF: dict[str, Quelle] = {q.name: q for q in _quellen()}
#: The nine source names, in the order of the delivery contract.
QUELLEN: tuple[str, ...] = tuple(QUELLEN_DEF)

#: SGB II workbook columns: raw column name and the header text that identifies it.
SGB2_SPALTEN: tuple[tuple[str, str], ...] = (
    ("bedarfsgemeinschaften", "Bedarfsgemeinschaften"),
    ("regelleistungsberechtigte", "Regelleistungsberechtigte"),
    ("elb", "Erwerbsfähige Leistungsberechtigte"),
    ("elb_frauen", "davon Frauen"),
    ("elb_auslaender", "davon Ausländer"),
    ("elb_15_bis_24", "davon 15 bis unter 25 Jahre"),
    ("elb_langzeit", "davon Langzeitleistungsbezieher"),
    ("nef", "Nicht erwerbsfähige Leistungsberechtigte"),
    ("nef_unter_15", "davon unter 15 Jahre"),
)


#: The leading columns of every raw table: the Stichtag, the load and the line in the file.
RAW_KOPFSPALTEN = (("stichtag", "DATE"), ("lade_id", "VARCHAR"), ("zeile", "INTEGER"))


def raw_tabelle(quelle: Quelle) -> list[tuple[str, str]]:
    """Every column of ``raw.<quelle>``: (name, SQL type)."""
    return [*RAW_KOPFSPALTEN, *raw_spalten(quelle)]


def raw_spalten(quelle: Quelle) -> list[tuple[str, str]]:
    """Columns of ``raw.<quelle>`` after ``stichtag, lade_id, zeile``: (name, SQL type)."""
    if quelle.excel:
        return [("stadtteil_bezeichnung", "VARCHAR"), ("stadtteil_nr", "VARCHAR")] + [
            (name, "VARCHAR") for name, _ in SGB2_SPALTEN
        ]
    columns: list[tuple[str, str]] = []
    for spalte in quelle.spalten:
        if spalte.art == "geb":
            columns += [("geb_jahr", "SMALLINT"), ("geb_monat", "TINYINT")]
        else:
            columns.append((spalte.raw_name, spalte.sqltyp))
    return columns
