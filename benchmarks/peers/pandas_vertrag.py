"""The pandas peer with the contract work a careful analyst would also have to do.

For every CSV delivery of the year, declared in ``sozialmonitor.landing.quellen`` (the
pipeline's declaration, not a copy): every row checked against its column's rules (required,
date, number, range, code list, format, birth and year dates not after the Stichtag) and the
file's key for duplicates; rows that break a rule are kept apart as the quarantine; every id
replaced by its HMAC-SHA256 pseudonym (one HMAC per distinct id, ``pseudonyme.py``), birth
dates cut to month.year. A file with more than 1 % quarantined rows is refused, and raw +
quarantined rows must equal the file's rows. Raw rows and quarantine are written as Parquet;
the indicators (``pandas_peer.indikatoren``) are computed from the raw frames.
Not done (small or no work at these sizes): the Excel workbook, the load history.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pandas_peer
from pseudonyme import hmac_hex, schluessel

from sozialmonitor.landing.quellen import QUELLEN_DEF, SCHWELLE_QUARANTAENE, Quelle, Spalte
from sozialmonitor.landing.zeilen import DATUM


def _lies(pfad: Path) -> pd.DataFrame:
    """UTF-8, else Windows-1252 (read as Latin-1); every value as text, empty = missing."""
    try:
        return pandas_peer._read(pfad)
    except UnicodeDecodeError:
        return pandas_peer._read(pfad, "latin-1")


def _wert(werte: pd.Series, spalte: Spalte) -> pd.Series:
    if spalte.art in ("datum", "geb"):
        return pd.to_datetime(werte, format=DATUM, errors="coerce")
    if spalte.art == "dez":
        return pd.to_numeric(werte.str.replace(",", ".", regex=False), errors="coerce")
    return pd.to_numeric(werte, errors="coerce")


def _regeln(col: pd.Series, s: Spalte, tag: pd.Timestamp) -> list[tuple[str, pd.Series]]:
    """(rule, mask of the rows breaking it) for each rule the declaration gives the column."""
    da = col.notna()
    regeln = [("wert_fehlt", ~da)] if s.pflicht else []
    if s.werte is not None:
        regeln.append(("code", da & ~col.isin(s.werte)))
    if s.muster is not None:
        regeln.append(("format", da & ~col.str.fullmatch(s.muster, na=True)))
    if s.art not in ("datum", "geb", "int", "dez") and s.min is None:
        return regeln
    wert = _wert(col, s)
    regeln.append(("ungueltig", da & wert.isna()))
    if s.min is not None:
        regeln.append(("bereich", (wert < s.min) | (wert > s.max)))
    if s.art == "geb":
        regeln.append(("geburt", (wert > tag) | (wert < pd.Timestamp("1890-01-01"))))
    if s.jahr:
        regeln.append(("nach_stichtag", wert > tag))
    return regeln


def _verstoesse(df: pd.DataFrame, quelle: Quelle, stichtag: date) -> pd.Series:
    """'SPALTE: rule; …' per row, empty for a good row."""
    fehler = pd.Series("", index=df.index)
    for s in quelle.spalten:
        for regel, verletzt in _regeln(df[s.name], s, pd.Timestamp(stichtag)):
            fehler[verletzt] += f"{s.name}: {regel}; "
    if quelle.schluessel:
        keys = df[list(quelle.schluessel)].fillna("")
        pflicht = [s.name for s in quelle.spalten if s.name in quelle.schluessel and s.pflicht]
        doppelt = keys.duplicated(keep=False) & df[pflicht].notna().all(axis=1)
        fehler[doppelt] += f"{'+'.join(quelle.schluessel)}: id_doppelt; "
    return fehler


def _pseudonymisiere(df: pd.DataFrame, quelle: Quelle, pseudonyme) -> None:
    """Every id column replaced by its pseudonyms, one HMAC per distinct id."""
    for s in (s for s in quelle.spalten if s.art == "id"):
        codes, eindeutig = pd.factorize(df[s.name])
        gehasht = np.array(pseudonyme(eindeutig), dtype=object)
        df[s.name] = np.where(codes >= 0, gehasht[codes], None)


def lande(ordner: Path, stichtag: date, quelle: Quelle, ziel: Path, pseudonyme) -> pd.DataFrame:
    """Check, pseudonymise and keep one delivery; returns its raw rows."""
    df = _lies(ordner / quelle.datei(stichtag))[quelle.pflichtspalten]
    df.index = df.index + 2  # the line number in the file
    fehler = _verstoesse(df, quelle, stichtag)
    _pseudonymisiere(df, quelle, pseudonyme)
    schlecht = fehler != ""
    zurueck = df[schlecht].assign(verstoesse=fehler[schlecht])
    raw = df[~schlecht] if schlecht.any() else df  # no copy of a clean register
    for s in (s for s in quelle.spalten if s.art == "geb"):
        zurueck[s.name] = _wert(zurueck[s.name], s).dt.strftime("%m.%Y")
        raw[s.name] = raw[s.name].str[-7:]
    if len(zurueck) > SCHWELLE_QUARANTAENE * len(df):
        raise SystemExit(
            f"{quelle.datei(stichtag)}: {len(zurueck)} von {len(df)} Zeilen verletzen Regeln: abgelehnt"
        )
    if len(raw) + len(zurueck) != len(df):
        raise SystemExit(f"{quelle.datei(stichtag)}: Zeilen verloren")
    raw.to_parquet(ziel / f"{quelle.name}.parquet")
    zurueck.to_parquet(ziel / f"{quelle.name}_quarantaene.parquet")
    return raw


def compute(ordner: Path, jahr: int, ziel: Path) -> tuple[pd.DataFrame, dict]:
    """Land every CSV delivery of ``jahr`` into Parquet files in ``ziel``, then the indicators."""
    stichtag = date(jahr, 12, 31)
    ziel.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    pseudonyme = hmac_hex(schluessel())
    raw = {
        q.name: lande(ordner, stichtag, q, ziel, pseudonyme)
        for q in QUELLEN_DEF.values()
        if not q.excel
    }
    zeiten = {"landen_s": time.perf_counter() - start}
    start = time.perf_counter()
    ergebnis = pandas_peer.indikatoren(
        *(
            raw[n]
            for n in ("kataster_adressen", "ewo_einwohner", "hze_faelle", "seu", "schuluebergaenge")
        ),
        jahr,
    )
    zeiten["indikatoren_s"] = time.perf_counter() - start
    return ergebnis, zeiten
