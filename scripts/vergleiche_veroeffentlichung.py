"""Compare two published Sozialmonitor databases table by table.

A structural change (models moved, macros split, style fixes) must leave the published numbers
unchanged. This compares two release files: the same tables, the same columns with the same
types in the same order, and the same rows (as a multiset, so row order does not matter). The
release time ``stand.veroeffentlicht_um`` differs between any two builds and is left out.

    python scripts/vergleiche_veroeffentlichung.py vorher.duckdb nachher.duckdb [--toleranz 1e-12]

Exit status 0 when the files match, 1 with one line per difference otherwise. With
``--toleranz`` a table whose rows differ only in DOUBLE values within that relative tolerance
counts as matching and is named as such: DuckDB sums floating-point numbers in parallel, so
two builds of the same data may differ in the last bits of a double.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

# Columns that differ between two builds of the same data by design: (table, column).
IGNORIERT = {("stand", "veroeffentlicht_um")}

Spalten = list[tuple[str, str]]


def _tabellen(con: duckdb.DuckDBPyConnection, katalog: str) -> dict[str, Spalten]:
    """Every table of ``katalog`` as schema.table -> [(column, type), ...] in column order."""
    zeilen = con.execute(
        "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_catalog = ? ORDER BY table_schema, table_name, ordinal_position",
        [katalog],
    ).fetchall()
    tabellen: dict[str, Spalten] = {}
    for schema, tabelle, spalte, typ in zeilen:
        tabellen.setdefault(f"{schema}.{tabelle}", []).append((spalte, typ))
    return tabellen


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _relation(katalog: str, tabelle: str, spalten: Spalten) -> str:
    schema, name = tabelle.split(".", 1)
    liste = ", ".join(_quote(s) for s, _ in spalten)
    return f"SELECT {liste} FROM {_quote(katalog)}.{_quote(schema)}.{_quote(name)}"


def _zeilen_unterschiede(
    con: duckdb.DuckDBPyConnection, tabelle: str, spalten: Spalten
) -> tuple[int, int]:
    """Rows only in a / only in b, counted with multiplicity (EXCEPT ALL)."""
    a, b = _relation("a", tabelle, spalten), _relation("b", tabelle, spalten)

    def anzahl(sql: str) -> int:
        return con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]

    return anzahl(f"{a} EXCEPT ALL {b}"), anzahl(f"{b} EXCEPT ALL {a}")


def _ausserhalb_toleranz(
    con: duckdb.DuckDBPyConnection, tabelle: str, spalten: Spalten, toleranz: float
) -> int:
    """Rows that differ beyond ``toleranz`` once both sides are sorted the same way.

    Both tables are sorted by all columns, left to right (keys such as stichtag and
    stadtteil_nr come first), and compared row by row: DOUBLE values relatively within the
    tolerance, everything else exactly. Rows that a rounding difference sorts apart count as
    different, so the check can only err towards reporting a difference."""

    reihenfolge = ", ".join(_quote(s) for s, _ in spalten)

    def nummeriert(katalog: str) -> str:
        return (
            f"SELECT row_number() OVER (ORDER BY {reihenfolge}) AS _nr, * "
            f"FROM ({_relation(katalog, tabelle, spalten)})"
        )

    bedingungen = []
    for spalte, typ in spalten:
        x, y = f"a_.{_quote(spalte)}", f"b_.{_quote(spalte)}"
        if typ == "DOUBLE":
            bedingungen.append(
                f"(({x} IS NULL AND {y} IS NULL) OR "
                f"abs({x} - {y}) <= {toleranz!r} * greatest(abs({x}), abs({y}), 1e-300))"
            )
        else:
            bedingungen.append(f"{x} IS NOT DISTINCT FROM {y}")
    return con.execute(
        f"SELECT count(*) FROM ({nummeriert('a')}) AS a_ FULL JOIN ({nummeriert('b')}) AS b_ "
        f"USING (_nr) WHERE NOT coalesce({' AND '.join(bedingungen)}, false)"
    ).fetchone()[0]


def vergleiche(datei_a: Path, datei_b: Path, toleranz: float | None = None) -> tuple[list, list]:
    """(differences, tables equal only within the tolerance), one sentence each."""
    con = duckdb.connect()
    con.execute("ATTACH ? AS a (READ_ONLY)", [str(datei_a)])
    con.execute("ATTACH ? AS b (READ_ONLY)", [str(datei_b)])
    tabellen_a, tabellen_b = _tabellen(con, "a"), _tabellen(con, "b")
    unterschiede = [f"Tabelle {t} nur in {datei_a}" for t in sorted(tabellen_a.keys() - tabellen_b)]
    unterschiede += [
        f"Tabelle {t} nur in {datei_b}" for t in sorted(tabellen_b.keys() - tabellen_a)
    ]
    gerundet = []
    for tabelle in sorted(tabellen_a.keys() & tabellen_b.keys()):
        if tabellen_a[tabelle] != tabellen_b[tabelle]:
            unterschiede.append(
                f"Tabelle {tabelle}: Spalten {tabellen_a[tabelle]} gegen {tabellen_b[tabelle]}"
            )
            continue
        name = tabelle.split(".", 1)[1]
        spalten = [(s, t) for s, t in tabellen_a[tabelle] if (name, s) not in IGNORIERT]
        nur_a, nur_b = _zeilen_unterschiede(con, tabelle, spalten)
        if not (nur_a or nur_b):
            continue
        meldung = f"Tabelle {tabelle}: {nur_a} Zeilen nur in {datei_a}, {nur_b} nur in {datei_b}"
        if toleranz is not None and not _ausserhalb_toleranz(con, tabelle, spalten, toleranz):
            gerundet.append(f"{meldung} – alle nur in DOUBLE-Werten, relativ höchstens {toleranz}")
        else:
            unterschiede.append(meldung)
    return unterschiede, gerundet


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("vorher", type=Path)
    parser.add_argument("nachher", type=Path)
    parser.add_argument("--toleranz", type=float, help="relative tolerance for DOUBLE values")
    args = parser.parse_args(argv)
    unterschiede, gerundet = vergleiche(args.vorher, args.nachher, args.toleranz)
    for zeile in unterschiede + gerundet:
        print(zeile)
    if not unterschiede:
        con = duckdb.connect(str(args.vorher), read_only=True)
        anzahl = len(_tabellen(con, con.execute("SELECT current_database()").fetchone()[0]))
        genau = anzahl - len(gerundet)
        print(f"Gleich: {anzahl} Tabellen, {genau} davon Zeile für Zeile exakt.")
    return 1 if unterschiede else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
