"""Keyed pseudonyms (HMAC-SHA256) computed inside DuckDB, so a million ids take no Python loop.

HMAC(K, m) = SHA256((K' xor opad) || SHA256((K' xor ipad) || m)) with K' the key padded
to the 64-byte block (RFC 2104); DuckDB's sha256 over BLOBs does the two hashes.
"""

from __future__ import annotations

import hashlib

BLOCK = 64


def _pads(key: bytes) -> tuple[str, str]:
    if len(key) > BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(BLOCK, b"\0")
    inner = bytes(b ^ 0x36 for b in key).hex()
    outer = bytes(b ^ 0x5C for b in key).hex()
    return inner, outer


def hmac_sql(key: bytes, column_sql: str) -> str:
    """SQL expression: lower-case hex HMAC-SHA256 of the VARCHAR ``column_sql`` (NULL stays NULL)."""
    inner, outer = _pads(key)
    return f"sha256(unhex('{outer}') || unhex(sha256(unhex('{inner}') || encode({column_sql}))))"
