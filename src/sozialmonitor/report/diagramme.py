"""Charts as inline SVG: no script, no CDN, readable offline and in any browser.

Every mark carries ``class="marke"`` so a test (or a person) can count what was drawn. Each
SVG has a ``viewBox`` and shrinks with the page (CSS ``max-width: 100%``). Value axes always
include 0 and carry gridlines with their values, so a small change never fills the chart.
"""

from __future__ import annotations

import math
from html import escape

from sozialmonitor.report.format import zahl

KLASSENFARBE = {
    "sehr hoch": "#b2182b",
    "hoch": "#ef8a62",
    "mittel": "#d9d9d9",
    "niedrig": "#67a9cf",
}
GRAU = "#4d4d4d"
GITTER = "#e0e0e0"
BALKEN = "#2c7fb8"
#: Series colours for district lines (colour-blind friendly order, then darker tones).
REIHENFARBEN = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#393b79",
    "#637939",
]
#: Width of one character at font-size 12, generous so labels are never cut.
ZEICHEN = 6.8


def svg(breite: float, hoehe: float, inhalt: list[str], titel: str) -> str:
    return (
        f'<svg class="diagramm" role="img" aria-label="{escape(titel)}" viewBox="0 0 {breite:.0f} {hoehe:.0f}" '
        f'width="{breite:.0f}" height="{hoehe:.0f}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(titel)}</title>{''.join(inhalt)}</svg>"
    )


def skala(lo: float, hi: float, schritte: int = 5) -> list[float]:
    """Round gridline values from below ``lo`` to above ``hi`` (both include 0)."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi == lo:
        hi = lo + 1.0
    roh = (hi - lo) / schritte
    stufe = 10 ** math.floor(math.log10(roh))
    schritt = next(f * stufe for f in (1, 2, 2.5, 5, 10) if f * stufe >= roh)
    start = math.floor(lo / schritt + 1e-9) * schritt
    werte = [start]
    while werte[-1] < hi - 1e-9:
        werte.append(werte[-1] + schritt)
    return [round(w, 10) for w in werte]


def _stellen(werte: list[float]) -> int:
    """Decimals the gridline values need (0, 1 or 2)."""
    return next(
        (n for n in (0, 1) if all(abs(w * 10**n - round(w * 10**n)) < 1e-6 for w in werte)), 2
    )


def rangbalken(
    zeilen: list[tuple[str, float | None, str]],
    titel: str,
    referenz: float | None = None,
    farben: dict[str, str] | None = None,
    achse: str = "",
    sortiert: bool = True,
) -> str:
    """Horizontal bars from 0: (label, value or None, text shown); None bars read 'gesperrt'/'–'.

    ``referenz`` draws the city value as a dashed line (never for counts: the city total
    would squeeze the districts); ``farben`` colours a bar per label; ``achse`` names the axis.
    """
    rang = sorted(zeilen, key=lambda z: (z[1] is None, -(z[1] or 0))) if sortiert else zeilen
    werte = [v for _, v, _ in rang if v is not None] + ([referenz] if referenz is not None else [])
    gitter = skala(min(werte, default=0.0), max(werte, default=1.0))
    lo, hi = gitter[0], gitter[-1]
    links = 12 + ZEICHEN * max((len(z[0]) for z in rang), default=4)
    rechts = 12 + ZEICHEN * max((len(z[2]) for z in rang), default=4)
    breite, zeile_h, oben = 300, 20, 8
    x = lambda v: links + (v - lo) / (hi - lo) * breite
    unten = oben + len(rang) * zeile_h
    stellen = _stellen(gitter)
    teile = []
    for g in gitter:
        teile.append(
            f'<line x1="{x(g):.1f}" x2="{x(g):.1f}" y1="{oben}" y2="{unten}" '
            f'stroke="{GRAU if g == 0 else GITTER}"/>'
            f'<text x="{x(g):.1f}" y="{unten + 14}" text-anchor="middle" font-size="11">{zahl(g, stellen)}</text>'
        )
    for i, (label, v, text) in enumerate(rang):
        y = oben + i * zeile_h
        teile.append(
            f'<text x="{links - 6:.1f}" y="{y + 14}" text-anchor="end" font-size="12">{escape(label)}</text>'
        )
        if v is not None:
            x0, x1 = sorted((x(0), x(v)))
            farbe = (farben or {}).get(label, BALKEN)
            teile.append(
                f'<rect class="marke" x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 1):.1f}" '
                f'height="{zeile_h - 6}" fill="{farbe}"><title>{escape(label)}: {escape(text)}</title></rect>'
            )
        teile.append(
            f'<text x="{links + breite + 6:.1f}" y="{y + 14}" font-size="12">{escape(text)}</text>'
        )
    if referenz is not None:
        teile.append(
            f'<line class="referenz" x1="{x(referenz):.1f}" x2="{x(referenz):.1f}" y1="{oben - 4}" y2="{unten}" '
            f'stroke="{GRAU}" stroke-width="2" stroke-dasharray="5 3"><title>Stadt: {zahl(referenz)}</title></line>'
        )
    hoehe = unten + 22
    zeilen_achse = [z for z in achse.split("\n") if z]
    if referenz is not None:
        zeilen_achse.append("gestrichelt: Stadt insgesamt")
    for text in zeilen_achse:
        teile.append(
            f'<text x="8" y="{hoehe + 6}" font-size="11" fill="{GRAU}">{escape(text)}</text>'
        )
        hoehe += 14
    lang = max((len(z) for z in zeilen_achse), default=0)
    return svg(max(links + breite + rechts, 16 + ZEICHEN * 0.95 * lang), hoehe + 4, teile, titel)


def zprofil(zeilen: list[tuple[str, float | None, str]], titel: str) -> str:
    """z-scores of a district's index indicators around 0, with the sign explained on the chart."""
    return rangbalken(
        zeilen,
        titel,
        farben={
            label: (KLASSENFARBE["sehr hoch"] if (v or 0) > 0 else KLASSENFARBE["niedrig"])
            for label, v, _ in zeilen
        },
        achse="z-Wert: positiv = mehr Bedarf als der Durchschnitt der Stadtteile,\n"
        "negativ = weniger Bedarf (0 = Durchschnitt)",
    )


def zeitreihe(
    reihen: dict[str, list[tuple[str, float | None]]],
    titel: str,
    hervorgehoben: str | None = None,
    spannen: dict[str, list[tuple[str, float | None, float | None]]] | None = None,
) -> str:
    """Lines over years from 0: {series label: [(year label, value or None)]}; gaps stay gaps.

    ``hervorgehoben`` (the city) is drawn dark and dashed, the others in series colours with a
    legend beside the chart. ``spannen`` gives a series a band {label: [(year, lower, upper)]}
    drawn lightly behind its line (a projection's bounds).
    """
    spannen = spannen or {}
    jahre = sorted(
        {j for punkte in reihen.values() for j, _ in punkte}
        | {j for band in spannen.values() for j, _, _ in band}
    )
    werte = [v for punkte in reihen.values() for _, v in punkte if v is not None] + [
        v for band in spannen.values() for _, lo, hi in band for v in (lo, hi) if v is not None
    ]
    gitter = skala(min(werte, default=0.0), max(werte, default=1.0))
    lo, hi = gitter[0], gitter[-1]
    stellen = _stellen(gitter)
    links = 14 + ZEICHEN * max(len(zahl(g, stellen)) for g in gitter)
    breite, oben = 320, 10
    hoehe_plot = max(150, 14 * len(reihen) + 10)
    x = lambda j: links + 20 + (jahre.index(j) / max(len(jahre) - 1, 1)) * (breite - 40)
    y = lambda v: oben + (hi - v) / (hi - lo) * hoehe_plot
    teile = []
    for g in gitter:
        teile.append(
            f'<line x1="{links}" x2="{links + breite}" y1="{y(g):.1f}" y2="{y(g):.1f}" '
            f'stroke="{GRAU if g == 0 else GITTER}"/>'
            f'<text x="{links - 6:.1f}" y="{y(g) + 4:.1f}" text-anchor="end" font-size="11">{zahl(g, stellen)}</text>'
        )
    teile += [
        f'<text x="{x(j):.1f}" y="{oben + hoehe_plot + 16}" text-anchor="middle" font-size="11">{j}</text>'
        for j in jahre
    ]
    palette = iter(REIHENFARBEN)
    farben = {
        label: "#000000" if label == hervorgehoben else next(palette, GRAU) for label in reihen
    }
    for label, band in spannen.items():
        teile += _baender(band, farben.get(label, GRAU), x, y, label)
    for i, (label, punkte) in enumerate(reihen.items()):
        stadt = label == hervorgehoben
        farbe = farben[label]
        strich = ' stroke-dasharray="6 3"' if stadt else ""
        strecke = [(x(j), y(v)) for j, v in punkte if v is not None]
        if len(strecke) > 1:
            pfad = " ".join(
                f"{'M' if k == 0 else 'L'}{px:.1f},{py:.1f}" for k, (px, py) in enumerate(strecke)
            )
            teile.append(
                f'<path class="marke" d="{pfad}" fill="none" stroke="{farbe}" stroke-width="{2.5 if stadt else 1.5}"{strich}/>'
            )
        for j, v in punkte:
            if v is not None:
                teile.append(
                    f'<circle class="marke" cx="{x(j):.1f}" cy="{y(v):.1f}" r="2.5" fill="{farbe}">'
                    f"<title>{escape(label)} {j}: {zahl(v)}</title></circle>"
                )
        teile.append(
            f'<line x1="{links + breite + 10}" x2="{links + breite + 26}" y1="{oben + 6 + i * 14}" y2="{oben + 6 + i * 14}" '
            f'stroke="{farbe}" stroke-width="2"{strich}/>'
            f'<text x="{links + breite + 30}" y="{oben + 10 + i * 14}" font-size="11">{escape(label)}</text>'
        )
    legende = 34 + ZEICHEN * max((len(label) for label in reihen), default=4)
    return svg(links + breite + legende, oben + hoehe_plot + 24, teile, titel)


def _baender(band, farbe: str, x, y, label: str) -> list[str]:
    """Light polygons from the upper bounds forth and the lower bounds back, one per unbroken run."""
    laeufe = [[]]
    for j, lo, hi in band:
        if lo is None or hi is None:
            laeufe.append([])
        else:
            laeufe[-1].append((j, lo, hi))
    teile = []
    for lauf in laeufe:
        if len(lauf) < 2:
            continue
        ecken = [(x(j), y(hi)) for j, _, hi in lauf] + [
            (x(j), y(lo)) for j, lo, _ in reversed(lauf)
        ]
        punkte = " ".join(f"{px:.1f},{py:.1f}" for px, py in ecken)
        von, bis = lauf[0][0], lauf[-1][0]
        teile.append(
            f'<polygon class="marke spanne" points="{punkte}" fill="{farbe}" fill-opacity="0.2" stroke="none">'
            f"<title>{escape(label)} {von}–{bis}: Spanne aus dem Rückblick</title></polygon>"
        )
    return teile


def kachelkarte(kacheln: list[tuple[str, str, int, int, str | None]], titel: str) -> str:
    """Schematic district map: (nr, name, column, row, class) tiles coloured by index class."""
    g = 92
    teile = []
    for nr, name, spalte, reihe, klasse in kacheln:
        farbe = KLASSENFARBE.get(klasse or "", "#ffffff")
        px, py = 5 + spalte * g, 5 + reihe * g
        teile.append(
            f'<rect class="marke" x="{px}" y="{py}" width="{g - 6}" height="{g - 6}" rx="6" fill="{farbe}" '
            f'stroke="{GRAU}"><title>{escape(name)}: {escape(klasse or "ohne Klasse")}</title></rect>'
        )
        teile.append(
            f'<text x="{px + (g - 6) / 2}" y="{py + 40}" text-anchor="middle" font-size="11">{escape(nr)}</text>'
        )
        teile.append(
            f'<text x="{px + (g - 6) / 2}" y="{py + 56}" text-anchor="middle" font-size="10">'
            f"{escape(name[:14])}</text>"
        )
    spalten = max(k[2] for k in kacheln) + 1
    reihen = max(k[3] for k in kacheln) + 1
    return svg(10 + spalten * g, 10 + reihen * g, teile, titel)
