"""The quality suites as configured in ``expectations/*/*.toml`` (one file per suite).

A suite guards one asset (a raw source such as ``ewo_einwohner`` or a dbt model such as
``fct_indikatoren``). Its expectations are Great Expectations expectations, but they run on
small *frames* that DuckDB computes (distinct values, min/max, counts, shares, the small
result tables), never on a million rows of microdata; see docs/quality.md.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sozialmonitor.settings import PROJECT_DIR

EXPECTATIONS_DIR = PROJECT_DIR / "expectations"

BLOCKIEREND = "blockierend"
WARNUNG = "warnung"
SCHWEREN = (BLOCKIEREND, WARNUNG)

#: Sub-folders of expectations/, in the order the data flows.
_FOLDERS = ("lieferungen", "zuordnung", "ergebnisse")

#: Keys of an ``[[erwartung]]`` entry that are ours; every other key is a GX expectation argument.
_OWN_KEYS = {"rahmen", "typ", "schwere", "beschreibung"}


class SuiteConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Erwartung:
    """One GX expectation on one frame, with its severity."""

    rahmen: str  # frame name (built-in or an SQL frame of the suite)
    typ: str  # GX expectation type, e.g. expect_column_values_to_be_in_set
    kwargs: dict
    schwere: str  # blockierend | warnung
    beschreibung: str = ""

    @property
    def spalte(self) -> str | None:
        """The column(s) the expectation looks at, as stored in qualitaet.pruefergebnisse."""
        if "column" in self.kwargs:
            return self.kwargs["column"]
        pair = [self.kwargs[k] for k in ("column_A", "column_B") if k in self.kwargs]
        if pair:
            return ",".join(pair)
        if "column_list" in self.kwargs:
            return ",".join(self.kwargs["column_list"])
        return None


@dataclass(frozen=True)
class SqlRahmen:
    """A frame the suite defines itself: a read-only DuckDB query returning a small table.

    The query may use the parameters ``$stichtag`` (DATE) and ``$vorjahr`` (DATE, the
    previous Stichtag). ``schluessel`` columns identify a row in failure messages.
    """

    sql: str
    schluessel: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suite:
    name: str
    #: The asset the suite guards: a raw source name or a dbt model name.
    asset: str
    beschreibung: str
    pfad: Path
    #: Raw source (= raw table name) for delivery suites: enables the built-in frames.
    quelle: str | None = None
    #: Required columns after landing and their DuckDB types (delivery suites).
    spalten: dict[str, str] = field(default_factory=dict)
    #: Relation and optional filter of the built-in frame ``stadtteil_99``.
    zuordnung: dict[str, str] = field(default_factory=dict)
    rahmen: dict[str, SqlRahmen] = field(default_factory=dict)
    erwartungen: tuple[Erwartung, ...] = ()

    @property
    def tabelle(self) -> str | None:
        return f"raw.{self.quelle}" if self.quelle else None


def _erwartung(entry: dict, pfad: Path) -> Erwartung:
    missing = {"rahmen", "typ", "schwere"} - entry.keys()
    if missing:
        raise SuiteConfigError(
            f"{pfad}: [[erwartung]] without {', '.join(sorted(missing))}: {entry}"
        )
    if entry["schwere"] not in SCHWEREN:
        raise SuiteConfigError(
            f"{pfad}: schwere must be one of {SCHWEREN}, got {entry['schwere']!r}"
        )
    return Erwartung(
        rahmen=entry["rahmen"],
        typ=entry["typ"],
        kwargs={k: v for k, v in entry.items() if k not in _OWN_KEYS},
        schwere=entry["schwere"],
        beschreibung=entry.get("beschreibung", ""),
    )


def load_suite(pfad: Path) -> Suite:
    with open(pfad, "rb") as handle:
        data = tomllib.load(handle)
    try:
        return Suite(
            name=data["name"],
            asset=data["schuetzt"],
            beschreibung=data.get("beschreibung", ""),
            pfad=pfad,
            quelle=data.get("quelle"),
            spalten=dict(data.get("spalten", {})),
            zuordnung=dict(data.get("zuordnung", {})),
            rahmen={
                name: SqlRahmen(sql=spec["sql"], schluessel=tuple(spec.get("schluessel", ())))
                for name, spec in data.get("rahmen", {}).items()
            },
            erwartungen=tuple(_erwartung(e, pfad) for e in data.get("erwartung", [])),
        )
    except KeyError as error:
        raise SuiteConfigError(f"{pfad}: required key {error} missing") from error


def load_suites(directory: Path = EXPECTATIONS_DIR) -> tuple[Suite, ...]:
    """Every suite under ``directory``, in the order the data flows: deliveries, address
    assignment (staging), results (marts and indicators)."""
    paths = [p for folder in _FOLDERS for p in sorted((directory / folder).glob("*.toml"))]
    suites = tuple(load_suite(p) for p in paths)
    names = [s.name for s in suites]
    if len(names) != len(set(names)):
        raise SuiteConfigError(f"duplicate suite names in {directory}: {sorted(names)}")
    return suites
