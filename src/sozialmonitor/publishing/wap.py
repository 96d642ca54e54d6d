"""Write-audit-publish of a release: the BI database, its exports and its reports as one unit.

A release is built beside the live one in ``published/.neu-<pid>/`` (laid out like the data
folder: ``published/sozialmonitor.duckdb``, ``exports/``, ``berichte/``), audited from the
exact bytes that get swapped in, and then swapped in part by part; the replaced release
becomes ``published/versionen/<zeit>/`` with the same layout, so a rollback restores all
three. A reader that has the old database open keeps its consistent view (the old inode
lives on); a failed audit or a full disk leaves the live release untouched.
"""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime
from pathlib import Path

import duckdb

from sozialmonitor.publishing.beschreibung import beschreibe
from sozialmonitor.publishing.pruefung import pruefe_neue_datei
from sozialmonitor.publishing.vertrag import FREIGABEN, SICHTEN, SPALTEN, STAND, TABELLEN
from sozialmonitor.settings import Settings
from sozialmonitor.sql import literal

#: Earlier releases kept for rollback (SOZIALMONITOR_VERSIONEN overrides).
VERSIONEN = 5
#: Storage format of the published file: DuckDB 1.1 and every later driver (BI tools ship their own) read it.
SPEICHERFORMAT = "v1.1.0"
#: Free space a release needs besides its own size: DuckDB's checkpoint, exports being renamed.
RESERVE_BYTES = 20 * 2**20


class VeroeffentlichungAbgebrochen(Exception):
    """The release could not be written (disk full, unreadable warehouse): the old one stays."""


def versionen_dir(settings: Settings) -> Path:
    return settings.published_dir / "versionen"


def bereich(settings: Settings) -> Settings:
    """Settings whose published file, exports and reports lie in the release being built."""
    return settings.with_data_dir(settings.published_dir / f".neu-{os.getpid()}")


def schreibe(settings: Settings, ziel: Path, stichtage: list[date]) -> None:
    """The publish schema of the warehouse under the contract's names, only ``stichtage``.

    The file is checkpointed and closed before anyone reads it: the audit must see exactly
    the bytes that are swapped in, not a write-ahead log beside an incomplete file.
    """
    ziel.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {literal(ziel)} AS neu (STORAGE_VERSION '{SPEICHERFORMAT}')")
        con.execute("USE neu")
        con.execute(f"ATTACH {literal(settings.warehouse)} AS lager (READ_ONLY)")
        for tabelle, modell in TABELLEN.items():
            nur = " WHERE stichtag IN (SELECT unnest(?))" if "stichtag" in SPALTEN[tabelle] else ""
            con.execute(
                f"CREATE TABLE {tabelle} AS SELECT * FROM lager.publish.{modell}{nur} ORDER BY ALL",
                [stichtage] if nur else [],
            )
        for name, sql in SICHTEN.items():
            con.execute(f"CREATE VIEW {name} AS {sql}")
        con.execute(
            f"CREATE TABLE {FREIGABEN} AS SELECT stichtag, "
            "CASE WHEN ausnahmefreigabe THEN 'ausnahmefreigabe' ELSE 'geprueft' END AS freigabe, "
            "CASE WHEN ausnahmefreigabe THEN ausnahme_grund END AS grund, "
            "CASE WHEN ausnahmefreigabe THEN befunde END AS freigegebene_befunde, "
            "CASE WHEN ausnahmefreigabe THEN ausnahme_um END AS freigegeben_um "
            "FROM lager.betrieb.stichtag_status WHERE stichtag IN (SELECT unnest(?)) ORDER BY stichtag",
            [stichtage],
        )
        con.execute(
            f"CREATE TABLE {STAND} AS SELECT now()::TIMESTAMP AS veroeffentlicht_um, "
            "(SELECT max(stichtag) FROM fct_indikatoren) AS neuester_stichtag"
        )
        beschreibe(con)
        con.execute("DETACH lager")
        con.execute("CHECKPOINT neu")
        con.execute("USE memory")
        con.execute("DETACH neu")
    finally:
        con.close()
    if Path(f"{ziel}.wal").exists():
        raise VeroeffentlichungAbgebrochen(
            f"{ziel.name} wurde nicht vollständig geschrieben (Write-Ahead-Log blieb übrig)"
        )


def pruefe(settings: Settings, neu: Path, stichtage: list[date]) -> list[str]:
    with duckdb.connect() as con:
        con.execute(f"ATTACH {literal(neu)} AS neu (READ_ONLY)")
        con.execute(f"ATTACH {literal(settings.warehouse)} AS lager (READ_ONLY)")
        return pruefe_neue_datei(con, stichtage)


def unveraendert(settings: Settings, neu: Path) -> bool:
    """Same tables with the same rows as the live release (its publication time aside)."""
    if not settings.published_db.is_file():
        return False
    with duckdb.connect() as con:
        con.execute(f"ATTACH {literal(neu)} AS neu (READ_ONLY)")
        con.execute(f"ATTACH {literal(settings.published_db)} AS alt (READ_ONLY)")

        def tabellen(db: str) -> set[tuple[str, str, str]]:
            return set(
                con.execute(
                    "SELECT table_name, column_name, data_type FROM duckdb_columns() "
                    "WHERE database_name = ? AND table_name <> ?",
                    [db, STAND],
                ).fetchall()
            )

        spalten = tabellen("neu")
        if spalten != tabellen("alt"):
            return False
        for tabelle in sorted({t for t, _, _ in spalten}):
            anders = con.execute(
                f"SELECT count(*) FROM ((SELECT * FROM neu.{tabelle} EXCEPT ALL SELECT * FROM alt.{tabelle}) "
                f"UNION ALL (SELECT * FROM alt.{tabelle} EXCEPT ALL SELECT * FROM neu.{tabelle}))"
            ).fetchone()[0]
            if anders:
                return False
    return True


def _groesse(pfad: Path) -> int:
    if pfad.is_file():
        return pfad.stat().st_size
    return sum(p.stat().st_size for p in pfad.rglob("*") if p.is_file()) if pfad.is_dir() else 0


def pruefe_platz(settings: Settings) -> None:
    """Refuse to start when the disk cannot hold a second release of today's size."""
    settings.published_dir.mkdir(parents=True, exist_ok=True)
    bedarf = RESERVE_BYTES + sum(
        _groesse(p) for p in (settings.published_db, settings.exports_dir, settings.reports_dir)
    )
    frei = shutil.disk_usage(settings.published_dir).free
    if frei < bedarf:
        raise VeroeffentlichungAbgebrochen(
            f"zu wenig Speicherplatz in {settings.published_dir}: frei {frei / 2**20:.0f} MB, "
            f"gebraucht mindestens {bedarf / 2**20:.0f} MB"
        )


def _teile(settings: Settings) -> list[Path]:
    """The parts of a release, the same in the data folder, the new release and every version."""
    return [settings.published_db, settings.exports_dir, settings.reports_dir]


def _archiviere(live: Settings, archiv: Settings) -> None:
    """Move a release's parts aside; the database by a hard link, so the live path never vanishes."""
    for teil, ziel in zip(_teile(live), _teile(archiv), strict=True):
        if teil.exists():
            ziel.parent.mkdir(parents=True, exist_ok=True)
            if teil.is_file():
                os.link(teil, ziel)  # same bytes; readers of the old file are unaffected
            else:
                teil.rename(ziel)


def _setze_ein(quelle: Settings, live: Settings) -> None:
    """Put a release's parts in place, each by one atomic rename."""
    for teil, ziel in zip(_teile(quelle), _teile(live), strict=True):
        if teil.exists():
            ziel.parent.mkdir(parents=True, exist_ok=True)
            if ziel.is_dir():
                shutil.rmtree(ziel)  # already archived when it was live; else a stray leftover
            os.replace(teil, ziel)


def tausche(settings: Settings, neu: Settings) -> str | None:
    """Swap the release built in ``neu`` in; the live one becomes the newest version (its name)."""
    version = None
    if settings.published_db.exists():
        version = f"{datetime.now():%Y%m%dT%H%M%S%f}"
        _archiviere(settings, settings.with_data_dir(versionen_dir(settings) / version))
    _setze_ein(neu, settings)
    _aufraeumen(settings)
    return version


def _aufraeumen(settings: Settings) -> None:
    behalten = int(os.environ.get("SOZIALMONITOR_VERSIONEN", VERSIONEN))
    for alt in versionen(settings)[behalten:]:
        shutil.rmtree(alt)


def versionen(settings: Settings) -> list[Path]:
    """Kept releases, newest first."""
    ordner = versionen_dir(settings)
    if not ordner.is_dir():
        return []
    return sorted(
        (p for p in ordner.iterdir() if p.is_dir() and p.name[:1].isdigit()), reverse=True
    )


def zuruecksetzen(settings: Settings, version: str | None = None) -> Path:
    """Put a kept release back (the newest one unless named): database, exports and reports.

    The replaced release is kept as ``versionen/verworfen_<zeit>/``, outside the rollback
    chain, so a second rollback goes one more version back.
    """
    kandidaten = versionen(settings)
    if version is not None:
        kandidaten = [p for p in kandidaten if p.name == version]
    if not kandidaten:
        genannt = f" namens {version}" if version else ""
        raise FileNotFoundError(f"keine frühere Version{genannt} in {versionen_dir(settings)}")
    quelle = kandidaten[0]
    verworfen = f"verworfen_{datetime.now():%Y%m%dT%H%M%S%f}"
    _archiviere(settings, settings.with_data_dir(versionen_dir(settings) / verworfen))
    _setze_ein(settings.with_data_dir(quelle), settings)
    shutil.rmtree(quelle)
    return quelle
