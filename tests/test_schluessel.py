"""The pseudonymisation key: one minimum length, a private key file, a named source."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from click.testing import CliRunner

from sozialmonitor.cli import main
from sozialmonitor.keys import KeyMissingError, create_key_file, fingerabdruck, load_key
from sozialmonitor.settings import Settings

ENV = "SOZIALMONITOR_PSEUDONYM_KEY"


@pytest.fixture(autouse=True)
def _no_key_in_env(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.delenv("SOZIALMONITOR_KEY_FILE", raising=False)


def test_a_short_key_in_the_environment_is_refused_like_a_short_key_file(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, "k")
    with pytest.raises(KeyMissingError, match="1 Bytes, mindestens 32"):
        load_key(Settings.from_env(data_dir=tmp_path))
    monkeypatch.setenv(ENV, "k" * 32)
    assert load_key(Settings.from_env(data_dir=tmp_path)) == b"k" * 32


def test_a_key_file_others_may_read_is_refused_with_the_chmod_to_run(tmp_path):
    path = tmp_path / "mein schluessel.key"
    create_key_file(path)
    path.chmod(0o644)
    settings = Settings.from_env(data_dir=tmp_path, key_file=path)
    with pytest.raises(KeyMissingError) as error:
        load_key(settings)
    assert f"chmod 600 '{path}'" in str(error.value)
    path.chmod(0o600)
    assert load_key(settings) == path.read_bytes().strip()


def test_with_key_file_and_key_variable_the_cli_says_which_is_used(tmp_path, monkeypatch):
    path = tmp_path / "pseudonym.key"
    create_key_file(path)
    monkeypatch.setenv(ENV, "e" * 40)
    (tmp_path / "inbox").mkdir()  # nothing delivered: nothing but the key's source matters
    args = ["land", "--data-dir", str(tmp_path), "--stichtag", "2024"]
    out = CliRunner().invoke(main, [*args, "--key-file", str(path)]).output
    assert f"Schlüssel aus {path} (--key-file); {ENV} ist ebenfalls gesetzt" in out
    monkeypatch.setenv("SOZIALMONITOR_KEY_FILE", str(path))
    out = CliRunner().invoke(main, args).output
    assert f"Schlüssel aus {ENV}; die Schlüsseldatei {path} (SOZIALMONITOR_KEY_FILE)" in out


def test_the_key_fingerprint_is_a_keyed_hash_of_a_constant_not_the_key():
    key = b"s" * 40
    expected = hmac.new(key, b"sozialmonitor-schluessel-fingerabdruck", hashlib.sha256)
    assert fingerabdruck(key) == expected.hexdigest()[:16]
    assert fingerabdruck(key) != fingerabdruck(b"t" * 40)


def test_a_missing_key_ends_the_cli_with_a_german_sentence_not_a_traceback(tmp_path):
    missing = tmp_path / "kein.key"
    (tmp_path / "inbox" / "2024").mkdir(parents=True)
    result = CliRunner().invoke(
        main,
        ["run", "--data-dir", str(tmp_path), "--key-file", str(missing), "--stichtag", "2024"],
    )
    assert result.exit_code == 1
    assert "Fehler: Kein Pseudonymisierungsschlüssel" in result.output
    assert "init-key" in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, KeyMissingError)
