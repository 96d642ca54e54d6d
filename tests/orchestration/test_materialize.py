"""The whole graph on small generated data, in process: one Stichtag after the other, and
the same two Stichtage as one backfill run (what a UI or CLI backfill launches, because
every asset has a single-run backfill policy). Both must give the same warehouse and the
same published database."""

import re
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import pytest

from orchestration.definitions import defs
from sozialmonitor.generator import generate
from sozialmonitor.settings import Settings

pytestmark = pytest.mark.slow

RANGE_TAGS = {
    "dagster/asset_partition_range_start": "2023-12-31",
    "dagster/asset_partition_range_end": "2024-12-31",
}
#: Columns that differ between two runs by design: ids, paths and times of loads and runs.
VOLATILE = {"lade_id", "lauf_id", "pfad"}


def _run(**kwargs) -> dg.ExecuteInProcessResult:
    job = defs.resolve_job_def("stichtag_lauf")
    return job.execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False, **kwargs
    )


def _failures(result: dg.ExecuteInProcessResult) -> list[str]:
    return [e.event_specific_data.error.message for e in result.all_events if e.is_step_failure]


def _tables(path: Path) -> dict[str, pd.DataFrame]:
    """Every table and view except quality results and the operations log (a backfill builds a
    later year again once the earlier one passed its checks), without volatile columns, rows sorted."""
    frames = {}
    with duckdb.connect(str(path), read_only=True) as con:
        relations = con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema NOT IN ('qualitaet', 'betrieb') ORDER BY ALL"
        ).fetchall()
        for schema, name in relations:
            relation = f'"{schema}"."{name}"'
            columns = [
                column
                for column, kind, *_ in con.execute(f"DESCRIBE {relation}").fetchall()
                if column not in VOLATILE and not kind.startswith("TIMESTAMP")
            ]
            selected = ", ".join(f'"{column}"' for column in columns)
            frame = con.execute(f"SELECT {selected} FROM {relation}").df()
            frames[f"{schema}.{name}"] = frame.sort_values(columns).reset_index(drop=True)
    return frames


def _assert_same(left: Path, right: Path) -> None:
    a, b = _tables(left), _tables(right)
    assert a.keys() == b.keys()
    assert a, f"no tables in {left}"
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def test_partitions_one_by_one_equal_a_backfill(data_dir, tmp_path, monkeypatch):
    one_by_one = Settings.from_env()
    for key in ("2023-12-31", "2024-12-31"):
        result = _run(partition_key=key)
        assert result.success, _failures(result)

    # A full partition: every asset materialised, every check run, no blocking failure.
    graph = defs.get_repository_def().asset_graph
    materialised = {e.asset_key for e in result.all_events if e.is_step_materialization}
    assert materialised == set(graph.materializable_asset_keys)
    evaluations = [
        e.event_specific_data
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
    ]
    assert {e.asset_check_key for e in evaluations} == set(graph.asset_check_keys)
    assert all(e.passed for e in evaluations if e.severity == dg.AssetCheckSeverity.ERROR)
    with duckdb.connect(str(one_by_one.warehouse), read_only=True) as con:
        runs = con.execute(
            "SELECT DISTINCT lauf_id FROM qualitaet.pruefergebnisse WHERE stichtag = DATE '2024-12-31'"
        ).fetchall()
    assert runs == [(result.run_id,)]
    assert one_by_one.published_db.exists()

    monkeypatch.setenv("SOZIALMONITOR_DATA_DIR", str(tmp_path / "backfill"))
    backfill = Settings.from_env()
    shutil.copytree(one_by_one.inbox, backfill.inbox)
    result = _run(tags=RANGE_TAGS)
    assert result.success, _failures(result)
    assert {(e.asset_key, e.partition) for e in result.all_events if e.is_step_materialization} >= {
        (dg.AssetKey(["published", "sozialmonitor"]), "2023-12-31"),
        (dg.AssetKey(["published", "sozialmonitor"]), "2024-12-31"),
    }

    _assert_same(one_by_one.warehouse, backfill.warehouse)
    _assert_same(one_by_one.published_db, backfill.published_db)


def test_a_failed_blocking_check_stops_the_publish_and_names_the_check(data_dir):
    settings = Settings.from_env()
    shutil.rmtree(settings.inbox)
    generate(settings.inbox, [2024], scale=0.02, seed=11, faults=["unknown-addresses"])

    # every asset, and of the checks only the one that fails (the others cost time, not insight)
    guarded = dg.AssetKey(["intermediate", "int_wohngeld_haushalte__mit_stadtteil"])
    job = dg.define_asset_job(
        "ohne_andere_pruefungen",
        selection=dg.AssetSelection.all().without_checks()
        | dg.AssetSelection.checks(dg.AssetCheckKey(guarded, "zuordnung_wohngeld")),
    )
    result = (
        dg.Definitions.merge(defs, dg.Definitions(jobs=[job]))
        .resolve_job_def(job.name)
        .execute_in_process(
            partition_key="2024-12-31",
            instance=dg.DagsterInstance.ephemeral(),
            raise_on_error=False,
        )
    )

    assert not result.success
    check_step = "intermediate__int_wohngeld_haushalte__mit_stadtteil_zuordnung_wohngeld"
    failures = {
        e.step_key: e.event_specific_data.error.message
        for e in result.all_events
        if e.is_step_failure
    }
    assert set(failures) == {check_step}
    assert "zuordnung_wohngeld" in failures[check_step]
    evaluation = next(
        e.event_specific_data
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
        and e.event_specific_data.check_name == "zuordnung_wohngeld"
    )
    assert evaluation.severity == dg.AssetCheckSeverity.ERROR and not evaluation.passed
    # the CLI's line: suite, severity, observed value, model and delivered file
    assert "zuordnung_wohngeld [blockierend]" in evaluation.description
    assert "Datei wohngeld_20241231.csv" in evaluation.description
    # the check links the offline quality page and the suite's GX validation pages
    page = Path(evaluation.metadata["pruefseite"].path).read_text(encoding="utf-8")
    assert "zuordnung_wohngeld [blockierend]" in page
    linked = re.findall(r"`([^`]+)`", evaluation.metadata["data_docs"].value)
    assert linked and all(Path(path).is_file() for path in linked)
    materialised = {e.asset_key for e in result.all_events if e.is_step_materialization}
    assert dg.AssetKey(["indicators", "ind_indikatoren"]) in materialised
    assert dg.AssetKey(["published", "sozialmonitor"]) not in materialised
    assert not settings.published_db.exists()
