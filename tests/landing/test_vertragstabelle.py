"""docs/architecture.md shows the delivery contract as landing/quellen.py declares it."""

from __future__ import annotations

from dataclasses import replace

from sozialmonitor.landing import quellen, vertragstabelle
from sozialmonitor.settings import PROJECT_DIR

DOKUMENT = PROJECT_DIR / "docs" / "architecture.md"


def test_the_architecture_document_shows_the_contract_as_declared():
    assert vertragstabelle.im_dokument(DOKUMENT) == vertragstabelle.tabellen(), (
        "docs/architecture.md differs from landing/quellen.py: run scripts/vertragstabelle.py"
    )


def test_a_changed_contract_no_longer_matches_the_document(monkeypatch, tmp_path):
    seu = quellen.QUELLEN_DEF["seu"]
    spalten = tuple(replace(s, max=210) if s.name == "GROESSE_CM" else s for s in seu.spalten)
    monkeypatch.setitem(quellen.QUELLEN_DEF, "seu", replace(seu, spalten=spalten))
    assert "| `GROESSE_CM` | `groesse_cm` DOUBLE | no | 60 to 210 |" in vertragstabelle.tabellen()
    kopie = tmp_path / "architecture.md"
    kopie.write_text(DOKUMENT.read_text(encoding="utf-8"), encoding="utf-8")
    assert vertragstabelle.im_dokument(kopie) != vertragstabelle.tabellen()
    assert vertragstabelle.schreibe(kopie)
    assert vertragstabelle.im_dokument(kopie) == vertragstabelle.tabellen()
