"""Keyed pseudonyms in DuckDB SQL equal Python's HMAC-SHA256; the key comes from env or key file."""

from __future__ import annotations

import hashlib
import hmac

import duckdb
import pytest

from sozialmonitor.keys import create_key_file, load_key
from sozialmonitor.landing.pseudonym import hmac_sql
from sozialmonitor.settings import Settings

IDS = ["P0004711", "K-ÄÖÜ-1", "", "x" * 200]


@pytest.mark.parametrize("key", [b"k" * 32, b"k" * 64, b"k" * 65, bytes(range(200))])
def test_sql_hmac_equals_python_hmac_for_short_block_and_long_keys(key):
    with duckdb.connect() as con:
        got = con.execute(
            f"SELECT {hmac_sql(key, 'id')} FROM unnest(?::VARCHAR[]) AS t(id)", [IDS]
        ).fetchall()
    assert [g for (g,) in got] == [
        hmac.new(key, i.encode(), hashlib.sha256).hexdigest() for i in IDS
    ]


def test_null_id_stays_null():
    with duckdb.connect() as con:
        assert con.execute(f"SELECT {hmac_sql(b'k' * 32, 'NULL::VARCHAR')}").fetchone() == (None,)


def test_key_file_is_private_and_used_when_no_key_is_in_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("SOZIALMONITOR_PSEUDONYM_KEY")
    path = tmp_path / "keys" / "pseudonym.key"
    assert create_key_file(path) and not create_key_file(path)
    assert path.stat().st_mode & 0o777 == 0o600
    settings = Settings.from_env(data_dir=tmp_path / "data", key_file=path)
    assert load_key(settings) == path.read_bytes().strip()
    monkeypatch.setenv("SOZIALMONITOR_PSEUDONYM_KEY", "e" * 40)
    assert load_key(settings) == path.read_bytes().strip()  # --key-file wins
    assert load_key(Settings.from_env(data_dir=tmp_path / "data")) == b"e" * 40
