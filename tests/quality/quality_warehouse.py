"""A small, clean warehouse built directly in DuckDB, shaped like the one landing and dbt write.

It holds two Stichtage (2023, 2024) with raw tables as in docs/architecture.md, the
assignment views the zuordnung suites read, the population cube, the indicators and the
social index; every suite passes on it. Tests corrupt a copy and assert which expectation
fails. (End-to-end runs on generated deliveries are in test_generated.py.)
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb

from sozialmonitor.gemeinde import SEEDS_DIR
from sozialmonitor.quality import SUITES
from sozialmonitor.settings import Settings

STICHTAG = date(2024, 12, 31)
VORJAHR = date(2023, 12, 31)
#: Residents per Stichtag: 11 districts x 100 (2024) and x 98 (2023): a 2 % change.
EINWOHNER = {STICHTAG: 100, VORJAHR: 98}

_PERSON = "geb_jahr SMALLINT, geb_monat TINYINT, geschlecht VARCHAR"
_ADRESSE = "str_schl VARCHAR, hnr INTEGER, hnr_zus VARCHAR"
_HEAD = "stichtag DATE, lade_id VARCHAR, zeile INTEGER"

RAW_DDL = {
    "ewo_einwohner": f"pers_pseudonym VARCHAR, hh_pseudonym VARCHAR, {_PERSON}, staatsang_1 VARCHAR, "
    f"staatsang_2 VARCHAR, geburtsland VARCHAR, einbuergerung VARCHAR, {_ADRESSE}, zuzug_datum DATE",
    "kataster_adressen": "str_schl VARCHAR, str_name VARCHAR, hnr INTEGER, hnr_zus VARCHAR, stadtteil_nr VARCHAR, "
    "wohnungen INTEGER, wohnflaeche_qm DOUBLE, gef_wohnungen INTEGER",
    "sgb2_stadtteile": "stadtteil_bezeichnung VARCHAR, stadtteil_nr VARCHAR, bedarfsgemeinschaften VARCHAR, "
    "regelleistungsberechtigte VARCHAR, elb VARCHAR, elb_frauen VARCHAR, elb_auslaender VARCHAR, "
    "elb_15_bis_24 VARCHAR, elb_langzeit VARCHAR, nef VARCHAR, nef_unter_15 VARCHAR",
    "kita_kinder": f"kind_pseudonym VARCHAR, {_PERSON}, wohnort_ags VARCHAR, {_ADRESSE}, einrichtung_nr VARCHAR, "
    "betreuungsart VARCHAR, wochenstunden SMALLINT, aufnahme_datum DATE",
    "einrichtungen": f"einrichtung_nr VARCHAR, typ VARCHAR, name VARCHAR, traeger VARCHAR, {_ADRESSE}, "
    "plaetze INTEGER, plaetze_u3 INTEGER",
    "hze_faelle": f"fall_pseudonym VARCHAR, {_PERSON}, {_ADRESSE}, hilfeart VARCHAR, beginn DATE, ende DATE",
    "seu": f"unters_pseudonym VARCHAR, {_PERSON}, {_ADRESSE}, unters_datum DATE, groesse_cm DOUBLE, "
    "gewicht_kg DOUBLE, gewichtsklasse TINYINT, deutsch_foerderbedarf VARCHAR, masern_impfung TINYINT, "
    "u9_vorgelegt VARCHAR, kita_jahre DOUBLE",
    "schuluebergaenge": f"schueler_pseudonym VARCHAR, {_PERSON}, {_ADRESSE}, grundschule_nr VARCHAR, schulform VARCHAR",
    "wohngeld": f"wg_fall_pseudonym VARCHAR, {_ADRESSE}, haushalt_personen SMALLINT, kinder_unter_18 SMALLINT, "
    "wohngeld_eur DOUBLE, art VARCHAR, bewilligt_ab DATE, bewilligt_bis DATE",
}

# Row i of a person-level source lives in district 1 + i % 11 at street key 000DD, house 1 + i % 7.
_ADR = "lpad((1 + i % 11)::VARCHAR, 5, '0'), (1 + i % 7)::INTEGER, NULL"
_PERS = "(year(d) - 30 + i % 20)::SMALLINT, (1 + i % 12)::TINYINT, ['m', 'w', 'd', 'x'][1 + i % 4]"
_KIND = "(year(d) - 6)::SMALLINT, (1 + i % 12)::TINYINT, ['m', 'w'][1 + i % 2]"

RAW_SELECT = {
    "ewo_einwohner": (
        "n",
        (
            f"'P' || i, 'H' || (i // 2), {_PERS}, CASE WHEN i % 5 = 0 THEN 'TR' ELSE 'DE' END, "
            f"NULL, 'DE', 'N', {_ADR}, NULL"
        ),
    ),
    "kataster_adressen": (
        "77",
        (
            "lpad((1 + i % 11)::VARCHAR, 5, '0'), 'Straße ' || (1 + i % 11), "
            "(1 + i // 11)::INTEGER, NULL, lpad((1 + i % 11)::VARCHAR, 2, '0'), 4, 310.5, 1"
        ),
    ),
    "kita_kinder": (
        "200",
        (
            f"'K' || i, {_KIND}, '05562012', {_ADR}, 'E' || (i % 5), 'KITA', [25, 35, 45][1 + i % 3], "
            "d - 300"
        ),
    ),
    "einrichtungen": (
        "22",
        (
            f"'E' || i, ['KITA', 'GRUNDSCHULE', 'SPIELPLATZ'][1 + i % 3], 'Einrichtung ' || i, "
            f"'Stadt', {_ADR}, 60, 10"
        ),
    ),
    "hze_faelle": (
        "110",
        f"'F' || i, {_KIND}, {_ADR}, ['29', '31', '33', '35a'][1 + i % 4], d - 200, NULL",
    ),
    "seu": (
        "150",
        (
            f"'U' || i, {_KIND}, {_ADR}, d - 100, 110 + i % 20, 18 + i % 10, (1 + i % 5)::TINYINT, "
            "['J', 'N'][1 + i % 2], [0, 1, 2, 9][1 + i % 4]::TINYINT, 'J', 3.0"
        ),
    ),
    "schuluebergaenge": ("120", f"'S' || i, {_KIND}, {_ADR}, 'E1', ['GY', 'GE', 'RS'][1 + i % 3]"),
    "wohngeld": (
        "90",
        (
            f"'W' || i, {_ADR}, (1 + i % 5)::SMALLINT, (i % 3)::SMALLINT, 150.0 + i, "
            "['MIETZUSCHUSS', 'LASTENZUSCHUSS'][1 + i % 2], d - 100, d + 200"
        ),
    ),
}


def _raw(con: duckdb.DuckDBPyConnection, stichtag: date) -> None:
    n = 11 * EINWOHNER[stichtag]
    for source, (count, select) in RAW_SELECT.items():
        lade_id = f"{source}-{stichtag.year}"
        con.execute(
            f"INSERT INTO raw.{source} SELECT d, '{lade_id}', (i + 2)::INTEGER, {select} "
            f"FROM range({count.replace('n', str(n))}) AS t(i), (SELECT DATE '{stichtag}' AS d)"
        )
        con.execute(
            "INSERT INTO raw.ladeprotokoll VALUES (?, ?, ?, ?, 'geladen')",
            [lade_id, stichtag, source, f"{source}_{stichtag.year}.csv"],
        )
    # SGB II: districts with 30 ELB each ("*" in district 11, so the total row is 302 + 1..2).
    rows = [(f"Teil {nr:02d}", f"{nr:02d}", "*" if nr == 11 else "30") for nr in range(1, 12)]
    rows.append(("Dorsten insgesamt", "00", "301"))
    for zeile, (name, nr, elb) in enumerate(rows, start=6):
        con.execute(
            "INSERT INTO raw.sgb2_stadtteile VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                stichtag,
                f"sgb2_stadtteile-{stichtag.year}",
                zeile,
                name,
                nr,
                "-",
                "-",
                elb,
                "-",
                "-",
                "-",
                "-",
                "-",
                "-",
            ],
        )
    con.execute(
        "INSERT INTO raw.ladeprotokoll VALUES (?, ?, 'sgb2_stadtteile', ?, 'geladen')",
        [f"sgb2_stadtteile-{stichtag.year}", stichtag, f"sgb2_stadtteile_{stichtag.year}12.xlsx"],
    )


def _zuordnung(con: duckdb.DuckDBPyConnection) -> None:
    """The relations of the zuordnung suites: every row assigned through the address register."""
    con.execute("CREATE SCHEMA IF NOT EXISTS intermediate")
    for suite in SUITES:
        if not suite.zuordnung:
            continue
        con.execute(
            f"CREATE TABLE {suite.zuordnung['modell']} AS "
            f"SELECT r.*, coalesce(a.stadtteil_nr, '99') AS stadtteil_nr_zugeordnet, "
            f"CASE WHEN a.stadtteil_nr IS NULL THEN 'nicht_zuordenbar' ELSE 'exakt' END AS adresszuordnung "
            f"FROM raw.{suite.quelle} AS r LEFT JOIN (SELECT DISTINCT stichtag, str_schl, stadtteil_nr "
            f"FROM raw.kataster_adressen) AS a USING (stichtag, str_schl)"
        )
        con.execute(
            f"ALTER TABLE {suite.zuordnung['modell']} RENAME stadtteil_nr_zugeordnet TO stadtteil_nr"
        )


def _results(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA marts; CREATE SCHEMA indicators")
    con.execute(
        """
        CREATE TABLE marts.fct_bevoelkerung AS
        SELECT e.stichtag, a.stadtteil_nr, '25-44' AS altersgruppe, e.geschlecht, 'deutsch' AS herkunft,
               count(*) AS einwohner
        FROM raw.ewo_einwohner AS e
        JOIN (SELECT DISTINCT stichtag, str_schl, stadtteil_nr FROM raw.kataster_adressen) AS a
          USING (stichtag, str_schl)
        GROUP BY ALL
        """
    )
    con.execute(
        """
        CREATE TABLE indicators.ind_indikatoren AS
        WITH teile AS (
            SELECT '00' AS stadtteil_nr UNION ALL SELECT stadtteil_nr FROM seeds.stadtteile
            UNION ALL SELECT '99'
        ), einwohner AS (
            SELECT stichtag, stadtteil_nr, sum(einwohner) AS n FROM marts.fct_bevoelkerung GROUP BY ALL
            UNION ALL SELECT stichtag, '00', sum(einwohner) FROM marts.fct_bevoelkerung GROUP BY ALL
        )
        SELECT s.stichtag, t.stadtteil_nr, i.indikator_id, 'gesamt' AS merkmal, 'gesamt' AS auspraegung,
               CASE WHEN i.indikator_id = 'bev_einwohner' THEN coalesce(e.n, 0) ELSE 10 END AS zaehler,
               CASE WHEN i.einheit = 'anzahl' THEN NULL ELSE 100 END AS nenner,
               CASE WHEN i.indikator_id = 'bev_einwohner' THEN coalesce(e.n, 0) ELSE 10 END AS wert,
               i.einheit, NULL AS hinweis
        FROM (SELECT DISTINCT stichtag FROM raw.ewo_einwohner) AS s
        CROSS JOIN teile AS t CROSS JOIN seeds.indikatoren AS i
        LEFT JOIN einwohner AS e ON e.stichtag = s.stichtag AND e.stadtteil_nr = t.stadtteil_nr
        WHERE t.stadtteil_nr <> '99' OR NOT (contains(i.quelle, 'sgb2') OR starts_with(i.indikator_id, 'wohn_')
              OR starts_with(i.indikator_id, 'infra_') OR i.indikator_id = 'kita_plaetze_je_100_u6')
        """
    )
    con.execute(
        "CREATE TABLE indicators.ind_indikatoren_geheimhaltung AS "
        "SELECT *, false AS gesperrt FROM indicators.ind_indikatoren"
    )
    con.execute(
        """
        CREATE TABLE indicators.ind_sozialindex AS
        SELECT s.stichtag, t.stadtteil_nr, 0.1 AS indexwert, 'mittel' AS klasse,
               0.0 AS veraenderung_vorjahr, false AS handlungsbedarf
        FROM (SELECT DISTINCT stichtag FROM raw.ewo_einwohner) AS s CROSS JOIN seeds.stadtteile AS t
        """
    )


def build_warehouse(path: Path) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE SCHEMA raw; CREATE SCHEMA seeds")
        for name in ("gemeinde", "stadtteile", "indikatoren"):
            con.execute(
                f"CREATE TABLE seeds.{name} AS SELECT * FROM read_csv(?, delim = ';', header = true, all_varchar = true)",
                [str(SEEDS_DIR / f"{name}.csv")],
            )
        for source, columns in RAW_DDL.items():
            con.execute(f"CREATE TABLE raw.{source} ({_HEAD}, {columns})")
        con.execute(
            "CREATE TABLE raw.ladeprotokoll (lade_id VARCHAR, stichtag DATE, quelle VARCHAR, datei VARCHAR, status VARCHAR)"
        )
        con.execute(
            "CREATE TABLE raw.quarantaene (lade_id VARCHAR, stichtag DATE, quelle VARCHAR, datei VARCHAR, "
            "zeile INTEGER, regel VARCHAR, spalte VARCHAR, wert VARCHAR, meldung VARCHAR, datensatz JSON)"
        )
        for stichtag in EINWOHNER:
            _raw(con, stichtag)
        _zuordnung(con)
        _results(con)
    return path


def copy_warehouse(source: Path, data_dir: Path) -> Settings:
    """A data folder holding a copy of ``source`` as its warehouse."""
    data_dir.mkdir(parents=True)
    shutil.copy(source, data_dir / "warehouse.duckdb")
    return Settings.from_env(data_dir=data_dir)
