from pathlib import Path

import pytest

from sozialmonitor.generator import generate

YEARS = [2023, 2024]


@pytest.fixture(scope="session")
def inbox(tmp_path_factory) -> Path:
    """Two clean years at a small scale, shared by the read-only tests."""
    folder = tmp_path_factory.mktemp("inbox")
    generate(folder, YEARS, scale=0.05, seed=7)
    return folder
