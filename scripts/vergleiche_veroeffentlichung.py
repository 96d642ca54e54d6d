"""Compare two published Sozialmonitor databases table by table.

A structural change (models moved, macros split, style fixes) must leave the published numbers
unchanged. This compares two release files: the same tables, the same columns with the same
types in the same order, and the same rows (as a multiset, so row order does not matter). The
release time ``stand.veroeffentlicht_um`` differs between any two builds and is left out.

    python scripts/vergleiche_veroeffentlichung.py vorher.duckdb nachher.duckdb

Exit status 0 when the files match, 1 with one line per difference otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

# Columns that differ between two builds of the same data by design: (table, column).
IGNORIERT = {("stand", "veroeffentlicht_um")}


def _tabellen(con: duckdb.DuckDBPyConnection, katalog: str) -> dict[str, list[tuple[str, str]]]:
    """Every table of ``katalog`` as schema.table -> [(column, type), ...] in column order."""
    zeilen = con.execute(
        "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_catalog = ? ORDER BY table_schema, table_name, ordinal_position",
        [katalog],
    ).fetchall()
    tabellen: dict[str, list[tuple[str, str]]] = {}
    for schema, tabelle, spalte, typ in zeilen:
        tabellen.setdefault(f"{schema}.{tabelle}", []).append((spalte, typ))
    return tabellen


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _zeilen_unterschiede(
    con: duckdb.DuckDBPyConnection, tabelle: str, spalten: list[str]
) -> tuple[int, int]:
    """Rows only in a / only in b, counted with multiplicity (EXCEPT ALL)."""
    schema, name = tabelle.split(".", 1)
    liste = ", ".join(_quote(s) for s in spalten)

    def relation(katalog: str) -> str:
        return f"SELECT {liste} FROM {_quote(katalog)}.{_quote(schema)}.{_quote(name)}"

    nur_a = con.execute(f"SELECT count(*) FROM ({relation('a')} EXCEPT ALL {relation('b')})")
    nur_b = con.execute(f"SELECT count(*) FROM ({relation('b')} EXCEPT ALL {relation('a')})")
    return nur_a.fetchone()[0], nur_b.fetchone()[0]


def vergleiche(datei_a: Path, datei_b: Path) -> list[str]:
    """Differences between two published databases, one sentence each; empty when identical."""
    con = duckdb.connect()
    con.execute("ATTACH ? AS a (READ_ONLY)", [str(datei_a)])
    con.execute("ATTACH ? AS b (READ_ONLY)", [str(datei_b)])
    tabellen_a, tabellen_b = _tabellen(con, "a"), _tabellen(con, "b")
    unterschiede = [f"Tabelle {t} nur in {datei_a}" for t in sorted(tabellen_a.keys() - tabellen_b)]
    unterschiede += [
        f"Tabelle {t} nur in {datei_b}" for t in sorted(tabellen_b.keys() - tabellen_a)
    ]
    for tabelle in sorted(tabellen_a.keys() & tabellen_b.keys()):
        if tabellen_a[tabelle] != tabellen_b[tabelle]:
            unterschiede.append(
                f"Tabelle {tabelle}: Spalten {tabellen_a[tabelle]} gegen {tabellen_b[tabelle]}"
            )
            continue
        name = tabelle.split(".", 1)[1]
        spalten = [s for s, _ in tabellen_a[tabelle] if (name, s) not in IGNORIERT]
        nur_a, nur_b = _zeilen_unterschiede(con, tabelle, spalten)
        if nur_a or nur_b:
            unterschiede.append(
                f"Tabelle {tabelle}: {nur_a} Zeilen nur in {datei_a}, {nur_b} nur in {datei_b}"
            )
    return unterschiede


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print(
            "Aufruf: vergleiche_veroeffentlichung.py VORHER.duckdb NACHHER.duckdb", file=sys.stderr
        )
        return 2
    datei_a, datei_b = (Path(p) for p in argv)
    unterschiede = vergleiche(datei_a, datei_b)
    for unterschied in unterschiede:
        print(unterschied)
    if not unterschiede:
        con = duckdb.connect(str(datei_a), read_only=True)
        anzahl = len(_tabellen(con, con.execute("SELECT current_database()").fetchone()[0]))
        print(f"Gleich: {anzahl} Tabellen mit gleichen Spalten, Typen und Zeilen.")
    return 1 if unterschiede else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
