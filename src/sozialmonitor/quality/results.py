"""Expectation results: what people read, what qualitaet.pruefergebnisse and the JSON keep."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from sozialmonitor.freigabe import PRUEFERGEBNISSE, PRUEFUNG_DDL
from sozialmonitor.quality.erwartung import BLOCKIEREND, WARNUNG, Erwartung
from sozialmonitor.quality.suites import Suite

#: Unexpected rows/values shown in one message (the JSON keeps all GX returned).
MAX_SHOWN = 10
#: Units of observed values, by how the column's name ends.
EINHEITEN = {"_prozent": " %", "_eur": " €", "_kg": " kg", "_cm": " cm", "_qm": " m²"}


@dataclass
class Pruefergebnis:
    """One row of qualitaet.pruefergebnisse."""

    lauf_id: str
    stichtag: date
    suite: str
    erwartung: (
        str  # "<frame>:<GX expectation type>", e.g. "werte:expect_column_values_to_be_in_set"
    )
    spalte: str | None
    schwere: str
    erfolg: bool
    beobachtet: str | None
    meldung: str | None
    geprueft_um: datetime


@dataclass
class SuiteResult:
    """The outcome of one suite for one Stichtag (what a Dagster asset check reports)."""

    suite: str
    asset: str
    stichtag: date
    lauf_id: str
    ergebnisse: list[Pruefergebnis] = field(default_factory=list)
    #: GX validation results (JSON dicts), one per frame.
    gx_ergebnisse: list[dict] = field(default_factory=list)
    #: Frame -> its GX validation page, relative to ``<data>/qualitaet/<stichtag>/``.
    data_docs: dict[str, str] = field(default_factory=dict)

    @property
    def blocking_failures(self) -> list[Pruefergebnis]:
        return [e for e in self.ergebnisse if not e.erfolg and e.schwere == BLOCKIEREND]

    @property
    def warnings(self) -> list[Pruefergebnis]:
        return [e for e in self.ergebnisse if not e.erfolg and e.schwere == WARNUNG]

    @property
    def passed(self) -> bool:
        """False when a blocking expectation failed (warnings do not count)."""
        return not self.blocking_failures

    @property
    def messages(self) -> list[str]:
        return [e.meldung for e in self.blocking_failures + self.warnings]


def _plain(value):
    """JSON- and message-friendly scalars (numpy, NaN, dates)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return round(value, 4)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _shown(items: list, total: int | None = None) -> str:
    total = len(items) if total is None else total
    text = "; ".join(items[:MAX_SHOWN])
    return text + (f"; … ({total} insgesamt)" if total > MAX_SHOWN else "")


def _zahl(value, spalte: str | None) -> str | None:
    """A number as people read it in German: decimal comma, two places for fractions, the
    unit of the column (``2,18 %``); None for anything but a number."""
    value = _plain(value)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}".replace(".", ",")
    return text + next((e for s, e in EINHEITEN.items() if (spalte or "").endswith(s)), "")


def beobachtet(result: dict) -> str:
    """The observed value of a GX result, as one line: the value, or the offending rows."""
    if message := _exception(result.get("exception_info") or {}):
        return "Fehler: " + message
    detail = result.get("result") or {}
    spalte = ((result.get("expectation_config") or {}).get("kwargs") or {}).get("column")
    if detail.get("observed_value") is not None:
        return _zahl(detail["observed_value"], spalte) or _json(detail["observed_value"])
    count = detail.get("unexpected_count")
    if "partial_missing_list" in detail:  # set comparisons: what is missing, what is extra
        return f"fehlend {_json(detail['partial_missing_list'])}, unerwartet {_json(detail.get('partial_unexpected_list'))}"
    if not count:
        return "" if count is None else f"0 unerwartet ({detail.get('element_count')} geprüft)"
    rows = detail.get("unexpected_index_list")
    if rows and isinstance(rows[0], dict):
        shown = [
            ", ".join(f"{k}={_zahl(v, k) or _plain(v)}" for k, v in row.items()) for row in rows
        ]
    else:
        shown = [_zahl(v, spalte) or _json(v) for v in detail.get("partial_unexpected_list") or []]
    return f"{count} unerwartet: " + _shown(shown, count)


def _exception(info: dict) -> str | None:
    """GX reports an error either directly or per failed metric (e.g. a missing column)."""
    if "raised_exception" not in info:
        messages = {_exception(v) for v in info.values() if isinstance(v, dict)} - {None}
        return "; ".join(sorted(messages)) or None
    if info.get("raised_exception") or info.get("exception_message"):
        return str(info.get("exception_message")).splitlines()[0]
    return None


def _json(value) -> str:
    return json.dumps(_plain(value), ensure_ascii=False, default=str)


def meldung(suite: Suite, erwartung: Erwartung, beobachtet_text: str, datei: str | None) -> str:
    """A line a person can act on: suite, expectation, column, observed value, where."""
    relation = suite.zuordnung.get("modell") or suite.tabelle or suite.asset
    where = f"{relation}, Datei {datei}" if datei else relation
    text = (
        f"{suite.name} [{erwartung.schwere}] {erwartung.rahmen}:{erwartung.typ}"
        f" Spalte {erwartung.spalte or '–'}: beobachtet {beobachtet_text} ({where})"
    )
    return text + (f" – {erwartung.beschreibung}" if erwartung.beschreibung else "")


def write_warehouse(warehouse: Path, results: list[SuiteResult]) -> None:
    """Append the rows of this run; a short read-write connection, after validation."""
    rows = [asdict(e) for r in results for e in r.ergebnisse]
    if not rows:
        return
    frame = pd.DataFrame(rows)
    with duckdb.connect(str(warehouse)) as con:
        con.execute(PRUEFUNG_DDL)
        con.register("neue_ergebnisse", frame)
        con.execute(
            f"INSERT INTO {PRUEFERGEBNISSE} SELECT lauf_id, stichtag::DATE, suite, erwartung, spalte, schwere, "
            f"erfolg, beobachtet, meldung, geprueft_um::TIMESTAMP FROM neue_ergebnisse"
        )


def write_json(run_dir: Path, result: SuiteResult) -> Path:
    """``<run_dir>/<suite>.json``: our rows and GX's full validation results."""
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / f"{result.suite}.json"
    document = {
        "suite": result.suite,
        "schuetzt": result.asset,
        "stichtag": result.stichtag.isoformat(),
        "lauf_id": result.lauf_id,
        "bestanden": result.passed,
        "ergebnisse": [_plain(asdict(e)) for e in result.ergebnisse],
        "data_docs": result.data_docs,
        "gx": result.gx_ergebnisse,
    }
    path.write_text(
        json.dumps(document, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    return path
