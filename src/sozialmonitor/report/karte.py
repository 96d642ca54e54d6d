"""District choropleths from the operator's boundary file (GeoJSON beside the district seed).

``seeds/stadtteile.geojson`` holds one (Multi)Polygon per district with the property
``stadtteil_nr``. Longitude/latitude are projected here (equirectangular, scaled by the
cosine of the mean latitude: exact enough for a town) so the report needs no network. A
file marked ``"schematisch": true`` (the demo's) says so under every map.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from html import escape
from pathlib import Path

from sozialmonitor.gemeinde import SEEDS_DIR
from sozialmonitor.report.diagramme import GRAU, svg
from sozialmonitor.report.format import zahl

#: The operator's boundary file; without it the report keeps its tile map.
GRENZEN = SEEDS_DIR / "stadtteile.geojson"
#: Sequential colours (light = low, dark = high) for indicator maps.
STUFEN = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
OHNE_WERT = "#ffffff"
BREITE = 400


@dataclass
class Grenzen:
    flaechen: dict[str, list[list[tuple[float, float]]]]  # nr -> rings of (lon, lat)
    schematisch: bool


class GrenzenFehler(ValueError):
    """The boundary file cannot be read; the message names the file and the problem."""


def lade_grenzen(pfad: Path | None = None) -> Grenzen | None:
    pfad = pfad or GRENZEN
    if not pfad.is_file():
        return None
    try:
        daten = json.loads(pfad.read_text(encoding="utf-8"))
        flaechen: dict[str, list[list[tuple[float, float]]]] = {}
        for feature in daten["features"]:
            nr = str(feature["properties"]["stadtteil_nr"])
            geometrie = feature["geometry"]
            polygone = (
                [geometrie["coordinates"]]
                if geometrie["type"] == "Polygon"
                else geometrie["coordinates"]
                if geometrie["type"] == "MultiPolygon"
                else []
            )
            flaechen.setdefault(nr, []).extend(
                [(float(p[0]), float(p[1])) for p in ring]
                for polygon in polygone
                for ring in polygon
            )
        punkte = [p for ringe in flaechen.values() for ring in ringe for p in ring]
        if not punkte or not all(math.isfinite(x) and math.isfinite(y) for x, y in punkte):
            raise ValueError("keine Fläche, oder Koordinaten, die keine Zahlen sind")
    except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
        raise GrenzenFehler(
            f"Stadtteilgrenzen {pfad} nicht lesbar ({type(error).__name__}: {error}): Kachelkarte statt Karte"
        ) from error
    schematisch = bool(daten.get("schematisch")) or any(
        f.get("properties", {}).get("schematisch") for f in daten["features"]
    )
    return Grenzen({nr: r for nr, r in flaechen.items() if r}, schematisch)


def _projektion(grenzen: Grenzen):
    punkte = [p for ringe in grenzen.flaechen.values() for ring in ringe for p in ring]
    lon0, lon1 = min(p[0] for p in punkte), max(p[0] for p in punkte)
    lat0, lat1 = min(p[1] for p in punkte), max(p[1] for p in punkte)
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    massstab = (BREITE - 20) / max((lon1 - lon0) * kx, 1e-9)
    hoehe = (lat1 - lat0) * massstab + 20
    return (
        lambda lon, lat: (10 + (lon - lon0) * kx * massstab, 10 + (lat1 - lat) * massstab)
    ), hoehe


def choropleth(
    grenzen: Grenzen,
    flaechen: dict[str, tuple[str, str, str]],
    legende: list[tuple[str, str]],
    titel: str,
) -> str:
    """Filled districts: {nr: (name, fill colour, text)}; ``legende`` is [(colour, label)]."""
    xy, hoehe = _projektion(grenzen)
    teile = []
    for nr, ringe in grenzen.flaechen.items():
        name, farbe, text = flaechen.get(nr, (nr, OHNE_WERT, "–"))
        d = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (xy(*p) for p in ring)) + " Z"
            for ring in ringe
        )
        teile.append(
            f'<path class="marke flaeche" data-stadtteil="{escape(nr)}" d="{d}" fill="{farbe}" '
            f'fill-rule="evenodd" stroke="{GRAU}" stroke-width="1"><title>{escape(name)}: {escape(text)}</title></path>'
        )
        punkte = [xy(*p) for p in max(ringe, key=len)]
        cx = sum(p[0] for p in punkte) / len(punkte)
        cy = sum(p[1] for p in punkte) / len(punkte)
        teile.append(
            f'<text x="{cx:.1f}" y="{cy + 4:.1f}" text-anchor="middle" font-size="11" '
            f'paint-order="stroke" stroke="#ffffff" stroke-width="3">{escape(nr)}</text>'
            f'<text x="{cx:.1f}" y="{cy + 16:.1f}" text-anchor="middle" font-size="9" '
            f'paint-order="stroke" stroke="#ffffff" stroke-width="3">{escape(name[:12])}</text>'
        )
    y = hoehe + 6
    for i, (farbe, label) in enumerate(legende):
        teile.append(
            f'<rect x="10" y="{y + i * 16:.1f}" width="14" height="12" fill="{farbe}" stroke="{GRAU}"/>'
            f'<text x="30" y="{y + i * 16 + 10:.1f}" font-size="11">{escape(label)}</text>'
        )
    y += len(legende) * 16 + 4
    if grenzen.schematisch:
        teile.append(
            f'<text x="10" y="{y + 10:.1f}" font-size="11" fill="{GRAU}">Grenzen schematisch (Demo), nicht amtlich</text>'
        )
        y += 16
    return svg(BREITE, y, teile, titel)


def stufen(werte: list[float], stellen: int) -> tuple[list[float], list[tuple[str, str]]]:
    """Five equal-width classes between the smallest and largest value, with their legend."""
    lo, hi = min(werte), max(werte)
    grenzen = [lo + (hi - lo) * i / len(STUFEN) for i in range(len(STUFEN) + 1)]
    legende = [
        (farbe, f"{zahl(grenzen[i], stellen)} bis {zahl(grenzen[i + 1], stellen)}")
        for i, farbe in enumerate(STUFEN)
    ]
    return grenzen, legende


def stufenfarbe(wert: float, grenzen: list[float]) -> str:
    for i, farbe in enumerate(STUFEN):
        if wert <= grenzen[i + 1] + 1e-12:
            return farbe
    return STUFEN[-1]
