"""Dagster entry point (``[tool.dagster]`` in pyproject.toml): loads everything in ``defs/``
(project layout in ``dg.toml``)."""

from pathlib import Path

import dagster as dg

defs = dg.load_from_defs_folder(path_within_project=Path(__file__).parent)
