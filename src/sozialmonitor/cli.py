"""`sozialmonitor`: the command line for data engineers and schedulers.

Every subcommand takes the same options; each stage delegates to the one implementation
in its package (landing, transform, quality, publishing) that Dagster runs as well.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from sozialmonitor import pipeline
from sozialmonitor.outcome import StageResult
from sozialmonitor.settings import Settings, parse_stichtag


def _parse_years(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def _stichtage(values: tuple[str, ...]) -> list[date]:
    try:
        return sorted(parse_stichtag(v) for v in values)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--stichtag") from error


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
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _settings(inbox, data_dir, key_file) -> Settings:
    return Settings.from_env(data_dir=data_dir, inbox=inbox, key_file=key_file)


def _run_stage(stage, settings: Settings, stichtage: tuple[str, ...]) -> None:
    chosen = _stichtage(stichtage) or pipeline.stichtage_in_inbox(settings)
    if not chosen:
        raise click.UsageError(f"No --stichtag given and no <YYYY>/ folders in {settings.inbox}")
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
    default=None,
    help="Inject one fault of the delivery contract (see `generate --list-faults`).",
)
@click.option("--list-faults", is_flag=True, help="List the fault names and exit.")
def generate(
    inbox: Path, years: str, scale: float, seed: int, fault: str | None, list_faults: bool
) -> None:
    """Write synthetic deliveries for Dorsten, exactly as the delivery contract says."""
    from sozialmonitor import generator

    if list_faults:
        for name, description in generator.FAULTS.items():
            click.echo(f"{name:32s} {description}")
        return
    written = generator.generate(inbox, _parse_years(years), scale=scale, seed=seed, fault=fault)
    click.echo(f"{len(written)} files written under {inbox}")


@main.command("init-key")
@click.option("--key-file", type=click.Path(path_type=Path))
def init_key(key_file: Path | None) -> None:
    """Create a random pseudonymisation key file (mode 0600) if there is none."""
    from sozialmonitor.keys import create_key_file

    path = _settings(None, None, key_file).key_file
    click.echo(("created " if create_key_file(path) else "exists already: ") + str(path))


@main.command()
@common_options
def land(inbox, data_dir, key_file, stichtage) -> None:
    """Load every delivery of a Stichtag into the warehouse (schema raw)."""
    from sozialmonitor.landing import land as stage

    _run_stage(stage, _settings(inbox, data_dir, key_file), stichtage)


@main.command()
@common_options
@click.option("--full-refresh", is_flag=True, help="Rebuild every Stichtag from raw.")
def build(inbox, data_dir, key_file, stichtage, full_refresh) -> None:
    """Run dbt build (staging to indicators) for a Stichtag."""
    from sozialmonitor.transform import build as stage

    settings = _settings(inbox, data_dir, key_file)
    _run_stage(lambda s, d: stage(s, d, full_refresh=full_refresh), settings, stichtage)


@main.command()
@common_options
def check(inbox, data_dir, key_file, stichtage) -> None:
    """Run the Great Expectations suites; exit 1 on a blocking failure."""
    from sozialmonitor.quality import check as stage

    _run_stage(stage, _settings(inbox, data_dir, key_file), stichtage)


@main.command()
@common_options
def publish(inbox, data_dir, key_file, stichtage) -> None:
    """Publish the disclosure-controlled database for BI and the exports."""
    from sozialmonitor.publishing import publish as stage

    _run_stage(stage, _settings(inbox, data_dir, key_file), stichtage)


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
    from sozialmonitor.publishing import rollback as zuruecksetzen

    settings = _settings(None, data_dir, None)
    try:
        restored = zuruecksetzen(settings, version)
    except FileNotFoundError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{settings.published_db} ist wieder der Stand {restored.name}")


@main.command()
@common_options
def report(inbox, data_dir, key_file, stichtage) -> None:
    """Write the Sozialbericht (HTML) from the published database."""
    from sozialmonitor.report import build_report as stage

    _run_stage(stage, _settings(inbox, data_dir, key_file), stichtage)


@main.command()
@common_options
def run(inbox, data_dir, key_file, stichtage) -> None:
    """Land, build, check, publish and report each Stichtag, oldest first."""
    settings = _settings(inbox, data_dir, key_file)
    outcome = pipeline.run(settings, _stichtage(stichtage), echo=click.echo)
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
        click.echo(f"Created pseudonymisation key {settings.key_file} (mode 0600, outside git)")
    generator.generate(settings.inbox, _parse_years(years), scale=scale, seed=seed, fault=None)
    outcome = pipeline.run(settings, None, echo=click.echo)
    click.echo("")
    click.echo(f"Deliveries:          {settings.inbox}")
    click.echo(f"Warehouse:           {settings.warehouse}")
    click.echo(f"Quarantine:          {settings.rejected_dir} and table raw.quarantaene")
    click.echo(f"Quality results:     {settings.quality_dir}")
    click.echo(f"Exports:             {settings.exports_dir}")
    click.echo(f"Published database:  {settings.published_db}")
    click.echo(f"Sozialbericht:       {settings.reports_dir / 'sozialbericht.html'}")
    if not all(r.ok for results in outcome.values() for r in results):
        sys.exit(1)
