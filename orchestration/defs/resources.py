"""Resources: the pipeline's Settings and the dbt CLI, one in-process executor.

Unset fields of ``SozialmonitorSettings`` are resolved exactly like the CLI options:
environment variables (``SOZIALMONITOR_DATA_DIR``, ``SOZIALMONITOR_INBOX``,
``SOZIALMONITOR_KEY_FILE``, ``SOZIALMONITOR_WAREHOUSE``, ``SOZIALMONITOR_PSEUDONYM_KEY``), then
the defaults of ``sozialmonitor.settings``; values set in the launchpad win.

A run holds the warehouse lock (``sozialmonitor.sperre``) from start to end, like a CLI
command: a second run, Dagster's or the CLI's, is told who works on the warehouse.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg

from orchestration.project import dbt_cli
from sozialmonitor.settings import Settings
from sozialmonitor.sperre import warehouse_sperre


class SozialmonitorSettings(dg.ConfigurableResource):
    """Paths and key file of the pipeline (``sozialmonitor.settings.Settings``)."""

    data_dir: str | None = None
    inbox: str | None = None
    key_file: str | None = None
    #: Accept a key other than the earlier loads' (``--neue-schluesselreihe`` of the CLI).
    neue_schluesselreihe: bool = False
    #: Seconds a run waits while another run holds the warehouse.
    warten: float = 0

    def get(self) -> Settings:
        return Settings.from_env(
            data_dir=self.data_dir,
            inbox=self.inbox,
            key_file=self.key_file,
            neue_schluesselreihe=self.neue_schluesselreihe,
        )

    @contextmanager
    def yield_for_execution(
        self, context: dg.InitResourceContext
    ) -> Iterator["SozialmonitorSettings"]:
        if context.run is None:  # a sensor or schedule only reads the inbox
            yield self
            return
        befehl = f"Dagster-Lauf {context.run.run_id[:8]} ({context.run.job_name})"
        with warehouse_sperre(self.get(), befehl, self.warten):
            yield self


@dg.definitions
def resources() -> dg.Definitions:
    # Steps of a run execute one after another in one process: DuckDB allows one writer.
    return dg.Definitions(
        resources={"settings": SozialmonitorSettings(), "dbt": dbt_cli()},
        executor=dg.in_process_executor,
    )
