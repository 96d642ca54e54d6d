"""Where things live: one Settings object shared by the CLI, dbt and Dagster.

Every path has an environment variable and a default under ``data/`` (git-ignored),
so the CLI, the dbt profile and the Dagster resources always agree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

#: Repository root: holds dbt_project.yml, seeds/, expectations/ (editable install).
PROJECT_DIR = Path(__file__).resolve().parents[2]

ENV_DATA_DIR = "SOZIALMONITOR_DATA_DIR"
ENV_INBOX = "SOZIALMONITOR_INBOX"
ENV_WAREHOUSE = "SOZIALMONITOR_WAREHOUSE"  # also read by profiles.yml
ENV_KEY_FILE = "SOZIALMONITOR_KEY_FILE"
ENV_KEY = "SOZIALMONITOR_PSEUDONYM_KEY"

DEFAULT_KEY_FILE = Path("~/.config/sozialmonitor/pseudonym.key")


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    inbox: Path
    key_file: Path
    warehouse_override: Path | None = field(default=None)
    #: Where the key file path came from: "--key-file", ENV_KEY_FILE, or None for the default.
    key_file_quelle: str | None = None
    #: The operator starts a new key series: landing with a key other than earlier loads is allowed.
    neue_schluesselreihe: bool = False

    @classmethod
    def from_env(
        cls,
        data_dir: str | os.PathLike | None = None,
        inbox: str | os.PathLike | None = None,
        key_file: str | os.PathLike | None = None,
        neue_schluesselreihe: bool = False,
    ) -> Settings:
        """Explicit arguments win over environment variables, which win over defaults."""
        data = Path(data_dir or os.environ.get(ENV_DATA_DIR) or "data").expanduser().resolve()
        box = Path(inbox or os.environ.get(ENV_INBOX) or data / "inbox").expanduser().resolve()
        key = Path(key_file or os.environ.get(ENV_KEY_FILE) or DEFAULT_KEY_FILE).expanduser()
        warehouse = os.environ.get(ENV_WAREHOUSE) if data_dir is None else None
        key_file_quelle = (
            "--key-file" if key_file else ENV_KEY_FILE if os.environ.get(ENV_KEY_FILE) else None
        )
        return cls(
            data_dir=data,
            inbox=box,
            key_file=key.resolve(),
            warehouse_override=Path(warehouse).expanduser().resolve() if warehouse else None,
            key_file_quelle=key_file_quelle,
            neue_schluesselreihe=neue_schluesselreihe,
        )

    def with_data_dir(self, data_dir: Path) -> Settings:
        return replace(self, data_dir=data_dir.resolve(), warehouse_override=None)

    # --- files and folders under the data dir -------------------------------------------------
    @property
    def warehouse(self) -> Path:
        """The pipeline's own DuckDB file (one writer at a time; BI never opens it)."""
        return self.warehouse_override or self.data_dir / "warehouse.duckdb"

    @property
    def rejected_dir(self) -> Path:
        """Rejected delivery files, kept as delivered next to their reason."""
        return self.data_dir / "quarantaene"

    @property
    def quality_dir(self) -> Path:
        return self.data_dir / "qualitaet"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"

    @property
    def published_dir(self) -> Path:
        return self.data_dir / "published"

    @property
    def published_db(self) -> Path:
        return self.published_dir / "sozialmonitor.duckdb"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "berichte"

    def dbt_env(self) -> dict[str, str]:
        """Environment for a dbt invocation: the profile reads the warehouse path from it."""
        return {ENV_WAREHOUSE: str(self.warehouse)}


def parse_stichtag(text: str) -> date:
    """Accept ``2024-12-31`` or ``2024``; a Stichtag is always 31 December."""
    text = text.strip()
    # worded as the same rule in dbt (macros/stichtag.sql)
    fehler = ValueError(f"Stichtag muss ein 31. Dezember sein (JJJJ-12-31), ist: '{text}'")
    if not text[:4].isdigit():
        raise fehler
    stichtag = date(int(text[:4]), 12, 31)
    if text not in (text[:4], stichtag.isoformat()):
        raise fehler
    return stichtag
