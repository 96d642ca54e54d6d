"""Release rules on a built warehouse: unchanged content, a full disk, a person's release."""

from __future__ import annotations

import errno
from collections import namedtuple

import duckdb
import pytest

from sozialmonitor import freigabe
from sozialmonitor.publishing import publish, wap
from tests.conftest import STICHTAGE
from tests.publishing.conftest import neue_pruefung, sha256_datei

pytestmark = pytest.mark.slow
STICHTAG = STICHTAGE[-1]


def test_publishing_unchanged_content_makes_no_new_version(settings):
    assert publish(settings, STICHTAG).ok
    before = sha256_datei(settings.published_db)
    result = publish(settings, STICHTAG)
    assert result.ok
    assert "Inhalt unverändert" in result.messages[0]
    assert sha256_datei(settings.published_db) == before
    assert wap.versionen(settings) == []


def test_a_full_disk_keeps_the_release_and_says_so(settings, monkeypatch):
    assert publish(settings, STICHTAG).ok
    before = sha256_datei(settings.published_db)
    neue_pruefung(settings, STICHTAG, bestanden=False)  # the next release, 2023 alone, differs
    Platz = namedtuple("Platz", "total used free")
    monkeypatch.setattr(wap.shutil, "disk_usage", lambda _: Platz(10**9, 10**9, 1024))
    result = publish(settings, STICHTAGE[0])
    assert not result.ok
    assert any("zu wenig Speicherplatz" in m and "bleibt unverändert" in m for m in result.messages)
    assert sha256_datei(settings.published_db) == before
    assert not list(settings.published_dir.glob(".neu-*"))


def test_a_write_error_while_publishing_keeps_the_release(settings, monkeypatch):
    assert publish(settings, STICHTAG).ok
    before = sha256_datei(settings.published_db)
    neue_pruefung(settings, STICHTAG, bestanden=False)

    def voll(*_):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(wap, "schreibe", voll)
    result = publish(settings, STICHTAGE[0])
    assert not result.ok
    assert any("Veröffentlichung abgebrochen" in m for m in result.messages)
    assert sha256_datei(settings.published_db) == before
    assert sorted(p.name for p in settings.exports_dir.iterdir() if p.is_dir()) == ["2023", "2024"]


def test_a_person_releases_quality_findings_and_the_release_says_so(settings):
    neue_pruefung(settings, STICHTAG, bestanden=False)
    blockiert = publish(settings, STICHTAG)
    assert not blockiert.ok
    with duckdb.connect(str(settings.warehouse)) as con:
        status = freigabe.erfasse_ausnahme(con, STICHTAG, "Adressbestand nachweislich geprüft")
    assert status.veroeffentlichbar and status.ausnahmefreigabe
    assert publish(settings, STICHTAG).ok
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        rows = con.execute(
            "SELECT stichtag, freigabe, grund, len(freigegebene_befunde) FROM freigaben ORDER BY 1"
        ).fetchall()
    assert rows == [
        (STICHTAGE[0], "geprueft", None, None),
        (STICHTAG, "ausnahmefreigabe", "Adressbestand nachweislich geprüft", 1),
    ]
    bericht = (settings.reports_dir / "sozialbericht_2024.html").read_text(encoding="utf-8")
    assert "Ausnahmefreigabe 31.12.2024" in bericht
    assert "Begründung: Adressbestand nachweislich geprüft" in bericht
    # a later check with the same findings keeps the release; a new finding needs a new one
    neue_pruefung(settings, STICHTAG, bestanden=False)
    with duckdb.connect(str(settings.warehouse)) as con:
        assert freigabe.stichtag_status(con)[STICHTAG].veroeffentlichbar
        con.execute(
            "UPDATE qualitaet.pruefergebnisse SET erfolg = false WHERE stichtag = ? "
            "AND schwere = 'blockierend' AND lauf_id = (SELECT arg_max(lauf_id, geprueft_um) FROM "
            "qualitaet.pruefergebnisse WHERE stichtag = ?)",
            [STICHTAG, STICHTAG],
        )
        assert not freigabe.stichtag_status(con)[STICHTAG].veroeffentlichbar


def test_a_missing_delivery_cannot_be_released(settings):
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute(
            "INSERT INTO raw.ladeprotokoll (lade_id, stichtag, quelle, datei, status, meldung, geladen_um) "
            "VALUES ('fehlt-test', ?, 'wohngeld', 'wohngeld', 'fehlt', 'Datei fehlt', now()::TIMESTAMP)",
            [STICHTAG],
        )
        with pytest.raises(freigabe.FreigabeAbgelehnt, match="nicht alle neun Lieferungen"):
            freigabe.erfasse_ausnahme(con, STICHTAG, "bitte trotzdem")
    result = publish(settings, STICHTAG)
    assert not result.ok
    assert any("nicht alle neun Lieferungen" in m for m in result.messages)
