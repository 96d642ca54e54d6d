"""The command line ends every problem the user can fix with one German sentence, no traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sozialmonitor.cli import main
from sozialmonitor.settings import PROJECT_DIR


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
    assert "größeres --scale wählen" in result.output
    assert "Traceback" not in result.output


def test_a_stichtag_other_than_31_december_is_refused_in_the_words_of_dbt(tmp_path):
    result = CliRunner().invoke(
        main, ["build", "--data-dir", str(tmp_path / "data"), "--stichtag", "2024-06-30"]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    expected = (
        "Fehler: --stichtag: Stichtag muss ein 31. Dezember sein (JJJJ-12-31), ist: '2024-06-30'"
    )
    assert expected in result.output
    # the same rule as dbt states it (macros/stichtag.sql), word for word after the subject
    macro = (PROJECT_DIR / "macros" / "stichtag.sql").read_text(encoding="utf-8")
    assert "muss ein 31. Dezember sein (JJJJ-12-31), ist: '" in macro
