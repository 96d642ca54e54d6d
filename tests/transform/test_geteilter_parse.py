"""A fresh data dir starts from the project's saved parse: dbt does not parse everything again."""

from __future__ import annotations

from sozialmonitor.settings import Settings
from sozialmonitor.transform import GETEILTER_PARSE, dbt, dbt_dir


def _log(settings: Settings) -> str:
    return (dbt_dir(settings) / "logs" / "dbt.log").read_text(encoding="utf-8")


def test_a_fresh_data_dir_reuses_the_saved_parse(tmp_path):
    erste = Settings.from_env(data_dir=tmp_path / "erste")
    assert dbt(erste, "parse").returncode == 0, _log(erste)[-2000:]
    assert GETEILTER_PARSE.is_file()

    zweite = Settings.from_env(data_dir=tmp_path / "zweite")
    assert dbt(zweite, "parse").returncode == 0, _log(zweite)[-2000:]
    log = _log(zweite)
    assert "Partial parsing enabled" in log
    assert "Unable to do partial parsing" not in log, log[-2000:]
