"""A blocked year is not published, later years are never computed against it, and a
corrected year brings the later years' dependent values along in the same release."""

from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pytest

from sozialmonitor import pipeline
from sozialmonitor.generator import generate
from sozialmonitor.landing import land
from sozialmonitor.publishing import publish
from sozialmonitor.quality import check
from sozialmonitor.settings import Settings
from sozialmonitor.transform import build

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("blockiert")]
JAHR_1, JAHR_2 = date(2023, 12, 31), date(2024, 12, 31)
SCHLUESSEL = "blockiert-test-key-" + "b" * 32


def _abfrage(pfad, sql, params=()):
    with duckdb.connect(str(pfad), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.fixture(scope="module")
def blockiert(tmp_path_factory):
    """2023 without its housing-benefit file, run as the city runs it; the file kept aside."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOZIALMONITOR_PSEUDONYM_KEY", SCHLUESSEL)
    root = tmp_path_factory.mktemp("blockiert")
    settings = Settings.from_env(data_dir=root / "data", inbox=root / "inbox")
    generate(settings.inbox, [JAHR_1.year, JAHR_2.year], scale=0.05, seed=5)
    (datei,) = (settings.inbox / str(JAHR_1.year)).glob("wohngeld_*")
    beiseite = root / datei.name
    datei.rename(beiseite)
    ausgabe: list[str] = []
    ergebnis = pipeline.run(settings, None, echo=ausgabe.append)
    yield settings, ergebnis, ausgabe, beiseite
    mp.undo()


def test_a_blocked_landing_ends_its_year_and_nothing_of_it_is_published(blockiert):
    settings, ergebnis, ausgabe, _ = blockiert
    assert [r.stage for r in ergebnis[JAHR_1]] == ["land"]  # no build on partial data
    assert ergebnis[JAHR_1][0].blocks_publication
    assert any("31.12.2023 endet hier" in z for z in ausgabe)
    assert all(r.ok for r in ergebnis[JAHR_2]), [m for r in ergebnis[JAHR_2] for m in r.messages]
    for tabelle in ("fct_indikatoren", "fct_bevoelkerung", "fct_sozialindex", "freigaben"):
        assert _abfrage(settings.published_db, f"SELECT DISTINCT stichtag FROM {tabelle}") == [
            (JAHR_2,)
        ]
    assert sorted(p.name for p in settings.exports_dir.iterdir() if p.is_dir()) == ["2024"]
    assert not (settings.reports_dir / "sozialbericht_2023.html").exists()
    assert not _abfrage(
        settings.warehouse, "SELECT * FROM betrieb.bauprotokoll WHERE stichtag = ?", [JAHR_1]
    )


def test_changes_against_a_blocked_year_are_missing_with_a_reason(blockiert):
    settings, *_ = blockiert
    veraenderung = _abfrage(
        settings.published_db,
        "SELECT DISTINCT wert, hinweis FROM fct_indikatoren WHERE indikator_id = 'bev_veraenderung_vorjahr'",
    )
    assert veraenderung == [(None, "vorjahr_nicht_veroeffentlicht")]
    index = _abfrage(
        settings.published_db,
        "SELECT DISTINCT veraenderung_vorjahr FROM fct_sozialindex",
    )
    assert index == [(None,)]
    hinweise = _abfrage(
        settings.published_db,
        "SELECT DISTINCT hinweis FROM fct_sozialindex WHERE indexwert IS NOT NULL",
    )
    assert set(hinweise) <= {("vorjahr_nicht_veroeffentlicht",)}


def _korrigiert(blockiert, tmp_path) -> Settings:
    """A copy of the blocked state with the missing file delivered after all."""
    settings, _, _, beiseite = blockiert
    kopie = Settings.from_env(data_dir=tmp_path / "data", inbox=tmp_path / "inbox")
    shutil.copytree(settings.data_dir, kopie.data_dir)
    shutil.copytree(settings.inbox, kopie.inbox)
    shutil.copy2(beiseite, kopie.inbox / str(JAHR_1.year) / beiseite.name)
    return kopie


def test_a_stale_later_year_is_named_and_not_published(blockiert, tmp_path, monkeypatch):
    monkeypatch.setenv("SOZIALMONITOR_PSEUDONYM_KEY", SCHLUESSEL)
    settings = _korrigiert(blockiert, tmp_path)
    vorher = settings.published_db.read_bytes()
    for stage in (land, build, check):
        assert stage(settings, JAHR_1).ok
    result = publish(settings, JAHR_1)
    assert not result.ok
    assert any("31.12.2024" in m and "--stichtag 2024-12-31" in m for m in result.messages)
    assert settings.published_db.read_bytes() == vorher


def test_a_corrected_year_brings_the_later_years_changes_along(blockiert, tmp_path, monkeypatch):
    monkeypatch.setenv("SOZIALMONITOR_PSEUDONYM_KEY", SCHLUESSEL)
    settings = _korrigiert(blockiert, tmp_path)
    ausgabe: list[str] = []
    ergebnis = pipeline.run(settings, [JAHR_1], echo=ausgabe.append)
    assert all(r.ok for r in ergebnis[JAHR_1]), ausgabe
    assert any("[2024-12-31] wird neu gerechnet" in z for z in ausgabe)
    assert _abfrage(
        settings.published_db, "SELECT DISTINCT stichtag FROM fct_indikatoren ORDER BY 1"
    ) == [(JAHR_1,), (JAHR_2,)]
    # 2024's change is now computed against the published 2023: residents 2024 minus 2023
    zeilen = _abfrage(
        settings.published_db,
        "SELECT stichtag, indikator_id, zaehler, hinweis FROM fct_indikatoren WHERE stadtteil_nr = '00' "
        "AND merkmal = 'gesamt' AND indikator_id IN ('bev_einwohner', 'bev_veraenderung_vorjahr')",
    )
    werte = {(d, i): (z, h) for d, i, z, h in zeilen}
    einwohner_1 = werte[(JAHR_1, "bev_einwohner")][0]
    einwohner_2 = werte[(JAHR_2, "bev_einwohner")][0]
    assert werte[(JAHR_2, "bev_veraenderung_vorjahr")] == (einwohner_2 - einwohner_1, None)
    assert sorted(p.name for p in settings.exports_dir.iterdir() if p.is_dir()) == ["2023", "2024"]
