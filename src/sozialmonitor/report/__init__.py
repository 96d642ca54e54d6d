"""The Sozialbericht: self-contained HTML (and a PDF of it) built from the published database only.

``build_report(settings, stichtag)`` writes ``<data>/berichte/sozialbericht_<YYYY>.html``,
``sozialbericht_<YYYY>.pdf`` (when a Chromium is installed) and ``sozialbericht.html``,
which spans every published Stichtag.
"""

from __future__ import annotations

import os
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import quote

import duckdb

from sozialmonitor.gemeinde import load_gemeinde
from sozialmonitor.report import ausblick, karte, kurzfassung, methodik, pdf, seiten
from sozialmonitor.report.daten import Bericht, lade
from sozialmonitor.report.format import datum, zahl
from sozialmonitor.settings import Settings
from sozialmonitor.stage_result import StageResult

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
    try:
        grenzen = karte.lade_grenzen()
    except karte.GrenzenFehler as error:
        grenzen = None
        result.messages.append(str(error))
    gemeinde = load_gemeinde().name
    settings.reports_dir.mkdir(parents=True, exist_ok=True)
    themen = bericht.indikatoren.thema.drop_duplicates()
    nav = (
        "<a href='#kurz'>Kurzfassung</a><a href='#uebersicht'>Sozialindex</a>"
        "<a href='#tabelle'>Alle Kennzahlen</a>"
        + "".join(f"<a href='#thema-{escape(t)}'>{escape(t)}</a>" for t in themen)
        + "<a href='#ausblick'>Ausblick und Frühwarnung</a><a href='#methodik'>Methodik</a><a href='#downloads'>Downloads</a>"
    )
    titel = f"Sozialbericht {gemeinde} – Stichtag {datum(stichtag)}"
    inhalt = (
        seiten.kurz(kurzfassung.saetze(bericht))
        + seiten.uebersicht(bericht, grenzen)
        + seiten.matrix(bericht)
        + seiten.themen(bericht, grenzen)
        + ausblick.abschnitt(bericht)
        + seiten.profile(bericht)
        + methodik.methodik(bericht)
        + _downloads(settings, bericht)
    )
    pfad = settings.reports_dir / f"sozialbericht_{stichtag.year}.html"
    pfad.write_text(seiten.seite(titel, _kopf(bericht), nav, inhalt), encoding="utf-8")
    alle = settings.reports_dir / "sozialbericht.html"
    alle.write_text(_alle_stichtage(settings, gemeinde), encoding="utf-8")
    result.messages.append(f"Sozialbericht: {pfad} (alle Stichtage: {alle})")
    result.details.update(bericht=str(pfad), alle=str(alle))
    druck = pfad.with_suffix(".pdf")
    grund = pdf.drucke(pfad, druck)
    if grund is None:
        result.messages.append(f"PDF: {druck}")
        result.details["pdf"] = str(druck)
    else:
        result.messages.append(grund)
    return result


def _kopf(b: Bericht) -> str:
    return (
        f"<p class='hinweis'>Veröffentlicht am {b.veroeffentlicht_um:%d.%m.%Y} · Stichtag "
        f"{datum(b.stichtag)} · <a href='#downloads'>Daten zum Herunterladen</a> · "
        "<a href='sozialbericht.html'>alle Jahre</a></p>"
    )


def _link(ziel: Path, von: Path, text: str) -> str:
    return f"<a href='{quote(Path(os.path.relpath(ziel, von)).as_posix())}'>{escape(text)}</a>"


def _downloads(settings: Settings, b: Bericht) -> str:
    """The release's exports of this Stichtag and the other years' reports, as relative links."""
    ordner = settings.exports_dir / str(b.stichtag.year)
    dateien = sorted(ordner.iterdir()) if ordner.is_dir() else []
    exporte = (
        "<ul>"
        + "".join(
            f"<li>{_link(d, settings.reports_dir, d.name)}</li>" for d in dateien if d.is_file()
        )
        + "</ul>"
        if dateien
        else "<p>Für diesen Stichtag liegen keine Exporte vor.</p>"
    )
    jahre = [
        _link(
            settings.reports_dir / f"sozialbericht_{d.year}.html",
            settings.reports_dir,
            f"Stichtag {datum(d)}",
        )
        for d in b.alle_stichtage
        if d != b.stichtag
    ]
    return (
        "<h2 id='downloads'>Downloads und andere Jahre</h2>"
        f"<p>Die Daten dieses Berichts (Stichtag {datum(b.stichtag)}), aus derselben Veröffentlichung:</p>"
        + exporte
        + "<p>Berichte anderer Stichtage: "
        + (" · ".join(jahre) or "keine")
        + " · <a href='sozialbericht.html'>Übersicht aller Stichtage</a></p>"
    )


def indexzelle(indexwert: float | None, klasse: str | None) -> str:
    """Index and class in one cell; a missing index has no class either: one dash."""
    if indexwert is None:
        return "–"
    return f"{zahl(indexwert, 2)} ({escape(klasse or '–')})"


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
        tabelle.setdefault((nr, name), {})[d] = indexzelle(v, klasse)
    kopf = "".join(f"<th>{datum(d)}</th>" for d in jahre)
    body = "".join(
        f"<tr><td>{escape(name)}</td>"
        + "".join(f"<td>{werte.get(d, '–')}</td>" for d in jahre)
        + "</tr>"
        for (nr, name), werte in sorted(tabelle.items())
    )
    inhalt = (
        "<h2 id='uebersicht'>Sozialindex aller Stichtage</h2><div class='breit'><table><tr><th>Stadtteil</th>"
        + kopf
        + "</tr>"
        + body
        + "</table></div>"
    )
    return seiten.seite(f"Sozialbericht {gemeinde} – alle Stichtage", "", links, inhalt)
