"""Stage results reach the Dagster UI with the CLI's lines; blocked ones fail the step."""

from datetime import date

import dagster as dg
import pytest

from orchestration.stage_metadata import stage_metadata
from sozialmonitor.stage_result import StageResult

STICHTAG = date(2024, 12, 31)


@pytest.fixture
def context():
    with dg.build_asset_context() as context:  # closes its ephemeral instance
        yield context


def test_ok_result_becomes_metadata(context):
    result = StageResult("land", STICHTAG, details={"datei": STICHTAG, "zeilen": 3})
    result.messages.append(
        "seu_2024.csv Zeile 7: datum_ungueltig (UNTERS_DATUM '31.02.2024'), Zeile in Quarantäne"
    )
    metadata = stage_metadata(context, [result])
    assert metadata["stichtage"] == ["2024-12-31"]
    assert "seu_2024.csv Zeile 7: datum_ungueltig" in metadata["meldungen"].value
    assert metadata["details"] == {"2024-12-31": {"datei": "2024-12-31", "zeilen": 3}}


def test_blocking_result_fails_with_the_cli_lines(context):
    ok = StageResult("land", date(2023, 12, 31))
    blocked = StageResult("land", STICHTAG)
    blocked.fail("wohngeld_20241231.csv: Datei fehlt (Regel datei_fehlt)")
    with pytest.raises(dg.Failure) as raised:
        stage_metadata(context, [ok, blocked])
    assert raised.value.description.splitlines() == [
        "[2024-12-31] land: BLOCKIERT",
        "wohngeld_20241231.csv: Datei fehlt (Regel datei_fehlt)",
    ]


def test_a_failure_that_blocks_nothing_still_fails_the_step(context):
    result = StageResult("report", STICHTAG)
    result.fail("keine veröffentlichte Datenbank data/published/sozialmonitor.duckdb", block=False)
    with pytest.raises(dg.Failure, match="report: FEHLER"):
        stage_metadata(context, [result])
