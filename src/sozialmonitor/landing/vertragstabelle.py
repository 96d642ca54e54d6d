"""The delivery contract as Markdown tables, for docs/architecture.md.

The tables are written from landing/quellen.py (``scripts/vertragstabelle.py``) between two
markers and never edited by hand; a test fails when the document and the contract differ.
"""

from __future__ import annotations

from pathlib import Path

from sozialmonitor.landing.quellen import (
    GEB_JAHR_MIN,
    QUELLEN_DEF,
    SGB2_SPALTEN,
    SGB2_ZELLE,
    Quelle,
    Spalte,
    raw_spalten,
)

ANFANG = "<!-- vertrag: from src/sozialmonitor/landing/quellen.py by scripts/vertragstabelle.py; do not edit -->"
ENDE = "<!-- vertrag: end -->"


def _zahl(wert: float) -> str:
    return f"{int(wert):,}".replace(",", " ") if float(wert).is_integer() else f"{wert:g}"


def _code(text: str) -> str:
    """Inline code in a table cell: a ``|`` of a pattern would end the cell."""
    return "`" + text.replace("|", "\\|") + "`"


def _regel(spalte: Spalte) -> str:
    teile = []
    if spalte.art == "id":
        teile.append("pseudonymised (HMAC-SHA256)")
    if spalte.art == "geb":
        teile.append(f"`TT.MM.JJJJ`, from {GEB_JAHR_MIN} to the Stichtag; lands as year and month")
    elif spalte.art == "datum":
        teile.append(
            "`TT.MM.JJJJ`" + (", not after the Stichtag, gives the year" if spalte.jahr else "")
        )
    if spalte.werte is not None:
        teile.append(", ".join(f"`{w}`" for w in spalte.werte))
    if spalte.muster is not None:
        teile.append(_code(spalte.muster))
    if spalte.min is not None:
        teile.append(f"{_zahl(spalte.min)} to {_zahl(spalte.max)}")
    if spalte.bedeutung:
        teile.append(spalte.bedeutung)
    return "; ".join(teile) or "text as delivered"


def _raw(spalte: Spalte, typen: dict[str, str]) -> str:
    namen = ["geb_jahr", "geb_monat"] if spalte.art == "geb" else [spalte.raw_name]
    return ", ".join(f"`{n}` {typen[n]}" for n in namen)


def _quellen() -> list[str]:
    zeilen = ["| source | file | raw table | unique |", "|---|---|---|---|"]
    for q in QUELLEN_DEF.values():
        datei = q.datei_muster.replace("{jahr}", "<YYYY>")
        eindeutig = "district" if q.excel else " + ".join(f"`{s}`" for s in q.schluessel)
        zeilen.append(f"| {q.name} | `{datei}` | `raw.{q.name}` | {eindeutig} |")
    return zeilen


def _spalten(quelle: Quelle) -> list[str]:
    typen = dict(raw_spalten(quelle))
    if quelle.excel:
        zeilen = [
            "| `Stadtteil` | `stadtteil_bezeichnung` VARCHAR, `stadtteil_nr` VARCHAR | yes | "
            "name or alias from `seeds/stadtteile.csv`; every district and the total row "
            "(`00`) once |"
        ]
        return zeilen + [
            f"| `{kopf}` | `{name}` {typen[name]} | yes | {_code(SGB2_ZELLE)} (kept as text) |"
            for name, kopf in SGB2_SPALTEN
        ]
    return [
        f"| `{s.name}` | {_raw(s, typen)} | {'yes' if s.pflicht else 'no'} | {_regel(s)} |"
        for s in quelle.spalten
    ]


def tabellen() -> str:
    """The Markdown between the markers: the sources, then each source's columns and rules."""
    zeilen = [ANFANG, "", *_quellen()]
    for quelle in QUELLEN_DEF.values():
        zeilen += [
            "",
            f"**{quelle.name}**",
            "",
            "| delivered column | raw column(s) | required | rule |",
            "|---|---|---|---|",
            *_spalten(quelle),
        ]
    return "\n".join([*zeilen, "", ENDE])


def im_dokument(pfad: Path) -> str:
    """The part of ``pfad`` between the markers, markers included."""
    text = pfad.read_text(encoding="utf-8")
    return text[text.index(ANFANG) : text.index(ENDE) + len(ENDE)]


def schreibe(pfad: Path) -> bool:
    """Replace the tables in ``pfad`` by the contract's; True when the file changed."""
    alt = im_dokument(pfad)
    neu = tabellen()
    if alt == neu:
        return False
    pfad.write_text(pfad.read_text(encoding="utf-8").replace(alt, neu), encoding="utf-8")
    return True
