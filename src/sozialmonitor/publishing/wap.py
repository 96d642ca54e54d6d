"""Write-audit-publish of the BI database: build beside, audit, swap atomically, keep versions.

A reader that has the old file open keeps its consistent view (the old inode lives on); a
new reader opens the new file; a failed audit leaves the published file untouched.
"""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime
from pathlib import Path

import duckdb

from sozialmonitor.publishing.beschreibung import beschreibe
from sozialmonitor.publishing.pruefung import pruefe_neue_datei
from sozialmonitor.publishing.vertrag import SICHTEN, TABELLEN
from sozialmonitor.settings import Settings

#: Earlier published versions kept for rollback (SOZIALMONITOR_VERSIONEN overrides).
VERSIONEN = 5
#: Storage format of the published file: DuckDB 1.1 and every later driver (BI tools ship their own) read it.
SPEICHERFORMAT = "v1.1.0"


def versionen_dir(settings: Settings) -> Path:
    return settings.published_dir / "versionen"


def schreibe(settings: Settings, ziel: Path) -> None:
    """Copy the warehouse's publish schema into a new DuckDB file under the contract's names."""
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{ziel}' AS neu (STORAGE_VERSION '{SPEICHERFORMAT}')")
        con.execute("USE neu")
        con.execute(f"ATTACH '{settings.warehouse}' AS lager (READ_ONLY)")
        for tabelle, modell in TABELLEN.items():
            con.execute(
                f"CREATE TABLE {tabelle} AS SELECT * FROM lager.publish.{modell} ORDER BY ALL"
            )
        for name, sql in SICHTEN.items():
            con.execute(f"CREATE VIEW {name} AS {sql}")
        con.execute(
            "CREATE TABLE stand AS SELECT now()::TIMESTAMP AS veroeffentlicht_um, "
            "(SELECT max(stichtag) FROM fct_indikatoren) AS neuester_stichtag"
        )
        beschreibe(con)
        con.execute("DETACH lager")


def pruefe(settings: Settings, neu: Path, stichtag: date) -> list[str]:
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{neu}' AS neu (READ_ONLY)")
        con.execute(f"ATTACH '{settings.warehouse}' AS lager (READ_ONLY)")
        return pruefe_neue_datei(con, stichtag)


def tausche(settings: Settings, neu: Path) -> Path | None:
    """Swap the new file in; the replaced one becomes the newest version. Returns that version."""
    aktuell = settings.published_db
    version = None
    if aktuell.exists():
        versionen_dir(settings).mkdir(parents=True, exist_ok=True)
        version = versionen_dir(settings) / f"sozialmonitor_{datetime.now():%Y%m%dT%H%M%S%f}.duckdb"
        os.link(aktuell, version)  # same bytes, no copy; readers of the old file are unaffected
    os.replace(neu, aktuell)
    _aufraeumen(settings)
    return version


def _aufraeumen(settings: Settings) -> None:
    behalten = int(os.environ.get("SOZIALMONITOR_VERSIONEN", VERSIONEN))
    for alt in versionen(settings)[behalten:]:
        alt.unlink()


def versionen(settings: Settings) -> list[Path]:
    """Kept versions, newest first."""
    ordner = versionen_dir(settings)
    return sorted(ordner.glob("sozialmonitor_*.duckdb"), reverse=True) if ordner.is_dir() else []


def zuruecksetzen(settings: Settings, version: str | None = None) -> Path:
    """Put a kept version back as the published file (the newest one unless named).

    The replaced release is kept as ``versionen/verworfen_<time>.duckdb``, outside the
    rollback chain, so a second rollback goes one more version back.
    """
    kandidaten = versionen(settings)
    if version is not None:
        kandidaten = [p for p in kandidaten if version in (p.name, p.stem)]
    if not kandidaten:
        genannt = f" namens {version}" if version else ""
        raise FileNotFoundError(f"keine frühere Version{genannt} in {versionen_dir(settings)}")
    quelle = kandidaten[0]
    aktuell = settings.published_db
    if aktuell.exists():
        os.link(
            aktuell, versionen_dir(settings) / f"verworfen_{datetime.now():%Y%m%dT%H%M%S%f}.duckdb"
        )
    neu = settings.published_dir / f".zurueck-{os.getpid()}.duckdb"
    shutil.copy2(quelle, neu)
    os.replace(neu, aktuell)
    quelle.unlink()
    return quelle
