"""An attacker on the published file: can a suppressed district value be solved back?

z = richtung × (wert − m) / s is linear in wert. From two published (wert, z) pairs of one
indicator and Stichtag an attacker solves wert = a + b·z and reads every hidden value whose
z is published. An index value that is not the mean of the published z-scores hides one, and
with a single z missing the index gives it away. The publish audit runs this attacker; it
must recover nothing (indicators.md: nothing published may let a suppressed value be solved).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import duckdb

from sozialmonitor.publishing.vertrag import Z_PRAEFIX

#: Rounding noise of DOUBLE arithmetic, far below any published precision.
TOLERANZ = 1e-9


@dataclass(frozen=True)
class Aufgedeckt:
    """A hidden value the attacker solved: where, the value, and how."""

    stichtag: date
    stadtteil_nr: str
    indikator_id: str
    wert: float | None
    weg: str

    def __str__(self) -> str:
        wert = "" if self.wert is None else f" = {self.wert:.6g}"
        return (
            f"{self.indikator_id} {self.stadtteil_nr} {self.stichtag:%d.%m.%Y}{wert} ({self.weg})"
        )


def _z_spalten(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    return [
        spalte
        for (spalte,) in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = ? "
            "AND table_name = 'fct_sozialindex' AND starts_with(column_name, ?) ORDER BY column_index",
            [schema, Z_PRAEFIX],
        ).fetchall()
    ]


def _gerade(paare: list[tuple[float, float]]) -> tuple[float, float] | None:
    """wert = a + b·z through every published pair, or None when they do not fix one line."""
    verschieden = {(round(w, 9), round(z, 9)) for w, z in paare}
    if len(verschieden) < 2:
        return None
    (w1, z1), (w2, z2) = min(verschieden), max(verschieden)
    if abs(z1 - z2) < TOLERANZ:
        return None
    b = (w1 - w2) / (z1 - z2)
    a = w1 - b * z1
    if any(abs(a + b * z - w) > 1e-6 * max(1.0, abs(w)) for w, z in paare):
        return None
    return a, b


#: Key of a published value: Stichtag, district, indicator.
Schluessel = tuple[date, str, str]


def angriff(con: duckdb.DuckDBPyConnection, schema: str = "neu") -> list[Aufgedeckt]:
    """Every hidden index-indicator value that the published file ``schema`` gives away."""
    z_spalten = _z_spalten(con, schema)
    if not z_spalten:
        return []
    indikatoren = [s.removeprefix(Z_PRAEFIX) for s in z_spalten]
    zeilen, werte = _lies(con, schema, z_spalten, indikatoren)
    geraden = _geraden(zeilen, werte, indikatoren)
    aufgedeckt = []
    for stichtag, nr, indexwert, *zs in zeilen:
        z_werte = dict(zip(indikatoren, zs, strict=True))
        aufgedeckt += _aus_z_werten(stichtag, nr, z_werte, werte, geraden)
        aufgedeckt += _aus_indexwert(stichtag, nr, indexwert, z_werte, geraden)
    return aufgedeckt


def _lies(
    con: duckdb.DuckDBPyConnection, schema: str, z_spalten: list[str], indikatoren: list[str]
) -> tuple[list[tuple], dict[Schluessel, float | None]]:
    """The index rows (Stichtag, district, index value, z-scores) and the published values."""
    # schema and z columns come from our own contract and catalogue, quoted as identifiers
    spalten = ", ".join(f's."{z}"::DOUBLE' for z in z_spalten)
    zeilen = con.execute(
        f"SELECT s.stichtag, s.stadtteil_nr, s.indexwert::DOUBLE, {spalten} "
        f'FROM "{schema}".fct_sozialindex s'
    ).fetchall()
    werte = {
        (stichtag, nr, indikator): wert
        for stichtag, nr, indikator, wert in con.execute(
            f'SELECT stichtag, stadtteil_nr, indikator_id, wert::DOUBLE FROM "{schema}".fct_indikatoren '
            "WHERE merkmal = 'gesamt' AND indikator_id IN (SELECT unnest(?))",
            [indikatoren],
        ).fetchall()
    }
    return zeilen, werte


def _geraden(
    zeilen: list[tuple], werte: dict[Schluessel, float | None], indikatoren: list[str]
) -> dict[tuple[date, str], tuple[float, float] | None]:
    """Per Stichtag and indicator, the line through its published (wert, z) pairs."""
    paare: dict[tuple[date, str], list[tuple[float, float]]] = defaultdict(list)
    for stichtag, nr, _, *zs in zeilen:
        for indikator, z in zip(indikatoren, zs, strict=True):
            wert = werte.get((stichtag, nr, indikator))
            if wert is not None and z is not None:
                paare[(stichtag, indikator)].append((wert, z))
    return {schluessel: _gerade(p) for schluessel, p in paare.items()}


def _aus_z_werten(stichtag, nr, z_werte, werte, geraden) -> list[Aufgedeckt]:
    """Hidden values whose z-score is published: read off the indicator's line."""
    aufgedeckt = []
    for indikator, z in z_werte.items():
        gerade = geraden.get((stichtag, indikator))
        if z is not None and werte.get((stichtag, nr, indikator)) is None and gerade:
            a, b = gerade
            aufgedeckt.append(Aufgedeckt(stichtag, nr, indikator, a + b * z, "Wert aus z-Wert"))
    return aufgedeckt


def _aus_indexwert(stichtag, nr, indexwert, z_werte, geraden) -> list[Aufgedeckt]:
    """An index value that is not the mean of the published z-scores: with one z-score
    missing it gives that one away, with more it still betrays hidden ones."""
    veroeffentlicht = [z for z in z_werte.values() if z is not None]
    if indexwert is None or not veroeffentlicht:
        return []
    if abs(indexwert - sum(veroeffentlicht) / len(veroeffentlicht)) <= TOLERANZ:
        return []
    fehlend = [i for i, z in z_werte.items() if z is None]
    if len(fehlend) != 1:
        return [Aufgedeckt(stichtag, nr, "sozialindex", None, "Index enthält verborgene z-Werte")]
    z_verborgen = indexwert * (len(veroeffentlicht) + 1) - sum(veroeffentlicht)
    gerade = geraden.get((stichtag, fehlend[0]))
    wert = gerade[0] + gerade[1] * z_verborgen if gerade else None
    return [Aufgedeckt(stichtag, nr, fehlend[0], wert, "z-Wert aus dem Indexwert")]
