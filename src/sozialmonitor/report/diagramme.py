"""Charts as inline SVG: no script, no CDN, readable offline and in any browser.

Every mark carries ``class="marke"`` so a test (or a person) can count what was drawn.
"""

from __future__ import annotations

from html import escape

from sozialmonitor.report.format import zahl

KLASSENFARBE = {
    "sehr hoch": "#b2182b",
    "hoch": "#ef8a62",
    "mittel": "#d9d9d9",
    "niedrig": "#67a9cf",
}
GRAU = "#4d4d4d"
BALKEN = "#2c7fb8"


def _svg(breite: int, hoehe: int, inhalt: list[str], titel: str) -> str:
    return (
        f'<svg class="diagramm" role="img" aria-label="{escape(titel)}" viewBox="0 0 {breite} {hoehe}" '
        f'width="{breite}" height="{hoehe}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(titel)}</title>{''.join(inhalt)}</svg>"
    )


def rangbalken(
    zeilen: list[tuple[str, float | None, str]],
    titel: str,
    referenz: float | None = None,
    farben: dict[str, str] | None = None,
    einheit: str = "",
) -> str:
    """Ranked horizontal bars: (label, value or None, text shown); None bars read 'gesperrt'/'–'.

    ``referenz`` draws the city value as a vertical line; ``farben`` colours a bar per label.
    """
    rang = sorted(zeilen, key=lambda z: (z[1] is None, -(z[1] or 0)))
    werte = [v for _, v, _ in rang if v is not None] + ([referenz] if referenz is not None else [])
    lo, hi = min([0.0, *werte]), max([0.0, *werte]) or 1.0
    links, breite, zeile_h = 170, 300, 20
    x = lambda v: links + (v - lo) / ((hi - lo) or 1) * breite
    teile = []
    for i, (label, v, text) in enumerate(rang):
        y = 10 + i * zeile_h
        teile.append(
            f'<text x="{links - 6}" y="{y + 14}" text-anchor="end" font-size="12">{escape(label)}</text>'
        )
        if v is not None:
            x0, x1 = sorted((x(0), x(v)))
            farbe = (farben or {}).get(label, BALKEN)
            teile.append(
                f'<rect class="marke" x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 1):.1f}" '
                f'height="{zeile_h - 6}" fill="{farbe}"><title>{escape(label)}: {escape(text)}</title></rect>'
            )
        teile.append(
            f'<text x="{links + breite + 6}" y="{y + 14}" font-size="12">{escape(text)}</text>'
        )
    hoehe = 20 + len(rang) * zeile_h
    if referenz is not None:
        teile.append(
            f'<line class="referenz" x1="{x(referenz):.1f}" x2="{x(referenz):.1f}" y1="5" y2="{hoehe - 5}" '
            f'stroke="{GRAU}" stroke-dasharray="4 3"><title>Stadt: {zahl(referenz)}{einheit}</title></line>'
        )
    return _svg(links + breite + 110, hoehe, teile, titel)


def zeitreihe(reihen: dict[str, list[tuple[str, float | None]]], titel: str) -> str:
    """Lines over Stichtage: {series label: [(year label, value or None)]}; gaps stay gaps."""
    jahre = sorted({j for punkte in reihen.values() for j, _ in punkte})
    werte = [v for punkte in reihen.values() for _, v in punkte if v is not None]
    lo, hi = (min(werte), max(werte)) if werte else (0.0, 1.0)
    lo, hi = (lo - 1, hi + 1) if lo == hi else (lo, hi)
    links, breite, hoehe = 50, 360, 160
    x = lambda j: links + (jahre.index(j) / max(len(jahre) - 1, 1)) * breite
    y = lambda v: 10 + (hi - v) / (hi - lo) * (hoehe - 40)
    teile = [
        f'<text x="{x(j):.1f}" y="{hoehe - 8}" text-anchor="middle" font-size="11">{j}</text>'
        for j in jahre
    ]
    teile += [
        f'<text x="{links - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11">{zahl(v)}</text>'
        for v in (lo, hi)
    ]
    farben = [GRAU, BALKEN, "#e6550d", "#31a354"]
    for i, (label, punkte) in enumerate(reihen.items()):
        farbe = farben[i % len(farben)]
        strecke = [(x(j), y(v)) for j, v in punkte if v is not None]
        if len(strecke) > 1:
            pfad = " ".join(
                f"{'M' if k == 0 else 'L'}{px:.1f},{py:.1f}" for k, (px, py) in enumerate(strecke)
            )
            teile.append(
                f'<path class="marke" d="{pfad}" fill="none" stroke="{farbe}" stroke-width="2"/>'
            )
        for j, v in punkte:
            if v is not None:
                teile.append(
                    f'<circle class="marke" cx="{x(j):.1f}" cy="{y(v):.1f}" r="3" fill="{farbe}">'
                    f"<title>{escape(label)} {j}: {zahl(v)}</title></circle>"
                )
        teile.append(
            f'<text x="{links + breite + 8}" y="{20 + i * 14}" font-size="11" fill="{farbe}">{escape(label)}</text>'
        )
    return _svg(links + breite + 150, hoehe, teile, titel)


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
    return _svg(10 + spalten * g, 10 + reihen * g, teile, titel)
