"""The definitions load, validate and have the shape the issue asks for."""

import dagster as dg
import pytest

from orchestration.definitions import defs
from orchestration.defs.partitions import stichtag_partitions
from orchestration.defs.resources import SozialmonitorSettings
from sozialmonitor import quality
from sozialmonitor.landing import QUELLEN
from sozialmonitor.settings import Settings


@pytest.fixture(scope="module")
def repo():
    dg.Definitions.validate_loadable(defs)
    return defs.get_repository_def()


def test_partition_keys_are_stichtage():
    keys = stichtag_partitions.get_partition_keys()
    assert keys[0] == "2015-12-31"
    assert "2024-12-31" in keys
    assert all(key.endswith("-12-31") for key in keys)
    window = stichtag_partitions.time_window_for_partition_key("2024-12-31")
    assert window.start.year == 2024 and window.end.year == 2025


def test_one_landing_asset_per_source_feeding_dbt(repo):
    graph = repo.asset_graph
    for quelle in QUELLEN:
        key = dg.AssetKey(["raw", quelle])
        assert graph.has(key) and graph.get(key).is_materializable, quelle
        children = {c.path[0] for c in graph.get(key).child_keys}
        assert "staging" in children, f"raw/{quelle} feeds no dbt staging model"


def test_every_quality_suite_is_a_check_on_its_asset(repo):
    checks = {key.name: key for key in repo.asset_graph.asset_check_keys}
    for suite in quality.SUITES:
        key = checks[suite.name]
        assert key.asset_key.path[-1] == suite.asset
        spec = repo.asset_graph.get_check_spec(key)
        has_blocking = any(e.schwere == quality.BLOCKIEREND for e in suite.erwartungen)
        assert spec.blocking == has_blocking, suite.name


def test_every_asset_is_partitioned_and_backfills_in_one_run(repo):
    graph = repo.asset_graph
    for key in graph.materializable_asset_keys:
        node = graph.get(key)
        assert node.partitions_def == stichtag_partitions, key
        assert node.backfill_policy == dg.BackfillPolicy.single_run(), key


def test_publish_waits_for_the_publish_layer_and_every_blocking_check(repo):
    graph = repo.asset_graph
    parents = graph.get(dg.AssetKey(["published", "sozialmonitor"])).parent_keys
    assert {key for key in graph.materializable_asset_keys if key.path[0] == "publish"} <= parents
    suites = {suite.name for suite in quality.SUITES}
    for key in graph.asset_check_keys:
        if (
            key.name in suites
            and graph.get_check_spec(key).blocking
            and key.asset_key.path[0] != "raw"
        ):
            # a blocking check stops direct children only; dbt builds its children in one step
            # (dbt's own tests fail that step itself)
            assert key.asset_key in parents, key


def test_job_schedule_sensor(repo):
    job = repo.get_job("stichtag_lauf")
    assert job.partitions_def == stichtag_partitions
    schedule = repo.get_schedule_def("jahreslauf")
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 6 1 3 *", "Europe/Berlin")
    assert repo.get_sensor_def("lieferungen").job_name == "stichtag_lauf"


def test_settings_resource_resolves_like_the_cli(tmp_path, monkeypatch):
    monkeypatch.setenv("SOZIALMONITOR_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("SOZIALMONITOR_KEY_FILE", str(tmp_path / "k.key"))
    monkeypatch.delenv("SOZIALMONITOR_INBOX", raising=False)
    monkeypatch.delenv("SOZIALMONITOR_WAREHOUSE", raising=False)
    assert SozialmonitorSettings().get() == Settings.from_env()
    assert SozialmonitorSettings().get().inbox == tmp_path / "d" / "inbox"
    configured = SozialmonitorSettings(data_dir=str(tmp_path / "x")).get()
    assert configured == Settings.from_env(data_dir=tmp_path / "x")


def test_dbt_tests_are_described_and_partitioned_checks(repo):
    graph = repo.asset_graph
    suites = {suite.name for suite in quality.SUITES}
    dbt_checks = [key for key in graph.asset_check_keys if key.name not in suites]
    assert len(dbt_checks) > 50  # the dbt project's tests
    for key in dbt_checks:
        spec = graph.get_check_spec(key)
        assert spec.partitions_def == stichtag_partitions, key
        assert spec.description and spec.description.startswith("dbt-Test "), key
    specs = {key.name: graph.get_check_spec(key) for key in dbt_checks}
    assert specs["unique_pub_dim_stadtteil_stadtteil_nr"].description == (
        "dbt-Test unique, blockierend: Spalte stadtteil_nr ist eindeutig."
    )
    assert any(
        "in keiner Randsumme über stichtag, stadtteil_nr, indikator_id, merkmal" in s.description
        for s in specs.values()
    )
