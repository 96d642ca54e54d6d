from pathlib import Path

import pytest
from quality_warehouse import build_warehouse


@pytest.fixture(scope="session")
def clean_warehouse(tmp_path_factory) -> Path:
    """The clean two-Stichtag warehouse (built once; tests work on copies)."""
    return build_warehouse(tmp_path_factory.mktemp("sauber") / "warehouse.duckdb")
