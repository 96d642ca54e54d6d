"""Run suites for a Stichtag: frames from DuckDB (read-only), GX validation, then the results
into the warehouse (one short read-write connection), JSON and Data Docs under
``<data>/qualitaet/<stichtag>/``.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from sozialmonitor.quality import frames as fr
from sozialmonitor.quality.results import (
    Pruefergebnis,
    SuiteResult,
    beobachtet,
    meldung,
    write_json,
    write_warehouse,
)
from sozialmonitor.quality.seite import PAGE, write_page
from sozialmonitor.quality.suites import Suite
from sozialmonitor.settings import Settings
from sozialmonitor.stage_result import StageResult


def new_lauf_id() -> str:
    """Sortable by time: ``20241231T235959Z-1a2b3c``."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def stichtag_dir(settings: Settings, stichtag: date) -> Path:
    return settings.quality_dir / stichtag.isoformat()


def docs_dir(settings: Settings, stichtag: date) -> Path:
    """GX Data Docs site of the Stichtag (``index.html``)."""
    return stichtag_dir(settings, stichtag) / "data_docs"


def page_path(settings: Settings, stichtag: date) -> Path:
    """The offline quality page of the Stichtag (``quality.seite``)."""
    return stichtag_dir(settings, stichtag) / PAGE


def _gx_pages(folder: Path, result: SuiteResult) -> dict[str, str]:
    """Frame -> GX validation page of this run, relative to ``folder`` (the Stichtag's).

    GX files a page under ``validations/<suite>/<frame>/__none__/<time>/``; the newest one
    written after the validation ran is this run's."""
    pages = {}
    for validation in result.gx_ergebnisse:
        suite, rahmen = validation["suite_name"].split(".", 1)
        ran = datetime.fromisoformat(validation["meta"]["run_id"]["run_time"])
        written = sorted(
            (datetime.strptime(p.parent.name, "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=UTC), p)
            for p in (folder / "data_docs" / "validations" / suite / rahmen).glob("*/*/*.html")
        )
        if written and written[-1][0] >= ran:
            pages[rahmen] = written[-1][1].relative_to(folder).as_posix()
    return pages


@dataclass
class _Inputs:
    """What DuckDB computed for one suite: its frames (or why not) and the delivered file."""

    frames: dict[str, fr.Frame | fr.FrameError]
    datei: str | None


def _compute(settings: Settings, stichtag: date, suites: list[Suite]) -> dict[str, _Inputs]:
    if not settings.warehouse.is_file():
        raise FileNotFoundError(
            f"Das Warehouse {settings.warehouse} gibt es nicht: erst `sozialmonitor land` ausführen"
        )
    inputs: dict[str, _Inputs] = {}
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        for suite in suites:
            frames: dict[str, fr.Frame | fr.FrameError] = {}
            for name in dict.fromkeys(e.rahmen for e in suite.erwartungen):
                try:
                    frames[name] = fr.build_frame(con, suite, name, stichtag)
                except fr.FrameError as error:
                    frames[name] = error
            inputs[suite.name] = _Inputs(frames, fr.lieferdateien(con, suite, stichtag))
    return inputs


def _validate(run, suite: Suite, inputs: _Inputs, stichtag: date, lauf_id: str) -> SuiteResult:
    result = SuiteResult(suite.name, suite.asset, stichtag, lauf_id)
    now = datetime.now(UTC).replace(tzinfo=None)
    by_frame: dict[str, list] = defaultdict(list)
    for nr, erwartung in enumerate(suite.erwartungen):
        by_frame[erwartung.rahmen].append((nr, erwartung))
    outcomes: dict[int, tuple[bool, str]] = {}
    for name, erwartungen in by_frame.items():
        frame = inputs.frames[name]
        if isinstance(frame, fr.FrameError):
            for nr, _ in erwartungen:
                outcomes[nr] = (False, f"Fehler: Rahmen {name} nicht berechenbar: {frame}")
            continue
        validation = run.validate(suite, frame, erwartungen, stichtag).to_json_dict()
        result.gx_ergebnisse.append(validation)
        for item in validation["results"]:
            outcomes[item["expectation_config"]["meta"]["nr"]] = (item["success"], beobachtet(item))
    for nr, erwartung in enumerate(suite.erwartungen):
        erfolg, observed = outcomes[nr]
        result.ergebnisse.append(
            Pruefergebnis(
                lauf_id=lauf_id,
                stichtag=stichtag,
                suite=suite.name,
                erwartung=f"{erwartung.rahmen}:{erwartung.typ}",
                spalte=erwartung.spalte,
                schwere=erwartung.schwere,
                erfolg=bool(erfolg),
                beobachtet=observed,
                meldung=None if erfolg else meldung(suite, erwartung, observed, inputs.datei),
                geprueft_um=now,
            )
        )
    return result


def run_suites(
    settings: Settings, stichtag: date, suites: list[Suite], lauf_id: str | None = None
) -> list[SuiteResult]:
    """Validate ``suites`` and keep their results (warehouse table, JSON, Data Docs)."""
    from sozialmonitor.quality.gx import GxRun  # GX takes seconds to import: only when checking

    lauf_id = lauf_id or new_lauf_id()
    inputs = _compute(settings, stichtag, suites)
    run = GxRun(docs_dir(settings, stichtag))
    results = [_validate(run, suite, inputs[suite.name], stichtag, lauf_id) for suite in suites]
    write_warehouse(settings.warehouse, results)
    run.build_docs()
    folder = stichtag_dir(settings, stichtag)
    for result in results:
        result.data_docs = _gx_pages(folder, result)
        write_json(folder / lauf_id, result)
    write_page(folder, stichtag)
    return results


def stage_result(stichtag: date, results: list[SuiteResult], settings: Settings) -> StageResult:
    """The check stage: blocked on any blocking failure; warnings are listed, not blocking."""
    stage = StageResult("check", stichtag)
    for result in results:
        for failure in result.blocking_failures:
            stage.fail(failure.meldung, block=True)
        stage.messages.extend(f"Warnung: {w.meldung}" for w in result.warnings)
    checked = sum(len(r.ergebnisse) for r in results)
    stage.messages.append(
        f"{checked} Erwartungen in {len(results)} Suiten geprüft, "
        f"{sum(len(r.blocking_failures) for r in results)} blockierend verletzt, "
        f"{sum(len(r.warnings) for r in results)} Warnungen; Prüfseite: {page_path(settings, stichtag)}"
    )
    stage.details = {
        "lauf_id": results[0].lauf_id if results else None,
        "suiten": {r.suite: r.passed for r in results},
        "pruefseite": str(page_path(settings, stichtag)),
        "data_docs": str(docs_dir(settings, stichtag) / "index.html"),
    }
    return stage
