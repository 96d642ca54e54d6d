"""The Sozialbericht: self-contained HTML built from the published database only.

``build_report(settings, stichtag)`` writes ``<data>/berichte/sozialbericht_<YYYY>.html``
and ``sozialbericht.html``, which spans every published Stichtag.
"""

from __future__ import annotations

from datetime import date
from html import escape

import duckdb

from sozialmonitor.gemeinde import load_gemeinde
from sozialmonitor.outcome import StageResult
from sozialmonitor.report import seiten
from sozialmonitor.report.daten import lade
from sozialmonitor.report.format import datum, zahl
from sozialmonitor.settings import Settings

__all__ = ["build_report"]


def build_report(settings: Settings, stichtag: date) -> StageResult:
    result = StageResult("report", stichtag)
    if not settings.published_db.is_file():
        result.fail(
            f"keine veröffentlichte Datenbank {settings.published_db}: erst veröffentlichen",
            block=False,
        )
        return result
    try:
        bericht = lade(settings.published_db, stichtag)
    except LookupError as error:
        result.fail(str(error), block=False)
        return result
    gemeinde = load_gemeinde().name
    settings.reports_dir.mkdir(parents=True, exist_ok=True)
    themen = bericht.indikatoren.thema.drop_duplicates()
    nav = "<a href='#uebersicht'>Übersicht</a>" + "".join(
        f"<a href='#thema-{escape(t)}'>{escape(t)}</a>" for t in themen
    )
    titel = f"Sozialbericht {gemeinde} – Stichtag {datum(stichtag)}"
    html = seiten.seite(
        titel, nav, seiten.uebersicht(bericht) + seiten.themen(bericht) + seiten.profile(bericht)
    )
    pfad = settings.reports_dir / f"sozialbericht_{stichtag.year}.html"
    pfad.write_text(html, encoding="utf-8")
    alle = settings.reports_dir / "sozialbericht.html"
    alle.write_text(_alle_stichtage(settings, gemeinde), encoding="utf-8")
    result.messages.append(f"Sozialbericht: {pfad} (alle Stichtage: {alle})")
    result.details.update(bericht=str(pfad), alle=str(alle))
    return result


def _alle_stichtage(settings: Settings, gemeinde: str) -> str:
    """Index classes of every district over every published Stichtag, with links to each year."""
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        rows = con.execute(
            "SELECT s.stichtag, s.stadtteil_nr, d.name, s.indexwert, s.klasse FROM fct_sozialindex s "
            "JOIN dim_stadtteil d USING (stadtteil_nr) ORDER BY s.stadtteil_nr, s.stichtag"
        ).fetchall()
    jahre = sorted({r[0] for r in rows})
    links = "".join(
        f"<a href='sozialbericht_{d.year}.html'>{datum(d)}</a>"
        for d in jahre
        if (settings.reports_dir / f"sozialbericht_{d.year}.html").exists()
    )
    tabelle = {}
    for d, nr, name, v, klasse in rows:
        tabelle.setdefault((nr, name), {})[d] = f"{zahl(v, 2)} ({escape(klasse or '–')})"
    kopf = "".join(f"<th>{datum(d)}</th>" for d in jahre)
    body = "".join(
        f"<tr><td>{escape(name)}</td>"
        + "".join(f"<td>{werte.get(d, '–')}</td>" for d in jahre)
        + "</tr>"
        for (nr, name), werte in sorted(tabelle.items())
    )
    inhalt = (
        "<h2 id='uebersicht'>Sozialindex aller Stichtage</h2><table><tr><th>Stadtteil</th>"
        + kopf
        + "</tr>"
        + body
        + "</table>"
    )
    return seiten.seite(f"Sozialbericht {gemeinde} – alle Stichtage", links, inhalt)
