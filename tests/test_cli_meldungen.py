"""The command line ends every problem the user can fix with one German sentence, no traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sozialmonitor.cli import main


@pytest.mark.parametrize("befehl", ["run", "land"])
def test_a_wrong_or_empty_inbox_says_which(tmp_path, monkeypatch, befehl):
    monkeypatch.setenv("SOZIALMONITOR_PSEUDONYM_KEY", "cli-test-key-" + "c" * 32)
    inbox = tmp_path / "posteingang"
    args = [befehl, "--data-dir", str(tmp_path / "data"), "--inbox", str(inbox)]
    missing = CliRunner().invoke(main, args)
    assert missing.exit_code == 1 and isinstance(missing.exception, SystemExit)
    assert f"Fehler: Der Posteingang {inbox} existiert nicht" in missing.output
    # landing a named Stichtag from a mistyped inbox would record every delivery as missing
    named = CliRunner().invoke(main, [*args, "--stichtag", "2024"])
    assert f"Fehler: Der Posteingang {inbox} existiert nicht" in named.output
    (inbox / "2024-alt").mkdir(parents=True)
    empty = CliRunner().invoke(main, args)
    assert empty.exit_code == 1 and isinstance(empty.exception, SystemExit)
    assert f"Fehler: Der Posteingang {inbox} enthält keine Jahresordner" in empty.output
    assert not (tmp_path / "data" / "warehouse.duckdb").exists()


def test_a_fault_too_big_for_the_scale_is_a_message_not_a_traceback(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "generate",
            "--inbox",
            str(tmp_path / "inbox"),
            "--years",
            "2024",
            "--scale",
            "0.1",
            "--fault",
            "invalid-values",
        ],
    )
    assert result.exit_code == 1
    assert "use a larger --scale" in result.output
    assert "Traceback" not in result.output
