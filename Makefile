# Two commands do everything on a fresh clone (only Python 3.11 and make needed):
#   make demo   install, generate demo deliveries, land, build, check, publish
#   make test   install and run the test suite
# CI runs `make chromium lint test` (.ci/run).
PYTHON ?= python3.11
UV := .tools/bin/uv
UV_VERSION := 0.13.8
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: setup demo test lint chromium dagster docs bench bench-quick clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

setup: .venv/.synced

demo: setup
	.venv/bin/sozialmonitor demo

# dbt-postgres on top of the project: the benchmark's PostgreSQL peer and its test.
.venv/.bench: .venv/.synced
	$(UV) sync --frozen --group bench --python $(PYTHON)
	touch $@

test: .venv/.bench
	.venv/bin/pytest -n 2 --dist loadgroup

# Style the tools enforce: ruff's rules and formatter (pyproject.toml), sqlfluff with dbt's
# templater on the models and singular tests (.sqlfluff; macro files it cannot lint alone);
# dbt compiles them against an in-memory DuckDB.
lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	SOZIALMONITOR_WAREHOUSE=:memory: .venv/bin/sqlfluff lint --disable-progress-bar models $(wildcard tests/dbt/*.sql)

# The report test opens the Sozialbericht in a real browser: Debian's Chromium. A system
# package, so a target of its own that CI calls, never a side effect of `make test`.
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
		|| echo "chromium could not be installed: the browser test of the report is skipped"

# dagster dev through orchestration/dev.py: Ctrl-C also ends a run in progress.
dagster: setup
	DAGSTER_HOME=$(CURDIR)/orchestration/dagster_home .venv/bin/python -m orchestration.dev

# dbt compiles the incremental models for one Stichtag; for the docs any will do: last year's.
docs: setup
	SOZIALMONITOR_WAREHOUSE=$${SOZIALMONITOR_WAREHOUSE:-data/warehouse.duckdb} SOZIALMONITOR_STICHTAG=$$(($$(date +%Y) - 1))-12-31 \
		.venv/bin/dbt docs generate --project-dir . --profiles-dir . && .venv/bin/dbt docs serve --project-dir . --profiles-dir . --port 8081

bench: .venv/.bench
	.venv/bin/python benchmarks/run.py --sizes dorsten,1m,10m

bench-quick: .venv/.bench
	.venv/bin/python benchmarks/run.py --sizes quick

clean:
	rm -rf .venv .tools target logs
