"""`sozialmonitor`: the command line for data engineers and schedulers.

Every subcommand takes the same options; each stage delegates to the one implementation
in its package (landing, transform, quality, publishing) that Dagster runs as well.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click
import duckdb

from sozialmonitor import pipeline
from sozialmonitor.keys import KeyMissingError, schluessel
from sozialmonitor.settings import ENV_INBOX, Settings, parse_stichtag
from sozialmonitor.sperre import WarehouseBelegt, belegt_laut_duckdb, warehouse_sperre
from sozialmonitor.stage_result import StageResult


class Abbruch(click.ClickException):
    """A problem the user can fix: one German sentence, exit code 1, no traceback."""

    def show(self, file=None) -> None:
        click.echo(f"Fehler: {self.format_message()}", err=True)


def _parse_years(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def _stichtage(values: tuple[str, ...]) -> list[date]:
    try:
        return sorted(parse_stichtag(v) for v in values)
    except ValueError as error:
        raise Abbruch(f"--stichtag: {error}") from error


def common_options(func):
    """--inbox, --data-dir, --key-file and --stichtag, the same on every stage command."""
    options = [
        click.option(
            "--inbox",
            type=click.Path(path_type=Path),
            help="Delivery folder with <YYYY>/ subfolders [env SOZIALMONITOR_INBOX, default <data-dir>/inbox].",
        ),
        click.option(
            "--data-dir",
            type=click.Path(path_type=Path),
            help="Warehouse, quarantine, quality results, exports, published database [env SOZIALMONITOR_DATA_DIR, default ./data].",
        ),
        click.option(
            "--key-file",
            type=click.Path(path_type=Path),
            help="Pseudonymisation key file [env SOZIALMONITOR_KEY_FILE, default ~/.config/sozialmonitor/pseudonym.key].",
        ),
        click.option(
            "--stichtag",
            "stichtage",
            multiple=True,
            help="Reference date YYYY-12-31 (repeatable). Default: every year folder in the inbox.",
        ),
        click.option(
            "--warten",
            type=click.FloatRange(min=0),
            default=0,
            show_default=True,
            help="Seconds to wait while another run holds the warehouse (0: end at once).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _settings(inbox, data_dir, key_file, neue_schluesselreihe: bool = False) -> Settings:
    return Settings.from_env(
        data_dir=data_dir,
        inbox=inbox,
        key_file=key_file,
        neue_schluesselreihe=neue_schluesselreihe,
    )


def _gewaehlt(settings: Settings, stichtage: tuple[str, ...], landet: bool) -> list[date]:
    """The --stichtag values, else every year folder of the inbox; says why there is none.

    A command that lands deliveries needs the inbox even with --stichtag: a mistyped path
    would otherwise record every delivery as missing.
    """
    chosen = _stichtage(stichtage)
    if (landet or not chosen) and not settings.inbox.is_dir():
        raise Abbruch(
            f"Der Posteingang {settings.inbox} existiert nicht (--inbox oder {ENV_INBOX} angeben)."
        )
    if chosen:
        return chosen
    if not (chosen := pipeline.stichtage_in_inbox(settings)):
        raise Abbruch(
            f"Der Posteingang {settings.inbox} enthält keine Jahresordner <JJJJ>/ "
            f"(erwartet z. B. {settings.inbox / '2024'}/) und es ist kein --stichtag angegeben."
        )
    return chosen


@contextmanager
def _am_warehouse(settings: Settings, warten: float, landet: bool = False) -> Iterator[None]:
    """Hold the warehouse for this command; problems the user can fix end as one German sentence.

    A command that lands deliveries needs the key: it is read first, and its source named
    when two were given.
    """
    befehl = f"sozialmonitor {click.get_current_context().info_name}"
    try:
        if landet and (hinweis := schluessel(settings).hinweis):
            click.echo(hinweis)
        with warehouse_sperre(settings, befehl, warten):
            yield
    except (WarehouseBelegt, KeyMissingError) as error:
        raise Abbruch(str(error)) from error
    except duckdb.IOException as error:
        if meldung := belegt_laut_duckdb(str(error)):
            raise Abbruch(meldung) from error
        raise


def _run_stage(
    stage,
    settings: Settings,
    stichtage: tuple[str, ...],
    warten: float,
    landet: bool = False,
) -> None:
    chosen = _gewaehlt(settings, stichtage, landet)
    with _am_warehouse(settings, warten, landet):
        results = [stage(settings, stichtag) for stichtag in chosen]
    _report(results)


def _report(results: list[StageResult]) -> None:
    for result in results:
        click.echo(result.summary())
        for message in result.messages:
            click.echo("  " + message)
    if not all(r.ok for r in results):
        sys.exit(1)


@click.group()
def main() -> None:
    """Sozialmonitor: social-monitoring data warehouse for children, young people and families."""


@main.command()
@click.option(
    "--inbox",
    type=click.Path(path_type=Path),
    required=True,
    help="Where to write <YYYY>/ delivery folders.",
)
@click.option(
    "--years",
    default="2022-2024",
    show_default=True,
    help="Stichtag years, e.g. 2022-2024 or 2024.",
)
@click.option("--scale", default=1.0, show_default=True, help="1.0 ≈ Dorsten's 75,000 residents.")
@click.option("--seed", default=42, show_default=True)
@click.option(
    "--fault",
    "faults",
    multiple=True,
    help="Inject a fault of the delivery contract into the newest year (repeatable; see `generate --list-faults`).",
)
@click.option("--list-faults", is_flag=True, help="List the fault names and exit.")
def generate(
    inbox: Path, years: str, scale: float, seed: int, faults: tuple[str, ...], list_faults: bool
) -> None:
    """Write synthetic deliveries for Dorsten, exactly as the delivery contract says."""
    from sozialmonitor import generator

    if list_faults:
        for name, description in generator.FAULTS.items():
            click.echo(f"{name:32s} {description}")
        return
    try:
        written = generator.generate(
            inbox, _parse_years(years), scale=scale, seed=seed, faults=faults
        )
    except ValueError as error:  # a fault that the chosen scale cannot carry, an unknown fault
        raise Abbruch(str(error)) from error
    click.echo(f"{len(written)} Dateien geschrieben unter {inbox}")


@main.command("init-key")
@click.option("--key-file", type=click.Path(path_type=Path))
def init_key(key_file: Path | None) -> None:
    """Create a random pseudonymisation key file (mode 0600) if there is none."""
    from sozialmonitor.keys import create_key_file

    path = _settings(None, None, key_file).key_file
    click.echo(("angelegt: " if create_key_file(path) else "gibt es schon: ") + str(path))


NEUE_SCHLUESSELREIHE = click.option(
    "--neue-schluesselreihe",
    is_flag=True,
    help="Accept a key other than the earlier loads' (starts a new key series; "
    "ids no longer link to the years landed with the old key).",
)


@main.command()
@common_options
@NEUE_SCHLUESSELREIHE
def land(inbox, data_dir, key_file, stichtage, warten, neue_schluesselreihe) -> None:
    """Load every delivery of a Stichtag into the warehouse (schema raw)."""
    from sozialmonitor.landing import land as stage

    settings = _settings(inbox, data_dir, key_file, neue_schluesselreihe)
    _run_stage(stage, settings, stichtage, warten, landet=True)


@main.command()
@common_options
@click.option("--full-refresh", is_flag=True, help="Rebuild every Stichtag from raw.")
def build(inbox, data_dir, key_file, stichtage, warten, full_refresh) -> None:
    """Run dbt build (staging to indicators) for a Stichtag."""
    from sozialmonitor.transform import build as stage

    settings = _settings(inbox, data_dir, key_file)
    _run_stage(lambda s, d: stage(s, d, full_refresh=full_refresh), settings, stichtage, warten)


@main.command()
@common_options
def check(inbox, data_dir, key_file, stichtage, warten) -> None:
    """Run the Great Expectations suites; exit 1 on a blocking failure."""
    from sozialmonitor.quality import check as stage

    _run_stage(stage, _settings(inbox, data_dir, key_file), stichtage, warten)


@main.command()
@common_options
def publish(inbox, data_dir, key_file, stichtage, warten) -> None:
    """Publish the disclosure-controlled database for BI and the exports."""
    from sozialmonitor.publishing import publish as stage

    _run_stage(stage, _settings(inbox, data_dir, key_file), stichtage, warten)


@main.command()
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path),
    help="Data folder [env SOZIALMONITOR_DATA_DIR, default ./data].",
)
@click.option(
    "--version", "version", default=None, help="File name of a kept version (default: the newest)."
)
def rollback(data_dir: Path | None, version: str | None) -> None:
    """Put the previous published database back (a bad release undone in one command)."""
    from sozialmonitor import publishing

    settings = _settings(None, data_dir, None)
    try:
        with _am_warehouse(settings, 0):
            restored = publishing.rollback(settings, version)
    except FileNotFoundError as error:
        raise Abbruch(str(error)) from error
    click.echo(f"{settings.published_db} ist wieder der Stand {restored.name}")


@main.command()
@common_options
@click.option(
    "--grund",
    required=True,
    help="Why the findings may be published anyway (kept with the release).",
)
def freigeben(inbox, data_dir, key_file, stichtage, warten, grund) -> None:
    """Release a Stichtag despite its blocking quality findings (recorded, shown in the report).

    Only findings of the quality check can be released: never a missing or rejected
    delivery, a failed build or the disclosure audit. Publish afterwards (`publish` or `run`).
    """
    import duckdb

    from sozialmonitor import freigabe

    settings = _settings(inbox, data_dir, key_file)
    if not stichtage:
        raise click.UsageError("freigeben braucht --stichtag")
    with _am_warehouse(settings, warten), duckdb.connect(str(settings.warehouse)) as con:
        for stichtag in _stichtage(stichtage):
            try:
                status = freigabe.erfasse_ausnahme(con, stichtag, grund)
            except freigabe.FreigabeAbgelehnt as fehler:
                raise Abbruch(str(fehler)) from fehler
            click.echo(
                f"{stichtag:%d.%m.%Y} freigegeben trotz: "
                + "; ".join(status.befunde)
                + f"\n  Grund: {status.ausnahme_grund}"
                + f"\n  Jetzt veröffentlichen: sozialmonitor publish --stichtag {stichtag.isoformat()}"
            )


@main.command()
@common_options
def report(inbox, data_dir, key_file, stichtage, warten) -> None:
    """Write the Sozialbericht (HTML) from the published database."""
    from sozialmonitor.report import build_report as stage

    _run_stage(stage, _settings(inbox, data_dir, key_file), stichtage, warten)


@main.command()
@common_options
@NEUE_SCHLUESSELREIHE
def run(inbox, data_dir, key_file, stichtage, warten, neue_schluesselreihe) -> None:
    """Land, build and check each Stichtag, oldest first; then publish one release
    (database, exports, report) of every Stichtag that passed."""
    settings = _settings(inbox, data_dir, key_file, neue_schluesselreihe)
    chosen = _gewaehlt(settings, stichtage, landet=True)
    with _am_warehouse(settings, warten, landet=True):
        outcome = pipeline.run(settings, chosen, echo=click.echo)
    blocked = [d for d, results in outcome.items() if not all(r.ok for r in results)]
    if blocked:
        click.echo("Blockiert: " + ", ".join(d.isoformat() for d in blocked), err=True)
        sys.exit(1)


@main.command()
@click.option(
    "--data-dir", type=click.Path(path_type=Path), default=Path("data"), show_default=True
)
@click.option(
    "--years",
    default="2019-2024",
    show_default=True,
    help="Six Stichtage: the projection's back-test needs four or more.",
)
@click.option("--scale", default=1.0, show_default=True)
@click.option("--seed", default=42, show_default=True)
def demo(data_dir: Path, years: str, scale: float, seed: int) -> None:
    """Generate demo deliveries for several years, run everything, print where the results are."""
    from sozialmonitor import generator
    from sozialmonitor.keys import create_key_file

    settings = Settings.from_env(data_dir=data_dir, inbox=data_dir / "inbox")
    if create_key_file(settings.key_file):
        click.echo(
            f"Pseudonymisierungsschlüssel angelegt: {settings.key_file} (Rechte 0600, außerhalb von git)"
        )
    generator.generate(settings.inbox, _parse_years(years), scale=scale, seed=seed)
    with _am_warehouse(settings, 0, landet=True):
        outcome = pipeline.run(settings, None, echo=click.echo)
    click.echo("")
    click.echo(f"Lieferungen:           {settings.inbox}")
    click.echo(f"Warehouse:             {settings.warehouse}")
    click.echo(f"Quarantäne:            {settings.rejected_dir} und Tabelle raw.quarantaene")
    click.echo(f"Prüfergebnisse:        {settings.quality_dir}")
    click.echo(f"Exporte:               {settings.exports_dir}")
    click.echo(f"Veröffentlichte DB:    {settings.published_db}")
    click.echo(f"Sozialbericht:         {settings.reports_dir / 'sozialbericht.html'}")
    if not all(r.ok for results in outcome.values() for r in results):
        sys.exit(1)
