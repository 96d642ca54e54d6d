"""The quality suites as configured in ``expectations/*/*.toml`` (one file per suite).

A suite guards one asset (a raw source such as ``ewo_einwohner`` or a dbt model such as
``ind_indikatoren``). Its expectations are Great Expectations expectations, but they run on
small *frames* that DuckDB computes (distinct values, min/max, counts, shares, the small
result tables), never on a million rows of microdata; see docs/quality.md.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from sozialmonitor.landing.quellen import QUELLEN_DEF
from sozialmonitor.quality.erwartung import (
    EXTREMWERTE,
    PLAUSIBILITAET,
    SCHWEREN,
    WARNUNG,
    Erwartung,
    SqlRahmen,
)
from sozialmonitor.quality.vertrag import vertragserwartungen, vertragsspalten
from sozialmonitor.settings import PROJECT_DIR

EXPECTATIONS_DIR = PROJECT_DIR / "expectations"

#: Sub-folder of the delivery suites: they get the contract's expectations.
LIEFERUNGEN = "lieferungen"
#: Sub-folders of expectations/, in the order the data flows.
_FOLDERS = (LIEFERUNGEN, "zuordnung", "ergebnisse")

#: Keys of an ``[[erwartung]]`` entry that are ours; every other key is a GX expectation argument.
_OWN_KEYS = {"rahmen", "typ", "schwere", "beschreibung"}
#: A warning of a delivery suite says it is a plausibility finding, in its text and frame.
_PLAUSIBEL = "Plausibilität: "


class SuiteConfigError(ValueError):
    pass


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
        raise SuiteConfigError(f"{pfad}: [[erwartung]] ohne {', '.join(sorted(missing))}: {entry}")
    if entry["schwere"] not in SCHWEREN:
        raise SuiteConfigError(
            f"{pfad}: schwere muss eine von {SCHWEREN} sein, ist {entry['schwere']!r}"
        )
    return Erwartung(
        rahmen=entry["rahmen"],
        typ=entry["typ"],
        kwargs={k: v for k, v in entry.items() if k not in _OWN_KEYS},
        schwere=entry["schwere"],
        beschreibung=entry.get("beschreibung", ""),
    )


def _pruefe_lieferregeln(
    erwartungen: tuple[Erwartung, ...], vertrag: tuple[Erwartung, ...], pfad: Path
) -> None:
    """A delivery suite file says only what the contract does not, and warns only on
    plausibility: in a frame named ``plausibilitaet…`` with a text that says so."""
    aus_vertrag = {(e.rahmen, e.typ, e.spalte) for e in vertrag}
    begrenzt = {e.spalte for e in vertrag if e.rahmen == EXTREMWERTE}
    for erwartung in erwartungen:
        if (erwartung.rahmen, erwartung.typ, erwartung.spalte) in aus_vertrag or (
            erwartung.rahmen == EXTREMWERTE and erwartung.spalte in begrenzt
        ):
            raise SuiteConfigError(
                f"{pfad}: {erwartung.rahmen}/{erwartung.typ} von {erwartung.spalte} kommt aus "
                f"landing/quellen.py; ein engeres Band gehört in Rahmen {PLAUSIBILITAET!r} "
                f"mit schwere {WARNUNG!r}"
            )
        plausibel = erwartung.rahmen.startswith(PLAUSIBILITAET)
        if plausibel and erwartung.schwere != WARNUNG:
            raise SuiteConfigError(
                f"{pfad}: ein Plausibilitätsband ({PLAUSIBILITAET}) darf nur warnen, "
                f"nicht blockieren: {erwartung.spalte}"
            )
        if erwartung.schwere == WARNUNG and not (
            plausibel and erwartung.beschreibung.startswith(_PLAUSIBEL)
        ):
            raise SuiteConfigError(
                f"{pfad}: eine Warnung ist ein Plausibilitätsbefund: Rahmen {PLAUSIBILITAET!r}… und "
                f"eine beschreibung, die mit {_PLAUSIBEL!r} beginnt: {erwartung.spalte}"
            )


def load_suite(pfad: Path) -> Suite:
    with open(pfad, "rb") as handle:
        data = tomllib.load(handle)
    try:
        erwartungen = tuple(_erwartung(e, pfad) for e in data.get("erwartung", []))
        rahmen = {
            name: SqlRahmen(sql=spec["sql"], schluessel=tuple(spec.get("schluessel", ())))
            for name, spec in data.get("rahmen", {}).items()
        }
        suite = Suite(
            name=data["name"],
            asset=data["schuetzt"],
            beschreibung=data.get("beschreibung", ""),
            pfad=pfad,
            quelle=data.get("quelle"),
            spalten=dict(data.get("spalten", {})),
            zuordnung=dict(data.get("zuordnung", {})),
            rahmen=rahmen,
            erwartungen=erwartungen,
        )
    except KeyError as error:
        raise SuiteConfigError(f"{pfad}: Pflichtschlüssel {error} fehlt") from error
    return _mit_liefervertrag(suite) if pfad.parent.name == LIEFERUNGEN else suite


def _mit_liefervertrag(suite: Suite) -> Suite:
    """A delivery suite: the contract's columns, expectations and frames, then the file's."""
    if suite.quelle not in QUELLEN_DEF:
        raise SuiteConfigError(
            f"{suite.pfad}: unbekannte quelle {suite.quelle!r}; vorhanden: {', '.join(QUELLEN_DEF)}"
        )
    if suite.spalten:
        raise SuiteConfigError(
            f"{suite.pfad}: [spalten] einer Lieferung kommen aus landing/quellen.py, nicht aus der Datei"
        )
    quelle = QUELLEN_DEF[suite.quelle]
    vertrag, rahmen = vertragserwartungen(quelle)
    _pruefe_lieferregeln(suite.erwartungen, vertrag, suite.pfad)
    doppelt = rahmen.keys() & suite.rahmen.keys()
    if doppelt:
        raise SuiteConfigError(f"{suite.pfad}: Rahmen {sorted(doppelt)} gehören dem Liefervertrag")
    return replace(
        suite,
        spalten=vertragsspalten(quelle),
        rahmen={**rahmen, **suite.rahmen},
        erwartungen=vertrag + suite.erwartungen,
    )


def load_suites(directory: Path = EXPECTATIONS_DIR) -> tuple[Suite, ...]:
    """Every suite under ``directory``, in the order the data flows: deliveries, address
    assignment (intermediate views), results (marts and indicators)."""
    paths = [p for folder in _FOLDERS for p in sorted((directory / folder).glob("*.toml"))]
    suites = tuple(load_suite(p) for p in paths)
    names = [s.name for s in suites]
    if len(names) != len(set(names)):
        raise SuiteConfigError(f"doppelte Suite-Namen in {directory}: {sorted(names)}")
    return suites
