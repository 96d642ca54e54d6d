"""Everything Dagster loads: one module per kind of definition (see ../definitions.py)."""
