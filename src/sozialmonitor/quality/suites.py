"""The quality suites as configured in ``expectations/*/*.toml`` (one file per suite).

A suite guards one asset (a raw source such as ``ewo_einwohner`` or a dbt model such as
``ind_indikatoren``). Its expectations are Great Expectations expectations, but they run on
small *frames* that DuckDB computes (distinct values, min/max, counts, shares, the small
result tables), never on a million rows of microdata; see docs/quality.md.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sozialmonitor.landing.quellen import QUELLEN_DEF
from sozialmonitor.settings import PROJECT_DIR

EXPECTATIONS_DIR = PROJECT_DIR / "expectations"

BLOCKIEREND = "blockierend"
WARNUNG = "warnung"
SCHWEREN = (BLOCKIEREND, WARNUNG)

#: Sub-folder of the delivery suites: they get the contract's ranges.
LIEFERUNGEN = "lieferungen"
#: Sub-folders of expectations/, in the order the data flows.
_FOLDERS = (LIEFERUNGEN, "zuordnung", "ergebnisse")

#: Keys of an ``[[erwartung]]`` entry that are ours; every other key is a GX expectation argument.
_OWN_KEYS = {"rahmen", "typ", "schwere", "beschreibung"}

#: Frame of the contract's value ranges: derived from landing/quellen.py, never written in a file.
EXTREMWERTE = "extremwerte"
#: Frame of stricter plausibility bands (min/max like ``extremwerte``): they may only warn.
PLAUSIBILITAET = "plausibilitaet"
_BETWEEN = "expect_column_values_to_be_between"


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


def vertragsbereiche(quelle: str) -> tuple[Erwartung, ...]:
    """The value range of every column the delivery contract (landing/quellen.py) bounds.

    Landing quarantines a row outside it, so a raw value outside it means a row the contract
    rejects entered the figures: blocking. It can never fail on a delivery landing accepted.
    """
    return tuple(
        Erwartung(
            rahmen=EXTREMWERTE,
            typ=_BETWEEN,
            kwargs={"column": s.raw_name, "min_value": s.min, "max_value": s.max},
            schwere=BLOCKIEREND,
            beschreibung="Wertebereich laut Liefervertrag (landing/quellen.py); außerhalb: Zeile in Quarantäne",
        )
        for s in QUELLEN_DEF[quelle].spalten
        if s.min is not None
    )


def _mit_vertragsbereichen(
    erwartungen: tuple[Erwartung, ...], quelle: str | None, pfad: Path
) -> tuple[Erwartung, ...]:
    """A delivery suite gets the contract's ranges; no file declares them again or blocks on
    plausibility."""
    lieferung = quelle if pfad.parent.name == LIEFERUNGEN else None
    if lieferung and lieferung not in QUELLEN_DEF:
        raise SuiteConfigError(
            f"{pfad}: unknown quelle {lieferung!r}; known: {', '.join(QUELLEN_DEF)}"
        )
    bereiche = vertragsbereiche(lieferung) if lieferung else ()
    begrenzt = {e.spalte for e in bereiche}
    for erwartung in erwartungen:
        if erwartung.rahmen == PLAUSIBILITAET and erwartung.schwere != WARNUNG:
            raise SuiteConfigError(
                f"{pfad}: a plausibility band ({PLAUSIBILITAET}) may only warn, "
                f"not block: {erwartung.spalte}"
            )
        if erwartung.rahmen == EXTREMWERTE and erwartung.spalte in begrenzt:
            raise SuiteConfigError(
                f"{pfad}: the range of {erwartung.spalte} comes from landing/quellen.py; "
                f"a stricter band belongs in frame {PLAUSIBILITAET!r} with schwere {WARNUNG!r}"
            )
    return erwartungen + bereiche


def load_suite(pfad: Path) -> Suite:
    with open(pfad, "rb") as handle:
        data = tomllib.load(handle)
    try:
        erwartungen = tuple(_erwartung(e, pfad) for e in data.get("erwartung", []))
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
            erwartungen=_mit_vertragsbereichen(erwartungen, data.get("quelle"), pfad),
        )
    except KeyError as error:
        raise SuiteConfigError(f"{pfad}: required key {error} missing") from error


def load_suites(directory: Path = EXPECTATIONS_DIR) -> tuple[Suite, ...]:
    """Every suite under ``directory``, in the order the data flows: deliveries, address
    assignment (intermediate views), results (marts and indicators)."""
    paths = [p for folder in _FOLDERS for p in sorted((directory / folder).glob("*.toml"))]
    suites = tuple(load_suite(p) for p in paths)
    names = [s.name for s in suites]
    if len(names) != len(set(names)):
        raise SuiteConfigError(f"duplicate suite names in {directory}: {sorted(names)}")
    return suites
