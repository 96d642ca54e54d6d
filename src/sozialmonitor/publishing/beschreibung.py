"""The published file describes itself: a comment on every table, view and column.

Tables take the descriptions of their dbt models (models/publish/_publish__models.yml), so the dbt
docs and the file say the same; views and ``stand`` take theirs from the contract (vertrag). A BI
tool shows them from ``duckdb_tables()``, ``duckdb_views()`` and ``duckdb_columns()``.
"""

from __future__ import annotations

from functools import cache

import duckdb
import yaml

from sozialmonitor.publishing.vertrag import (
    FREIGABEN,
    FREIGABEN_BESCHREIBUNG,
    SICHT_BESCHREIBUNGEN,
    STAND,
    STAND_BESCHREIBUNG,
    TABELLEN,
    Z_PRAEFIX,
)
from sozialmonitor.settings import PROJECT_DIR
from sozialmonitor.sql import bezeichner, literal

MODELLE = PROJECT_DIR / "models" / "publish" / "_publish__models.yml"


@cache
def modell_beschreibungen() -> dict[str, tuple[str, dict[str, str]]]:
    """dbt model -> (its description, column -> description), whitespace of YAML folding removed."""
    with open(MODELLE, encoding="utf-8") as handle:
        modelle = yaml.safe_load(handle)["models"]
    return {
        m["name"]: (
            " ".join(m["description"].split()),
            {c["name"]: " ".join(c["description"].split()) for c in m.get("columns", [])},
        )
        for m in modelle
    }


def _spalten(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    return [
        c
        for (c,) in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
            "AND table_name = ? ORDER BY column_index",
            [name],
        ).fetchall()
    ]


def beschreibe(con: duckdb.DuckDBPyConnection) -> None:
    """Comment every published table, view and column (``con`` uses the new file)."""
    modelle = modell_beschreibungen()
    tabellen = {t: modelle[m] for t, m in TABELLEN.items()} | {
        STAND: STAND_BESCHREIBUNG,
        FREIGABEN: FREIGABEN_BESCHREIBUNG,
    }
    indikatoren = dict(con.execute("SELECT indikator_id, name FROM dim_indikator").fetchall())
    for tabelle, (text, spalten) in tabellen.items():
        con.execute(f"COMMENT ON TABLE {bezeichner(tabelle)} IS {literal(text)}")
        for spalte in _spalten(con, tabelle):
            if spalte in spalten:
                con.execute(
                    f"COMMENT ON COLUMN {bezeichner(tabelle, spalte)} IS {literal(spalten[spalte])}"
                )
            elif spalte.startswith(Z_PRAEFIX) and spalte[len(Z_PRAEFIX) :] in indikatoren:
                name = indikatoren[spalte[len(Z_PRAEFIX) :]]
                con.execute(
                    f"COMMENT ON COLUMN {bezeichner(tabelle, spalte)} IS "
                    + literal(
                        f"z-Wert von „{name}“ unter den Stadtteilen: richtung × (Wert − Mittelwert) / "
                        "Standardabweichung, positiv = mehr Bedarf als im Mittel."
                    )
                )
    # a view's column without its own description says what its namesake in a table says
    namensvettern: dict[str, str] = {}
    for _, spalten in tabellen.values():
        for spalte, text in spalten.items():
            namensvettern.setdefault(spalte, text)
    for sicht, (text, spalten) in SICHT_BESCHREIBUNGEN.items():
        con.execute(f"COMMENT ON VIEW {bezeichner(sicht)} IS {literal(text)}")
        for spalte in _spalten(con, sicht):
            if beschreibung := spalten.get(spalte) or namensvettern.get(spalte):
                con.execute(
                    f"COMMENT ON COLUMN {bezeichner(sicht, spalte)} IS {literal(beschreibung)}"
                )
