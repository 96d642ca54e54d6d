"""Resources: the pipeline's Settings and the dbt CLI, one in-process executor.

Unset fields of ``SozialmonitorSettings`` are resolved exactly like the CLI options:
environment variables (``SOZIALMONITOR_DATA_DIR``, ``SOZIALMONITOR_INBOX``,
``SOZIALMONITOR_KEY_FILE``, ``SOZIALMONITOR_WAREHOUSE``, ``SOZIALMONITOR_PSEUDONYM_KEY``), then
the defaults of ``sozialmonitor.settings``; values set in the launchpad win.
"""

import dagster as dg

from orchestration.project import dbt_cli
from sozialmonitor.settings import Settings


class SozialmonitorSettings(dg.ConfigurableResource):
    """Paths and key file of the pipeline (``sozialmonitor.settings.Settings``)."""

    data_dir: str | None = None
    inbox: str | None = None
    key_file: str | None = None

    def get(self) -> Settings:
        return Settings.from_env(data_dir=self.data_dir, inbox=self.inbox, key_file=self.key_file)


@dg.definitions
def resources() -> dg.Definitions:
    # Steps of a run execute one after another in one process: DuckDB allows one writer.
    return dg.Definitions(
        resources={"settings": SozialmonitorSettings(), "dbt": dbt_cli()},
        executor=dg.in_process_executor,
    )
