"""The small tables ("frames") the expectations run on, computed by DuckDB.

Microdata never reaches pandas: for a delivery DuckDB computes the distinct values, the
minimum and maximum, the empty and the duplicated values of the columns the suite's
expectations name, the share of quarantined rows and of district 99. An expectation on
such a frame is equivalent to the same expectation on every row (a value set holds for all
rows iff it holds for their distinct values; a range iff it holds for min and max). Result
suites query the small marts and indicator tables directly with the SQL in their file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import partial

import duckdb
import pandas as pd

from sozialmonitor.quality.erwartung import EXTREMWERTE, PLAUSIBILITAET
from sozialmonitor.quality.suites import Suite
from sozialmonitor.sql import bezeichner


@dataclass
class Frame:
    name: str
    df: pd.DataFrame
    #: Columns that identify a row in failure messages.
    schluessel: tuple[str, ...] = ()


class FrameError(RuntimeError):
    """A frame could not be computed (e.g. the table is missing): the suite cannot pass."""


def quote(identifier: str) -> str:
    """``raw.seu`` -> ``"raw"."seu"``: names come from the suite files, still quoted."""
    return bezeichner(*identifier.split("."))


def _params(sql: str, stichtag: date) -> dict:
    available = {"stichtag": stichtag, "vorjahr": date(stichtag.year - 1, 12, 31)}
    used = set(re.findall(r"\$(\w+)", sql))
    unknown = used - available.keys()
    if unknown:
        raise FrameError(
            f"unbekannte SQL-Parameter {sorted(unknown)}; vorhanden: {sorted(available)}"
        )
    return {name: available[name] for name in used}


def query(con: duckdb.DuckDBPyConnection, sql: str, stichtag: date) -> pd.DataFrame:
    try:
        return con.execute(sql, _params(sql, stichtag)).df()
    except duckdb.Error as error:
        raise FrameError(str(error).splitlines()[0]) from error


def _column_types(con, table: str, stichtag: date) -> pd.DataFrame:
    schema, name = table.split(".")
    return query(
        con,
        f"SELECT column_name AS spalte, data_type AS typ FROM information_schema.columns "
        f"WHERE table_schema = '{schema}' AND table_name = '{name}'",
        stichtag,
    )


def _checked_columns(con, suite: Suite, rahmen: str, stichtag: date) -> list[str]:
    """The columns the suite's expectations on a built-in frame look at, in order.

    Columns missing from the table are left out: their expectations then fail on their own
    ("column not found") and the type check names them, while the others still run.
    """
    present = set(_column_types(con, suite.tabelle, stichtag)["spalte"])
    seen: dict[str, None] = {}
    for erwartung in suite.erwartungen:
        column = erwartung.kwargs.get("column")
        if erwartung.rahmen == rahmen and column in present:
            seen[column] = None
    return list(seen)


def _spalten(con, suite: Suite, stichtag: date) -> Frame:
    """Expected against actual column types; a missing column has type ``fehlt``."""
    actual = _column_types(con, suite.tabelle, stichtag)
    expected = pd.DataFrame(
        {"spalte": list(suite.spalten), "erwartet": list(suite.spalten.values())}
    )
    df = expected.merge(actual, on="spalte", how="left")
    df["typ"] = df["typ"].astype(object).where(df["typ"].notna(), "fehlt")
    return Frame("spalten", df, ("spalte",))


def _aggregate(con, suite: Suite, rahmen: str, expression: str, stichtag: date) -> pd.DataFrame:
    """One row: ``expression`` (with ``{c}`` for the column) for every column named."""
    columns = _checked_columns(con, suite, rahmen, stichtag)
    if not columns:
        return pd.DataFrame()
    select = ", ".join(f"{expression.format(c=quote(c))} AS {quote(c)}" for c in columns)
    return query(
        con, f"SELECT {select} FROM {quote(suite.tabelle)} WHERE stichtag = $stichtag", stichtag
    )


def _werte(con, suite: Suite, stichtag: date) -> Frame:
    """Distinct non-empty values per column, padded with NULL to one frame."""
    row = _aggregate(
        con, suite, "werte", "list(DISTINCT {c}) FILTER (WHERE {c} IS NOT NULL)", stichtag
    )
    values = {
        c: pd.Series(row[c].iloc[0] if row[c].iloc[0] is not None else [], dtype=object)
        for c in row
    }
    return Frame("werte", pd.DataFrame(values))


def _extremwerte(con, suite: Suite, stichtag: date, rahmen: str = EXTREMWERTE) -> Frame:
    """Minimum and maximum of the columns named: the contract's ranges or, in frame
    ``plausibilitaet``, the stricter bands that only warn."""
    lowest = _aggregate(con, suite, rahmen, "min({c})", stichtag)
    highest = _aggregate(con, suite, rahmen, "max({c})", stichtag)
    df = pd.concat([lowest, highest], ignore_index=True)
    df.insert(0, "kennzahl", ["min", "max"][: len(df)])
    return Frame(rahmen, df, ("kennzahl",))


def _leerwerte(con, suite: Suite, stichtag: date) -> Frame:
    return Frame(
        "leerwerte", _aggregate(con, suite, "leerwerte", "count(*) - count({c})", stichtag)
    )


def _doppelte(con, suite: Suite, stichtag: date) -> Frame:
    """Per id column: how many ids occur more than once."""
    columns = _checked_columns(con, suite, "doppelte", stichtag)
    select = ", ".join(
        f"(SELECT count(*) FROM (SELECT 1 FROM {quote(suite.tabelle)} WHERE stichtag = $stichtag "
        f"AND {quote(c)} IS NOT NULL GROUP BY {quote(c)} HAVING count(*) > 1)) AS {quote(c)}"
        for c in columns
    )
    return Frame(
        "doppelte", query(con, f"SELECT {select}", stichtag) if columns else pd.DataFrame()
    )


def _umfang(con, suite: Suite, stichtag: date) -> Frame:
    """Rows loaded and quarantined (distinct file lines) of the accepted delivery."""
    sql = f"""
        WITH geladen AS (
            SELECT lade_id, count(*) AS zeilen FROM {quote(suite.tabelle)}
            WHERE stichtag = $stichtag GROUP BY lade_id
        ), zaehlung AS (
            SELECT
                coalesce((SELECT sum(zeilen) FROM geladen), 0) AS zeilen_geladen,
                (SELECT count(DISTINCT q.zeile) FROM raw.quarantaene AS q
                 JOIN geladen USING (lade_id)
                 WHERE q.quelle = '{suite.quelle}' AND q.stichtag = $stichtag) AS zeilen_quarantaene
        )
        SELECT zeilen_geladen, zeilen_quarantaene,
               100.0 * zeilen_quarantaene / nullif(zeilen_geladen + zeilen_quarantaene, 0)
                   AS anteil_quarantaene_prozent
        FROM zaehlung
    """
    return Frame("umfang", query(con, sql, stichtag))


def _stadtteil_99(con, suite: Suite, stichtag: date) -> Frame:
    """Rows of the assignment view and the share that could not be assigned to a district."""
    model = suite.zuordnung["modell"]
    condition = suite.zuordnung.get("filter")
    sql = f"""
        SELECT count(*) AS zeilen,
               count(*) FILTER (WHERE stadtteil_nr = '99') AS zeilen_99,
               100.0 * count(*) FILTER (WHERE stadtteil_nr = '99') / nullif(count(*), 0)
                   AS anteil_99_prozent
        FROM {quote(model)}
        WHERE stichtag = $stichtag {f"AND ({condition})" if condition else ""}
    """
    return Frame("stadtteil_99", query(con, sql, stichtag))


#: The built-in frames, each built by the function of its (German) name.
BUILTIN = {
    "spalten": _spalten,
    "werte": _werte,
    EXTREMWERTE: _extremwerte,
    PLAUSIBILITAET: partial(_extremwerte, rahmen=PLAUSIBILITAET),
    "leerwerte": _leerwerte,
    "doppelte": _doppelte,
    "umfang": _umfang,
    "stadtteil_99": _stadtteil_99,
}


def build_frame(con: duckdb.DuckDBPyConnection, suite: Suite, name: str, stichtag: date) -> Frame:
    if name in suite.rahmen:
        spec = suite.rahmen[name]
        return Frame(name, query(con, spec.sql, stichtag), spec.schluessel)
    if name not in BUILTIN:
        raise FrameError(
            f"Rahmen {name!r} ist weder eingebaut ({', '.join(BUILTIN)}) noch unter [rahmen] deklariert"
        )
    return BUILTIN[name](con, suite, stichtag)


def lieferdateien(con: duckdb.DuckDBPyConnection, suite: Suite, stichtag: date) -> str | None:
    """The delivered file(s) the raw rows of this Stichtag came from, for messages."""
    if not suite.quelle:
        return None
    try:
        df = query(
            con,
            f"SELECT string_agg(DISTINCT datei, ', ') AS dateien FROM raw.ladeprotokoll "
            f"WHERE lade_id IN (SELECT lade_id FROM {quote(suite.tabelle)} WHERE stichtag = $stichtag)",
            stichtag,
        )
    except FrameError:
        return None
    return df["dateien"].iloc[0] or None
