"""A small published database with exactly the contract's tables, for building reports."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from sozialmonitor.gemeinde import load_gemeinde
from sozialmonitor.settings import Settings

STICHTAGE = (date(2023, 12, 31), date(2024, 12, 31))
INDIKATOREN = [
    # indikator_id, thema, name, zaehler, nenner, einheit, quelle, aufschluesselung, richtung, im_index
    (
        "sgb2_quote_u15",
        "Einkommen",
        "SGB-II-Quote unter 15",
        "Leistungsberechtigte unter 15 Jahren",
        "Einwohner von 0 bis 14 Jahren",
        "prozent",
        "sgb2,ewo",
        None,
        1,
        "ja",
    ),
    (
        "kita_quote_u3",
        "Kita und Schule",
        "Betreuungsquote unter 3",
        "Betreute Kinder von 0 bis 2 Jahren",
        "Einwohner von 0 bis 2 Jahren",
        "prozent",
        "kita,ewo",
        None,
        -1,
        "ja",
    ),
    (
        "bev_einwohner",
        "Demografie",
        "Einwohner",
        "Einwohnerinnen und Einwohner",
        None,
        "anzahl",
        "ewo",
        "geschlecht,herkunft",
        0,
        "nein",
    ),
]
#: The one suppressed cell: Stadtteil 06, sgb2_quote_u15, 2024.
GESPERRT = ("06", "sgb2_quote_u15")
#: The district without an index value in 2024 (too few published index values).
OHNE_INDEX = "09"
#: A value that is missing (not suppressed) in 2024, with its reason.
FEHLT = ("03", "kita_quote_u3", "nenner_null")
#: Breakdowns published besides the total, with codes the report must translate.
AUFSCHLUESSELUNG = [
    ("geschlecht", "m"),
    ("geschlecht", "w"),
    ("geschlecht", "d"),
    ("herkunft", "deutsch_mit_migrationshinweis"),
]


#: The projection's base (the report of the earlier Stichtag has none) and its target years.
BASIS = STICHTAGE[-1]
ZIELJAHRE = range(BASIS.year + 1, BASIS.year + 6)
#: The suppressed projection cells (both sexes, so the age group's sum is suppressed too).
VORAUS_GESPERRT = ("06", "00-02", BASIS.year + 3)
#: A district whose movements have one suppressed count in the base year.
BEWEGUNG_GESPERRT = ("06", "umzuege_zu")
#: Early-warning flags: (Stichtag, district, warnung, indikator_id, begruendung).
WARNUNGEN = [
    (
        BASIS,
        "04",
        "index_steigt",
        None,
        "Sozialindex steigt seit 2 Jahren: von 0,10 (2022) über 0,20 (2023) auf 0,40 (2024), Klasse mittel",
    ),
    (
        BASIS,
        "06",
        "kita_fehlbedarf",
        None,
        "Kita: 2026 fehlen bei heutiger Betreuungsquote 12 Plätze für Kinder von 3 bis 5 Jahren (12 % der 100 Plätze)",
    ),
    (
        BASIS,
        "08",
        "trend_klasse",
        "sgb2_quote_u15",
        "SGB-II-Quote unter 15 steigt seit 2 Jahren um je 1,4 Prozentpunkte; bei gleichem Trend 2026 Klasse hoch (heute mittel)",
    ),
    (
        STICHTAGE[0],
        "02",
        "familien_abwanderung",
        None,
        "Familien ziehen weg: Wanderungssaldo der Minderjährigen -2,0 je 100 im Jahr (Stadt 0,3)",
    ),
]
GRUPPEN = ("00-02", "03-05", "06-09", "10-14", "15-17", "25-44")


def vorausberechnet(nr: str, gruppe: str, jahr: int, geschlecht: str) -> int:
    return (
        20 + int(nr) * 3 + GRUPPEN.index(gruppe) * 7 + (jahr - BASIS.year) * 2 + (geschlecht == "w")
    )


def _ausblick(con, teile: list[tuple[str, str]]) -> None:
    """The outlook tables: movements of both years, the projection from the later one and its needs."""
    bezirke = [nr for nr, _ in teile if nr not in ("00", "99")]
    con.execute(
        "CREATE TABLE fct_bewegungen (stichtag DATE, stadtteil_nr VARCHAR, merkmal VARCHAR, auspraegung VARCHAR, "
        "geburten BIGINT, zuzuege BIGINT, abgaenge BIGINT, umzuege_zu BIGINT, umzuege_weg BIGINT, "
        "wanderungssaldo BIGINT, fluktuation_je_100 DOUBLE, einwohner BIGINT, gesperrt BOOLEAN, hinweis VARCHAR)"
    )
    for nr, _ in teile:
        n = int(nr)
        con.execute(
            "INSERT INTO fct_bewegungen VALUES (?, ?, 'gesamt', 'gesamt', NULL, NULL, NULL, NULL, NULL, NULL, "
            "NULL, ?, false, 'kein_vorjahr')",
            [STICHTAGE[0], nr, 1000 + n],
        )
        zahlen = {"geburten": 10 + n, "zuzuege": 60 + n, "abgaenge": 50 + 2 * n}
        zahlen |= {"umzuege_zu": 30 + n, "umzuege_weg": 25}
        einwohner = 1000 + n + zahlen["geburten"] + 60 + n - (50 + 2 * n) + 30 + n - 25  # balance
        saldo = 60 + n - (50 + 2 * n) + 30 + n - 25
        fluktuation = 100 * (60 + n + 50 + 2 * n + 30 + n + 25) / einwohner
        gesperrt = nr == BEWEGUNG_GESPERRT[0]
        if gesperrt:  # the suppressed count leaves its derived values empty too
            zahlen[BEWEGUNG_GESPERRT[1]] = saldo = fluktuation = None
        con.execute(
            "INSERT INTO fct_bewegungen VALUES (?, ?, 'gesamt', 'gesamt', ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            [BASIS, nr, *zahlen.values(), saldo, fluktuation, einwohner, gesperrt],
        )
        for i, gruppe in enumerate(GRUPPEN[:-1]):
            con.execute(
                "INSERT INTO fct_bewegungen VALUES (?, ?, 'altersgruppe', ?, NULL, 4, 3, 2, 2, 1, 0.9, ?, false, NULL)",
                [BASIS, nr, gruppe, 40 + n * 6 + i * 14],
            )
    con.execute(
        "CREATE TABLE fct_vorausberechnung (stichtag DATE, zieljahr INTEGER, stadtteil_nr VARCHAR, altersgruppe VARCHAR, "
        "geschlecht VARCHAR, einwohner BIGINT, untergrenze BIGINT, obergrenze BIGINT, gesperrt BOOLEAN, hinweis VARCHAR)"
    )
    rows = []
    for jahr in ZIELJAHRE:
        for nr in [*bezirke, "99"]:
            for gruppe in GRUPPEN:
                for geschlecht in ("m", "w"):
                    v = vorausberechnet(nr, gruppe, jahr, geschlecht)
                    if (nr, gruppe, jahr) == VORAUS_GESPERRT:
                        rows.append(
                            (BASIS, jahr, nr, gruppe, geschlecht, None, None, None, True, None)
                        )
                    else:
                        rows.append(
                            (BASIS, jahr, nr, gruppe, geschlecht, v, v - 2, v + 3, False, None)
                        )
    con.executemany("INSERT INTO fct_vorausberechnung VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute(
        "CREATE TABLE fct_vorausberechnung_fehler (stichtag DATE, stadtteil_nr VARCHAR, fehlergruppe VARCHAR, "
        "jahre_voraus INTEGER, basen INTEGER, mape DOUBLE, verzerrung DOUBLE)"
    )
    con.executemany(
        "INSERT INTO fct_vorausberechnung_fehler VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (BASIS, nr, gruppe, jahre, 3 - jahre, 0.5 + int(nr) * 0.1 + jahre * 0.7, 0.2)
            for nr in ["00", *bezirke]
            for gruppe in ("00-02", "03-05", "06-09", "10-17", "00-17", "alle")
            for jahre in (1, 2)
        ],
    )
    con.execute(
        "CREATE TABLE fct_vorausberechnung_annahmen (stichtag DATE, stadtteil_nr VARCHAR, parameter VARCHAR, "
        "wert DOUBLE, text VARCHAR, beschreibung VARCHAR)"
    )
    con.executemany(
        "INSERT INTO fct_vorausberechnung_annahmen VALUES (?, ?, ?, ?, ?, ?)",
        [
            (BASIS, "00", "jahre_voraus", 5, None, "Vorausberechnete Jahre nach dem Basisstichtag"),
            (
                BASIS,
                "00",
                "basisjahre",
                None,
                "2024",
                "Stichtage, deren Bewegungen die Raten bestimmen",
            ),
        ]
        + [
            (
                BASIS,
                nr,
                "geburtenziffer",
                1.3 + int(nr) / 50,
                None,
                "Zusammengefasste Geburtenziffer (Kinder je Frau)",
            )
            for nr in bezirke
        ]
        + [
            (
                BASIS,
                nr,
                "abgangsrate",
                4 + int(nr) / 4,
                None,
                "Abgänge (Fortzug oder Tod) je 100 Einwohner und Jahr",
            )
            for nr in bezirke
        ],
    )
    con.execute(
        "CREATE TABLE fct_bedarfe (stichtag DATE, zieljahr INTEGER, stadtteil_nr VARCHAR, bereich VARCHAR, "
        "kinder DOUBLE, quote DOUBLE, bedarf DOUBLE, zielquote DOUBLE, bedarf_ziel DOUBLE, plaetze BIGINT, "
        "fehlbedarf DOUBLE, fehlbedarf_ziel DOUBLE, hinweis VARCHAR)"
    )
    rows = []
    for jahr in ZIELJAHRE:
        for nr in ["00", *bezirke]:
            k = 30.4 + int(nr) * 5 + (jahr - BASIS.year)
            for bereich, quote, ziel, plaetze in (
                ("kita_1_2", 40.0, 50.0, 20),
                ("kita_3_5", 90.0, 95.0, 45),
                ("einschulung", None, None, None),
                ("hze", 20.0, None, None),
            ):
                ohne_quote = bereich == "kita_1_2" and nr == "06"
                q = None if ohne_quote else quote
                je = 1000 if bereich == "hze" else 100
                bedarf = k if bereich == "einschulung" else None if q is None else k * q / je
                fehl = None if bedarf is None or plaetze is None else bedarf - plaetze
                ziel_b = None if ziel is None else k * ziel / 100
                rows.append(
                    (
                        BASIS,
                        jahr,
                        nr,
                        bereich,
                        k,
                        q,
                        bedarf,
                        ziel,
                        ziel_b,
                        plaetze,
                        fehl,
                        None if ziel_b is None else ziel_b - plaetze,
                        "status_quo"
                        if bereich == "hze"
                        else "quote_nicht_veroeffentlicht"
                        if ohne_quote
                        else None,
                    )
                )
    con.executemany("INSERT INTO fct_bedarfe VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute(
        "CREATE TABLE fct_fruehwarnung (stichtag DATE, stadtteil_nr VARCHAR, warnung VARCHAR, indikator_id VARCHAR, "
        "begruendung VARCHAR)"
    )
    con.executemany("INSERT INTO fct_fruehwarnung VALUES (?, ?, ?, ?, ?)", WARNUNGEN)


def _wert(nr: str, indikator: str, jahr: int) -> float:
    return round(int(nr) * 1.7 + len(indikator) + (jahr - 2023) * 0.9, 3)


@pytest.fixture
def settings(tmp_path) -> Settings:
    settings = Settings.from_env(data_dir=tmp_path / "data", inbox=tmp_path / "inbox")
    settings.published_dir.mkdir(parents=True)
    gemeinde = load_gemeinde()
    teile = (
        [("00", f"{gemeinde.name} gesamt")]
        + [(t.nr, t.name) for t in gemeinde.stadtteile]
        + [("99", "nicht zuordenbar")]
    )
    with duckdb.connect(str(settings.published_db)) as con:
        con.execute("CREATE TABLE dim_stadtteil (stadtteil_nr VARCHAR, name VARCHAR)")
        con.executemany("INSERT INTO dim_stadtteil VALUES (?, ?)", teile)
        con.execute(
            "CREATE TABLE dim_indikator (indikator_id VARCHAR, thema VARCHAR, name VARCHAR, zaehler VARCHAR, "
            "nenner VARCHAR, einheit VARCHAR, quelle VARCHAR, aufschluesselung VARCHAR, richtung INTEGER, "
            "im_index VARCHAR)"
        )
        con.executemany(
            "INSERT INTO dim_indikator VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", INDIKATOREN
        )
        con.execute(
            "CREATE TABLE stand AS SELECT TIMESTAMP '2025-03-14 10:30:00' AS veroeffentlicht_um, "
            "DATE '2024-12-31' AS neuester_stichtag"
        )
        con.execute(
            "CREATE TABLE bezeichnungen (spalte VARCHAR, code VARCHAR, bezeichnung VARCHAR, "
            "erlaeuterung VARCHAR, reihenfolge INTEGER)"
        )
        con.executemany(
            "INSERT INTO bezeichnungen VALUES (?, ?, ?, NULL, ?)",
            [
                ("geschlecht", "m", "männlich", 1),
                ("geschlecht", "w", "weiblich", 2),
                ("geschlecht", "d", "divers", 3),
                ("herkunft", "deutsch_mit_migrationshinweis", "Deutsch mit Migrationshinweis", 2),
                ("hinweis", "nenner_null", "Nenner 0", 1),
            ],
        )
        con.execute(
            "CREATE TABLE freigaben (stichtag DATE, freigabe VARCHAR, grund VARCHAR, "
            "freigegebene_befunde VARCHAR[], freigegeben_um TIMESTAMP)"
        )
        con.executemany(
            "INSERT INTO freigaben VALUES (?, 'geprueft', NULL, NULL, NULL)",
            [(d,) for d in STICHTAGE],
        )
        con.execute(
            "CREATE TABLE fct_bevoelkerung (stichtag DATE, stadtteil_nr VARCHAR, altersgruppe VARCHAR, "
            "geschlecht VARCHAR, herkunft VARCHAR, einwohner INTEGER, gesperrt BOOLEAN)"
        )
        con.executemany(
            "INSERT INTO fct_bevoelkerung VALUES (?, ?, '00-02', 'w', 'deutsch', 50, false)",
            [(d, nr) for d in STICHTAGE for nr, _ in teile],
        )
        con.execute(
            "CREATE TABLE fct_indikatoren (stichtag DATE, stadtteil_nr VARCHAR, indikator_id VARCHAR, merkmal VARCHAR, "
            "auspraegung VARCHAR, zaehler DOUBLE, nenner DOUBLE, wert DOUBLE, einheit VARCHAR, gesperrt BOOLEAN, hinweis VARCHAR)"
        )
        rows = []
        for d in STICHTAGE:
            for nr, _ in teile:
                for ind, *_, einheit, _, _, _, _ in INDIKATOREN:
                    gesperrt = (nr, ind) == GESPERRT and d == STICHTAGE[-1]
                    fehlt = (nr, ind) == FEHLT[:2] and d == STICHTAGE[-1]
                    v = None if gesperrt or fehlt else _wert(nr, ind, d.year)
                    grund = FEHLT[2] if fehlt else None
                    rows.append(
                        (d, nr, ind, "gesamt", "gesamt", None, None, v, einheit, gesperrt, grund)
                    )
                    for merkmal, code in AUFSCHLUESSELUNG:
                        rows.append(
                            (
                                d,
                                nr,
                                ind,
                                merkmal,
                                code,
                                None,
                                None,
                                None if v is None else v + 1,
                                einheit,
                                gesperrt,
                                grund,
                            )
                        )
        con.executemany(
            "INSERT INTO fct_indikatoren VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )
        con.execute(
            "CREATE TABLE fct_sozialindex (stichtag DATE, stadtteil_nr VARCHAR, indexwert DOUBLE, klasse VARCHAR, "
            "veraenderung_vorjahr DOUBLE, handlungsbedarf BOOLEAN, z_sgb2_quote_u15 DOUBLE, z_kita_quote_u3 DOUBLE, "
            "anzahl_indikatoren INTEGER, hinweis VARCHAR)"
        )
        for i, d in enumerate(STICHTAGE):
            for t in gemeinde.stadtteile:
                if t.nr == OHNE_INDEX and i:
                    con.execute(
                        "INSERT INTO fct_sozialindex VALUES (?, ?, NULL, NULL, NULL, NULL, NULL, NULL, 1, ?)",
                        [d, t.nr, "zu_wenige_indikatoren"],
                    )
                    continue
                v = (int(t.nr) - 6) / 4 + i * 0.013 * int(t.nr)
                klasse = (
                    "sehr hoch"
                    if v >= 1
                    else "hoch"
                    if v >= 0.5
                    else "mittel"
                    if v > -0.5
                    else "niedrig"
                )
                change = 0.013 * int(t.nr) if i else None
                con.execute(
                    "INSERT INTO fct_sozialindex VALUES (?, ?, ?, ?, ?, ?, ?, ?, 2, NULL)",
                    [d, t.nr, v, klasse, change, klasse in ("hoch", "sehr hoch"), v, -v],
                )
        _ausblick(con, teile)
    return settings
