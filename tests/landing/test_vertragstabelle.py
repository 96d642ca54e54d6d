"""The documents and dbt sources show the delivery contract as landing/quellen.py declares it."""

from __future__ import annotations

import shutil
from dataclasses import replace

import yaml

from sozialmonitor.landing import quellen, vertragstabelle
from sozialmonitor.quality.vertrag import vertragsspalten
from sozialmonitor.settings import PROJECT_DIR


def _quellen_yaml(projekt):
    return sorted(projekt.glob(vertragstabelle.QUELLEN_YAML))


def _schluessel(quelle):
    """The contract's key as raw columns, per Stichtag (the SGB II workbook: none, by district)."""
    raw = {s.name: s.raw_name for s in quelle.spalten}
    return [["stichtag", *(raw[s] for s in quelle.schluessel)]] if quelle.schluessel else []


def test_every_generated_part_shows_the_contract_as_declared():
    assert vertragstabelle.abweichungen(PROJECT_DIR) == [], (
        "differs from landing/quellen.py: run scripts/vertragstabelle.py"
    )


def test_every_source_has_its_raw_columns_and_key_in_one_dbt_source():
    assert sorted(vertragstabelle.quellen_in_yaml(_quellen_yaml(PROJECT_DIR))) == sorted(
        quellen.QUELLEN
    )
    for pfad in _quellen_yaml(PROJECT_DIR):
        for quelle in yaml.safe_load(pfad.read_text(encoding="utf-8"))["sources"]:
            for tabelle in quelle["tables"]:
                spalten = {s["name"]: s["data_type"].upper() for s in tabelle["columns"]}
                raw = quellen.QUELLEN_DEF[tabelle["identifier"]]
                assert spalten == vertragsspalten(raw), pfad
                schluessel = [
                    t["eindeutig"]["arguments"]["spalten"] for t in tabelle.get("data_tests", [])
                ]
                assert schluessel == _schluessel(raw), pfad


def test_a_changed_contract_no_longer_matches_until_written(monkeypatch, tmp_path):
    for teil in (vertragstabelle.DOKUMENT, vertragstabelle.DOKUBLOECKE.parent):
        ziel = tmp_path / teil
        ziel.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if (PROJECT_DIR / teil).is_dir() else shutil.copy)(
            PROJECT_DIR / teil, ziel
        )
    seu = quellen.QUELLEN_DEF["seu"]
    spalten = tuple(replace(s, max=210) if s.name == "GROESSE_CM" else s for s in seu.spalten)
    monkeypatch.setitem(quellen.QUELLEN_DEF, "seu", replace(seu, spalten=spalten))
    seu_yaml = tmp_path / "models" / "staging" / "seu" / "_seu__sources.yml"
    vorher = seu_yaml.read_text(encoding="utf-8")

    assert set(vertragstabelle.abweichungen(tmp_path)) == {
        tmp_path / vertragstabelle.DOKUMENT,
        seu_yaml,
        tmp_path / vertragstabelle.DOKUBLOECKE,
    }
    vertragstabelle.schreibe_alle(tmp_path)

    assert vertragstabelle.abweichungen(tmp_path) == []
    assert "| `GROESSE_CM` | `groesse_cm` DOUBLE | no | 60 to 210" in (
        tmp_path / vertragstabelle.DOKUMENT
    ).read_text(encoding="utf-8")
    assert "Körpergröße in cm (Liefervertrag: 60 bis 210)." in (
        tmp_path / vertragstabelle.DOKUBLOECKE
    ).read_text(encoding="utf-8")
    nachher = seu_yaml.read_text(encoding="utf-8")
    assert "(GROESSE_CM, darf leer sein; 60 bis 210)" in nachher
    # what is written by hand around the generated block stays as it was
    kopf = vorher[: vorher.index("# vertrag:")]
    assert nachher.startswith(kopf)
