"""The municipality and its districts, read from the dbt seeds so Python and SQL share one source.

Another municipality replaces seeds/gemeinde.csv and seeds/stadtteile.csv; nothing else
about Dorsten is hard-coded.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sozialmonitor.settings import PROJECT_DIR

SEEDS_DIR = PROJECT_DIR / "seeds"

#: District codes that are not real districts: the whole city and "address not assignable".
GESAMT = "00"
NICHT_ZUORDENBAR = "99"


@dataclass(frozen=True)
class Stadtteil:
    nr: str
    name: str
    aliases: tuple[str, ...]
    einwohner_ca: int


@dataclass(frozen=True)
class Gemeinde:
    ags: str
    name: str
    name_gesamt: str  # how the SGB II total row names the whole city
    stadtteile: tuple[Stadtteil, ...]

    def resolve(self, bezeichnung: str) -> str | None:
        """District code for a name as departments spell it (aliases, case, spacing, umlauts).

        Returns ``"00"`` for the city-total row and ``None`` for an unknown name.
        """
        return _lookup(self).get(normalize_name(bezeichnung))


def normalize_name(text: str) -> str:
    """Fold the spelling variants departments use: case, blanks, hyphens, umlaut spellings."""
    text = unicodedata.normalize("NFC", text).strip().casefold()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    return " ".join(text.replace("-", " ").replace("/", " ").split())


@cache
def _lookup(gemeinde: Gemeinde) -> dict[str, str]:
    names = {normalize_name(gemeinde.name_gesamt): GESAMT}
    for teil in gemeinde.stadtteile:
        for name in (teil.name, *teil.aliases):
            names[normalize_name(name)] = teil.nr
    return names


def _read_seed(name: str, seeds_dir: Path) -> list[dict[str, str]]:
    with open(seeds_dir / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@cache
def load_gemeinde(seeds_dir: Path = SEEDS_DIR) -> Gemeinde:
    (row,) = _read_seed("gemeinde.csv", seeds_dir)
    stadtteile = tuple(
        Stadtteil(
            nr=r["stadtteil_nr"],
            name=r["name"],
            aliases=tuple(a for a in r["aliases"].split("|") if a),
            einwohner_ca=int(r["einwohner_ca"]),
        )
        for r in _read_seed("stadtteile.csv", seeds_dir)
    )
    return Gemeinde(
        ags=row["ags"], name=row["name"], name_gesamt=row["name_gesamt"], stadtteile=stadtteile
    )
