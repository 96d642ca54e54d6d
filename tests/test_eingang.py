"""Stray folders in the inbox are named and skipped; the year folders still run."""

from __future__ import annotations

from datetime import date

from sozialmonitor import pipeline
from sozialmonitor.settings import Settings


def test_a_stray_folder_is_named_and_skipped(tmp_path):
    settings = Settings.from_env(data_dir=tmp_path / "data", inbox=tmp_path / "inbox")
    for name in ("0000", "2024", "2024_alt", "99999", "2023"):
        (settings.inbox / name).mkdir(parents=True)
    (settings.inbox / "1999").write_text("a file, not a folder")
    assert pipeline.stichtage_in_inbox(settings) == [date(2023, 12, 31), date(2024, 12, 31)]
    assert pipeline.fremde_ordner(settings) == ["0000", "2024_alt", "99999"]
