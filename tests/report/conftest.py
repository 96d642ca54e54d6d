"""A small published database with exactly the contract's tables, for building reports."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from sozialmonitor.gemeinde import load_gemeinde
from sozialmonitor.settings import Settings

STICHTAGE = (date(2023, 12, 31), date(2024, 12, 31))
INDIKATOREN = [
    # indikator_id, thema, name, einheit, richtung, im_index
    ("sgb2_quote_u15", "Einkommen", "SGB-II-Quote unter 15", "prozent", 1, "ja"),
    ("kita_quote_u3", "Kita und Schule", "Betreuungsquote unter 3", "prozent", -1, "ja"),
    ("bev_einwohner", "Demografie", "Einwohner", "anzahl", 0, "nein"),
]
#: The one suppressed cell: Stadtteil 06, sgb2_quote_u15, 2024.
GESPERRT = ("06", "sgb2_quote_u15")


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
            "CREATE TABLE dim_indikator (indikator_id VARCHAR, thema VARCHAR, name VARCHAR, einheit VARCHAR, "
            "richtung INTEGER, im_index VARCHAR)"
        )
        con.executemany("INSERT INTO dim_indikator VALUES (?, ?, ?, ?, ?, ?)", INDIKATOREN)
        con.execute(
            "CREATE TABLE fct_indikatoren (stichtag DATE, stadtteil_nr VARCHAR, indikator_id VARCHAR, merkmal VARCHAR, "
            "auspraegung VARCHAR, zaehler DOUBLE, nenner DOUBLE, wert DOUBLE, einheit VARCHAR, gesperrt BOOLEAN, hinweis VARCHAR)"
        )
        rows = []
        for d in STICHTAGE:
            for nr, _ in teile:
                for ind, _, _, einheit, _, _ in INDIKATOREN:
                    gesperrt = (nr, ind) == GESPERRT and d == STICHTAGE[-1]
                    v = None if gesperrt else _wert(nr, ind, d.year)
                    rows.append(
                        (d, nr, ind, "gesamt", "gesamt", None, None, v, einheit, gesperrt, None)
                    )
                    for sex in ("m", "w"):
                        rows.append(
                            (
                                d,
                                nr,
                                ind,
                                "geschlecht",
                                sex,
                                None,
                                None,
                                None if gesperrt else v + 1,
                                einheit,
                                gesperrt,
                                None,
                            )
                        )
        con.executemany(
            "INSERT INTO fct_indikatoren VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )
        con.execute(
            "CREATE TABLE fct_sozialindex (stichtag DATE, stadtteil_nr VARCHAR, indexwert DOUBLE, klasse VARCHAR, "
            "veraenderung_vorjahr DOUBLE, handlungsbedarf BOOLEAN, z_sgb2_quote_u15 DOUBLE, z_kita_quote_u3 DOUBLE)"
        )
        klassen = ["niedrig", "mittel", "hoch", "sehr hoch"]
        for i, d in enumerate(STICHTAGE):
            for t in gemeinde.stadtteile:
                v = (int(t.nr) - 6) / 4 + i * 0.1
                con.execute(
                    "INSERT INTO fct_sozialindex VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [d, t.nr, v, klassen[int(t.nr) % 4], 0.1 if i else None, v >= 0.5, v, -v],
                )
    return settings
