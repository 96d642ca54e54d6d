"""The README's first command: `sozialmonitor demo` generates, lands, builds, checks,
publishes and reports several years and says where the results are."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from sozialmonitor.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("demo")]


def test_demo_runs_every_stage_for_every_year_and_names_the_results(tmp_path, monkeypatch):
    # the demo creates its key file
    monkeypatch.delenv("SOZIALMONITOR_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv("SOZIALMONITOR_KEY_FILE", str(tmp_path / "pseudonym.key"))
    data = tmp_path / "data"
    cli = Path(sys.executable).with_name("sozialmonitor")
    result = subprocess.run(
        [str(cli), "demo", "--data-dir", str(data), "--years", "2023-2024", "--scale", "0.05"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for stage in ("land", "build", "check"):
        for jahr in (2023, 2024):
            assert f"[{jahr}-12-31] {stage}: ok" in result.stdout
    # one release for the run, with both years
    assert "[2024-12-31] publish: ok" in result.stdout
    assert "[2023-12-31] publish" not in result.stdout
    settings = Settings.from_env(data_dir=data, inbox=data / "inbox")
    assert f"Veröffentlichte DB:    {settings.published_db}" in result.stdout
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        stichtage = con.execute("SELECT DISTINCT year(stichtag) FROM fct_indikatoren ORDER BY 1")
        assert [j for (j,) in stichtage.fetchall()] == [2023, 2024]
    assert (tmp_path / "pseudonym.key").stat().st_mode & 0o077 == 0
    assert "sozialbericht_2024.html" in (settings.reports_dir / "sozialbericht.html").read_text()
    assert (settings.reports_dir / "sozialbericht_2024.html").stat().st_size > 10_000
    assert (settings.quality_dir / "2024-12-31" / "data_docs" / "index.html").is_file()
