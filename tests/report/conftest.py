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
    return settings
