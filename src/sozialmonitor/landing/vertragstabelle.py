"""The delivery contract written where people and dbt read it, from landing/quellen.py.

Three places, all written by ``scripts/vertragstabelle.py`` and never edited by hand: the
Markdown tables in docs/architecture.md (between two markers), the raw columns of each dbt
source (between two comment markers in ``models/staging/<amt>/_<amt>__sources.yml``) and
the doc blocks of the delivered columns that carry a rule (``models/staging/_liefervertrag.md``,
used by the model YAML). A test fails when any of them differs from the contract.
"""

from __future__ import annotations

import re
from pathlib import Path

from sozialmonitor.landing.quellen import (
    GEB_JAHR_MIN,
    QUELLEN_DEF,
    RAW_KOPFSPALTEN,
    SGB2_SPALTEN,
    SGB2_ZELLE,
    Quelle,
    Spalte,
    raw_spalten,
    raw_tabelle,
)

HERKUNFT = "from src/sozialmonitor/landing/quellen.py by scripts/vertragstabelle.py; do not edit"
ANFANG = f"<!-- vertrag: {HERKUNFT} -->"
ENDE = "<!-- vertrag: end -->"
DOKUMENT = Path("docs") / "architecture.md"
DOKUBLOECKE = Path("models") / "staging" / "_liefervertrag.md"
QUELLEN_YAML = "models/staging/*/_*__sources.yml"
#: ``# vertrag: raw.<quelle> from …`` up to ``# vertrag: end`` at the same indentation.
_YAML_BLOCK = re.compile(
    r"^(?P<einzug> *)# vertrag: raw\.(?P<quelle>\w+) .*?\n.*?^(?P=einzug)# vertrag: end$",
    re.MULTILINE | re.DOTALL,
)
#: Doc block names where the raw column's name alone says too little.
_DOKU_NAMEN = {"typ": "einrichtungstyp", "art": "wohngeldart"}
#: The warehouse's stadtteil_nr (with 00 and 99) is wider than the delivered one: its doc
#: block is written in models/docs.md.
_OHNE_DOKUBLOCK = {"stadtteil_nr"}


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


def _regel_deutsch(spalte: Spalte) -> str:
    """The contract's rule of a column in German, for dbt's documentation."""
    teile = []
    if spalte.art == "datum":
        teile.append("Datum TT.MM.JJJJ" + (", nicht nach dem Stichtag" if spalte.jahr else ""))
    if spalte.werte is not None:
        teile.append("Codes " + ", ".join(f"`{w}`" for w in spalte.werte))
    if spalte.muster is not None:
        teile.append(f"Format `{spalte.muster}`")
    if spalte.min is not None:
        teile.append(f"{_zahl(spalte.min)} bis {_zahl(spalte.max)}")
    return "; ".join(teile)


def _pflicht(spalte: Spalte) -> str:
    return "Pflicht" if spalte.pflicht else "darf leer sein"


def _beschreibungen(spalte: Spalte) -> list[tuple[str, str]]:
    """(raw column, German description) of one delivered column."""
    if spalte.art == "id":
        return [
            (spalte.raw_name, f"Pseudonym (HMAC-SHA256) der {spalte.bedeutung} ({spalte.name}).")
        ]
    if spalte.art == "geb":
        return [
            (
                "geb_jahr",
                f"Geburtsjahr aus {spalte.name} (TT.MM.JJJJ, {_pflicht(spalte)}; "
                f"ab {GEB_JAHR_MIN}, nicht nach dem Stichtag).",
            ),
            ("geb_monat", f"Geburtsmonat (1–12) aus {spalte.name}."),
        ]
    regel = "; ".join(filter(None, [_pflicht(spalte), _regel_deutsch(spalte)]))
    return [(spalte.raw_name, f"{spalte.bedeutung} ({spalte.name}, {regel}).")]


def _sgb2_beschreibungen() -> list[tuple[str, str]]:
    zelle = f"Zahl, `*` (1 oder 2, gesperrt) oder `-` (0), als Text (`{SGB2_ZELLE}`)"
    return [
        ("stadtteil_bezeichnung", "Stadtteilname oder Alias wie vom Jobcenter geliefert."),
        ("stadtteil_nr", "Stadtteil, zweistellig; 00 für die Gesamtzeile."),
        *((name, f"Spalte „{kopf}“: {zelle}.") for name, kopf in SGB2_SPALTEN),
    ]


def _yaml_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def quelltabelle(quelle: Quelle) -> list[str]:
    """The contract's part of ``raw.<quelle>`` in a dbt sources YAML (not indented): the key
    as a test (the models join on it) and the columns with type and description."""
    typen = dict(raw_tabelle(quelle))
    raw_namen = {s.name: s.raw_name for s in quelle.spalten}
    zeilen = []
    if quelle.schluessel:
        schluessel = ", ".join(["stichtag", *(raw_namen[s] for s in quelle.schluessel)])
        zeilen += ["data_tests:", f"  - eindeutig: {{arguments: {{spalten: [{schluessel}]}}}}"]
    spalten = [(name, f'{{{{ doc("{name}") }}}}') for name, _ in RAW_KOPFSPALTEN]
    if quelle.excel:
        spalten += _sgb2_beschreibungen()
    else:
        spalten += [paar for spalte in quelle.spalten for paar in _beschreibungen(spalte)]
    zeilen.append("columns:")
    for name, beschreibung in spalten:
        zeilen += [
            f"  - name: {name}",
            f"    data_type: {typen[name].lower()}",
            f"    description: {_yaml_text(beschreibung)}",
        ]
    return zeilen


def in_quellen_yaml(text: str) -> str:
    """``text`` of a sources YAML with every marked block written anew."""

    def block(treffer: re.Match) -> str:
        einzug = treffer["einzug"]
        zeilen = quelltabelle(QUELLEN_DEF[treffer["quelle"]])
        return "\n".join(
            [
                f"{einzug}# vertrag: raw.{treffer['quelle']} {HERKUNFT}",
                *(einzug + zeile for zeile in zeilen),
                f"{einzug}# vertrag: end",
            ]
        )

    return _YAML_BLOCK.sub(block, text)


def quellen_in_yaml(pfade: list[Path]) -> list[str]:
    """The sources whose raw tables the marked blocks of ``pfade`` show, in file order."""
    return [
        treffer["quelle"]
        for pfad in pfade
        for treffer in _YAML_BLOCK.finditer(pfad.read_text(encoding="utf-8"))
    ]


def dokubloecke() -> str:
    """Doc blocks of the delivered columns with a code list, format or range, by raw name."""
    bloecke: dict[str, str] = {}
    for quelle in QUELLEN_DEF.values():
        for spalte in quelle.spalten:
            regel = _regel_deutsch(spalte)
            if spalte.art == "datum" or not regel or spalte.raw_name in _OHNE_DOKUBLOCK:
                continue
            name = _DOKU_NAMEN.get(spalte.raw_name, spalte.raw_name)
            text = f"{spalte.bedeutung} (Liefervertrag: {regel})."
            if bloecke.setdefault(name, text) != text:
                raise ValueError(f"Doc-Block {name}: zwei Spalten mit verschiedenen Regeln")
    teile = [f"{{# vertrag: {HERKUNFT} #}}"]
    teile += [f"{{% docs {n} %}}\n{text}\n{{% enddocs %}}" for n, text in sorted(bloecke.items())]
    return "\n\n".join(teile) + "\n"


def soll(projekt: Path) -> dict[Path, str]:
    """Every file the contract is written into, with the text it must have."""
    dokument = projekt / DOKUMENT
    text = dokument.read_text(encoding="utf-8")
    dateien = {dokument: text.replace(im_dokument(dokument), tabellen())}
    for pfad in sorted(projekt.glob(QUELLEN_YAML)):
        dateien[pfad] = in_quellen_yaml(pfad.read_text(encoding="utf-8"))
    dateien[projekt / DOKUBLOECKE] = dokubloecke()
    return dateien


def abweichungen(projekt: Path) -> list[Path]:
    """The files whose text differs from the contract (a missing doc block file too)."""
    return [
        pfad
        for pfad, text in soll(projekt).items()
        if not pfad.exists() or pfad.read_text(encoding="utf-8") != text
    ]


def schreibe_alle(projekt: Path) -> list[Path]:
    """Write the contract into every file that differs; the files written."""
    geaendert = abweichungen(projekt)
    for pfad, text in soll(projekt).items():
        if pfad in geaendert:
            pfad.write_text(text, encoding="utf-8")
    return geaendert
