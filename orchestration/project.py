"""The dbt project as Dagster sees it, with a manifest that exists on a fresh clone.

The manifest is parsed when Dagster loads the definitions if it is missing or older than
a file of the dbt project, into ``target/dagster/`` (git-ignored; separate from the
``target/`` of CLI runs so both can work at the same time). The new manifest replaces the
old one atomically; parallel loads (pytest workers, code server) parse once, under a lock.

dbt's saved parse is kept there too (``DAGSTER_PARSE``) and every partition's dbt run starts
from it (``sozialmonitor.transform.geteilter_parse``): dagster-dbt gives each run a target
folder of its own, where dbt would otherwise parse the whole project again. It is parsed with
the warehouse of the default settings, as runs see it (the profile is part of the parse).
"""

import fcntl
import os
import tempfile
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from sozialmonitor.settings import PROJECT_DIR, Settings
from sozialmonitor.transform import DBT_EXECUTABLE, PARTIAL_PARSE, geteilter_parse, warehouse_env

dbt_project = DbtProject(
    project_dir=PROJECT_DIR,
    profiles_dir=PROJECT_DIR,
    target_path=Path("target") / "dagster",
)

#: dbt's saved parse for the partitions' runs.
DAGSTER_PARSE = PROJECT_DIR / "target" / "dagster" / PARTIAL_PARSE

_SOURCES = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests/dbt")


def _newest_source_mtime() -> float:
    newest = 0.0
    for name in _SOURCES:
        path = PROJECT_DIR / name
        files = [path] if path.is_file() else path.rglob("*")
        newest = max([newest, *(f.stat().st_mtime for f in files if f.is_file())])
    return newest


def dbt_cli() -> DbtCliResource:
    return DbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE)


def ensure_manifest() -> Path:
    """Parse the dbt project unless the manifest is newer than every project file."""
    manifest = dbt_project.manifest_path
    manifest.parent.mkdir(parents=True, exist_ok=True)
    with open(manifest.parent / ".parse.lock", "w") as lock:
        # One process parses; others loading at the same time wait and then find it fresh.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if manifest.exists() and manifest.stat().st_mtime >= _newest_source_mtime():
            return manifest
        with tempfile.TemporaryDirectory(dir=manifest.parent) as tmp:
            with geteilter_parse(Path(tmp), DAGSTER_PARSE), warehouse_env(Settings.from_env()):
                dbt_cli().cli(["parse", "--quiet"], target_path=Path(tmp)).wait()
            os.replace(Path(tmp) / "manifest.json", manifest)
    return manifest


ensure_manifest()
