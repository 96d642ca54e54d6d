"""The quality page of a Stichtag, readable offline: ``<data>/qualitaet/<stichtag>/pruefungen.html``.

GX Data Docs load their scripts and styles from the internet, so offline their index lists
nothing. This page is plain HTML without scripts: per suite the latest run's expectations
with severity, result, observed value and message, and links to the suite's GX validation
pages (static HTML: offline they lack only their styles).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from html import escape
from pathlib import Path

from sozialmonitor.quality.erwartung import BLOCKIEREND

PAGE = "pruefungen.html"

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; max-width: 80rem; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; width: 100%; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.verletzt-blockierend { background: #fde2e1; }
.verletzt-warnung { background: #fff4d6; }
td.text { word-break: break-word; }
"""


def _latest_documents(folder: Path) -> list[dict]:
    """Per suite the JSON of its latest run (``<lauf_id>/<suite>.json``), sorted by suite."""
    latest: dict[str, tuple[str, dict]] = {}
    for path in folder.glob("*/*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        checked = max((e["geprueft_um"] for e in document["ergebnisse"]), default="")
        if document["suite"] not in latest or checked > latest[document["suite"]][0]:
            latest[document["suite"]] = (checked, document)
    return [latest[suite][1] for suite in sorted(latest)]


def _ergebnis(document: dict) -> str:
    failed = [e for e in document["ergebnisse"] if not e["erfolg"]]
    blocking = sum(e["schwere"] == BLOCKIEREND for e in failed)
    if blocking:
        return f"blockiert ({blocking} blockierend verletzt, {len(failed) - blocking} Warnungen)"
    return f"bestanden, {len(failed)} Warnungen" if failed else "bestanden"


def _links(document: dict) -> str:
    links = [
        f'<a href="{escape(page)}">{escape(rahmen)}</a>'
        for rahmen, page in document.get("data_docs", {}).items()
    ]
    return ", ".join(links) or "–"


def _suite_section(document: dict) -> str:
    rows = []
    for e in document["ergebnisse"]:
        css = "" if e["erfolg"] else f' class="verletzt-{e["schwere"]}"'
        rows.append(
            f"<tr{css}><td>{escape(e['erwartung'])}</td><td>{escape(e['spalte'] or '–')}</td>"
            f"<td>{escape(e['schwere'])}</td><td>{'erfüllt' if e['erfolg'] else 'verletzt'}</td>"
            f"<td class=text>{escape(e['beobachtet'] or '')}</td>"
            f"<td class=text>{escape(e['meldung'] or '')}</td></tr>"
        )
    suite = escape(document["suite"])
    return (
        f'<h2 id="{suite}">{suite}</h2>'
        f"<p>Prüft <b>{escape(document['schuetzt'])}</b>; Lauf {escape(document['lauf_id'])}; "
        f"{escape(_ergebnis(document))}. GX-Seiten: {_links(document)}</p>"
        "<table><tr><th>Erwartung</th><th>Spalte</th><th>Schwere</th><th>Ergebnis</th>"
        f"<th>beobachtet</th><th>Meldung</th></tr>{''.join(rows)}</table>"
    )


def write_page(folder: Path, stichtag: date) -> Path:
    """Write the page from the JSON results under ``folder`` (``<data>/qualitaet/<stichtag>``)."""
    documents = _latest_documents(folder)
    overview = "".join(
        f'<tr><td><a href="#{escape(d["suite"])}">{escape(d["suite"])}</a></td>'
        f"<td>{escape(d['schuetzt'])}</td><td>{escape(_ergebnis(d))}</td>"
        f"<td>{len(d['ergebnisse'])}</td><td>{escape(d['lauf_id'])}</td></tr>"
        for d in documents
    )
    title = f"Qualitätsprüfungen zum Stichtag {stichtag:%d.%m.%Y}"
    page = (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{title}</h1><p>Je Suite die Ergebnisse ihres letzten Laufs; erstellt "
        f"{datetime.now():%d.%m.%Y %H:%M}. Blockierende Verletzungen sperren die "
        "Veröffentlichung des Stichtags, Warnungen nicht.</p>"
        "<table><tr><th>Suite</th><th>prüft</th><th>Ergebnis</th><th>Erwartungen</th>"
        f"<th>Lauf</th></tr>{overview}</table>"
        f"{''.join(_suite_section(d) for d in documents)}</body></html>"
    )
    path = folder / PAGE
    path.write_text(page, encoding="utf-8")
    return path
