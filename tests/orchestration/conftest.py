import shutil
from pathlib import Path

import pytest

from sozialmonitor.generator import generate

YEARS = [2023, 2024]


@pytest.fixture(scope="session")
def generated_inbox(tmp_path_factory) -> Path:
    """Two clean years at scale 0.02, generated once; tests work on copies."""
    folder = tmp_path_factory.mktemp("orchestration_inbox")
    generate(folder, YEARS, scale=0.02, seed=11)
    return folder


@pytest.fixture
def data_dir(tmp_path, monkeypatch, generated_inbox) -> Path:
    """A data folder with a copy of the inbox; the environment points the resources at it."""
    data = tmp_path / "data"
    shutil.copytree(generated_inbox, data / "inbox")
    monkeypatch.setenv("SOZIALMONITOR_DATA_DIR", str(data))
    monkeypatch.delenv("SOZIALMONITOR_INBOX", raising=False)
    monkeypatch.delenv("SOZIALMONITOR_WAREHOUSE", raising=False)
    monkeypatch.setenv("SOZIALMONITOR_PSEUDONYM_KEY", "x" * 40)
    return data
