"""The ``build`` stage: ``dbt build`` (seeds, models, dbt tests) for one Stichtag.

dbt runs as its own process, from the CLI exactly as from Dagster (dagster-dbt): both pass
the same arguments (``dbt_args``) and the same environment (``dbt_env``; Dagster sets it with
``warehouse_env``): profiles.yml reads the warehouse from it, macros/stichtag.sql the Stichtag.
A process of its own releases the DuckDB file when dbt ends, so the profile may keep one
connection open for the whole build (dbt-duckdb #616).
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sozialmonitor.settings import ENV_WAREHOUSE, PROJECT_DIR, Settings
from sozialmonitor.sperre import belegt_laut_duckdb
from sozialmonitor.stage_result import StageResult

#: dbt node states that fail the build; "warn" is reported but does not block.
FEHLER = {"error", "fail", "runtime error"}
ART = {
    "test": "dbt-Test",
    "unit_test": "dbt-Unit-Test",
    "seed": "dbt-Seed",
    "snapshot": "dbt-Snapshot",
}


#: The Stichtag of a build, read by dbt at run time (macros/stichtag.sql). Not a --vars value:
#: dbt parses the whole project again whenever --vars change (5–7 s per build); an environment
#: variable read only while executing keeps the parsed manifest valid for every Stichtag.
ENV_STICHTAG = "SOZIALMONITOR_STICHTAG"


def dbt_args(full_refresh: bool = False) -> list[str]:
    """Arguments after ``dbt build`` for the yearly run (the Stichtag goes in ``dbt_env``).

    dbt's unit tests check the SQL logic, not the data: the test suite runs them
    (tests/transform), the yearly run does not repeat them.
    """
    args = ["--exclude-resource-type", "unit_test"]
    return [*args, "--full-refresh"] if full_refresh else args


def stichtag_env(stichtag: date) -> dict[str, str]:
    return {ENV_STICHTAG: stichtag.isoformat()}


def dbt_env(settings: Settings, stichtag: date | None = None) -> dict[str, str]:
    """Environment of a dbt process: the warehouse and, for a build, its Stichtag."""
    return {**settings.dbt_env(), **(stichtag_env(stichtag) if stichtag else {})}


@contextmanager
def warehouse_env(settings: Settings, stichtag: date | None = None) -> Iterator[None]:
    """Set ``dbt_env`` in this process, for dbt processes it starts (dagster-dbt)."""
    values = dbt_env(settings, stichtag)
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def dbt_dir(settings: Settings) -> Path:
    """dbt's target and logs stay with the data, so runs on other data dirs never collide."""
    return settings.data_dir / "dbt"


#: dbt's saved parse of the project (its name in a target folder).
PARTIAL_PARSE = "partial_parse.msgpack"
#: The saved parse shared by every data dir: it depends on the project files and the profile,
#: not on the data, so a build on a fresh data dir starts from it instead of parsing the whole
#: project (5–9 s). Dagster shares its own (orchestration/project.py): its dbt runs in the
#: project folder and names the warehouse by its full path, a different profile to dbt.
GETEILTER_PARSE = PROJECT_DIR / "target" / PARTIAL_PARSE


def _parse_uebernehmen(target: Path, geteilt: Path) -> int | None:
    """Put the shared parse into ``target``; returns its mtime there, or None without one."""
    try:
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(geteilt, target / PARTIAL_PARSE)
    except OSError:  # none yet, or the project folder is read-only
        return None
    return (target / PARTIAL_PARSE).stat().st_mtime_ns


def _parse_teilen(target: Path, geteilt: Path, uebernommen: int | None) -> None:
    """Share the parse dbt wrote in ``target`` (it writes one only after parsing anew).

    Replaced atomically: builds on other data dirs may be reading the shared one."""
    eigener = target / PARTIAL_PARSE
    try:
        if eigener.stat().st_mtime_ns == uebernommen:
            return
        geteilt.parent.mkdir(parents=True, exist_ok=True)
        neu = geteilt.with_name(f".{PARTIAL_PARSE}.{os.getpid()}")
        shutil.copyfile(eigener, neu)
        os.replace(neu, geteilt)
    except OSError:  # dbt parsed nothing (failed early), or the project folder is read-only
        return


@contextmanager
def geteilter_parse(target: Path, geteilt: Path = GETEILTER_PARSE) -> Iterator[None]:
    """dbt with target folder ``target`` starts from the shared saved parse ``geteilt``, and a
    parse it writes anew is shared. dbt checks a saved parse itself (dbt version, profile,
    every file's checksum) and parses again what changed: a stale copy costs time, never a
    wrong build."""
    uebernommen = _parse_uebernehmen(target, geteilt)
    try:
        yield
    finally:
        _parse_teilen(target, geteilt, uebernommen)


#: dbt of this environment, also when the venv is not activated (dagster dev, the code server).
DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))


def dbt_befehl(command: str, work: Path, *args: str, profiles_dir: Path = PROJECT_DIR) -> list[str]:
    """The command line of a dbt command on this project; target and logs under ``work``."""
    return [
        DBT_EXECUTABLE,
        command,
        "--project-dir",
        str(PROJECT_DIR),
        "--profiles-dir",
        str(profiles_dir),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
        "--quiet",
        *args,
    ]


#: prctl(2) option: the signal a process gets when its parent dies.
PR_SET_PDEATHSIG = 1


def endet_mit_elternprozess() -> Callable[[], None] | None:
    """A ``preexec_fn`` that ends the child when this process dies, even by ``kill -9`` (Linux).

    Otherwise a killed run leaves dbt writing the warehouse, and the next run finds it held.
    SIGKILL: the run is gone anyway, and DuckDB rolls back the unfinished transaction.
    """
    if not sys.platform.startswith("linux"):
        return None
    # resolved before the fork: the child between fork and exec must not load libraries
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    eltern = os.getpid()

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL))
        if os.getppid() != eltern:  # the parent died before prctl took effect
            os._exit(1)

    return preexec


def dbt(
    settings: Settings, command: str, *args: str, stichtag: date | None = None
) -> subprocess.CompletedProcess:
    """Run a dbt command on the warehouse of ``settings`` in a process of its own.

    dbt runs in the warehouse's folder and finds it by file name: the profile, which dbt's
    saved parse depends on, is then the same for every data dir (``GETEILTER_PARSE``)."""
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **dbt_env(settings, stichtag), ENV_WAREHOUSE: settings.warehouse.name}
    with geteilter_parse(dbt_dir(settings) / "target"):
        return subprocess.run(
            dbt_befehl(command, dbt_dir(settings), *args),
            check=False,
            capture_output=True,
            text=True,
            env=env,
            cwd=settings.warehouse.parent,
            preexec_fn=endet_mit_elternprozess(),
        )


def _knoten(unique_id: str) -> str:
    """``test.<project>.<name>.<hash>``, ``unit_test.<project>.<model>.<name>``, ``model.<project>.<name>``."""
    art, _, name, *rest = unique_id.split(".")
    if art == "unit_test":
        name = rest[0]
    return f"{ART.get(art, 'dbt-Modell')} {name}"


def build(settings: Settings, stichtag: date, full_refresh: bool = False) -> StageResult:
    """Run ``dbt build`` for the Stichtag; failed models or dbt tests block publication."""
    result = StageResult("build", stichtag)
    work = dbt_dir(settings)
    run_results = work / "target" / "run_results.json"
    run_results.unlink(missing_ok=True)  # a build that fails before running writes none
    process = dbt(settings, "build", *dbt_args(full_refresh), stichtag=stichtag)
    nodes = json.loads(run_results.read_text())["results"] if run_results.is_file() else []
    counts: dict[str, int] = {}
    for node in nodes:
        status = node["status"]
        counts[status] = counts.get(status, 0) + 1
        if status in FEHLER or status == "warn":
            line = f"{_knoten(node['unique_id'])}: {status} – {(node['message'] or '').strip()}"
            if status in FEHLER:
                result.fail(line)
            else:
                result.messages.append(line)
    if process.returncode != 0 and result.ok:
        ausgabe = (process.stdout + process.stderr).strip()
        result.fail(
            belegt_laut_duckdb(ausgabe)
            or f"dbt build abgebrochen (Log: {work / 'logs' / 'dbt.log'}): "
            + (ausgabe[-2000:] or f"ohne Ausgabe, Rückgabewert {process.returncode}")
        )
    result.details.update(counts)
    result.messages.insert(
        0, "dbt build: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    )
    return result
