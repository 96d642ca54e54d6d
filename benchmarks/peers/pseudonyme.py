"""The contract peers' pseudonyms: HMAC-SHA256 of each distinct id, the key as the pipeline loads it.

The pipeline hashes every row's id inside DuckDB (``sozialmonitor.landing.pseudonym``); a careful
hand-written solution hashes each distinct id once with the standard library (the key's padded
inner and outer states computed once and copied per id) and maps the rows onto the result.
Same HMAC, so the same pseudonyms: lower-case hex of HMAC-SHA256(key, id as UTF-8).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable

from sozialmonitor.keys import load_key
from sozialmonitor.settings import Settings


def schluessel() -> bytes:
    """The key from the same sources and with the same checks as the pipeline's."""
    return load_key(Settings.from_env())


def hmac_hex(key: bytes) -> Callable[[Iterable[str]], list[str]]:
    """A function: ids -> their pseudonyms, one HMAC per id given (the caller gives distinct ids)."""
    basis = hmac.new(key, digestmod=hashlib.sha256)

    def pseudonyme(ids: Iterable[str]) -> list[str]:
        ergebnis = []
        for wert in ids:
            h = basis.copy()
            h.update(wert.encode())
            ergebnis.append(h.hexdigest())
        return ergebnis

    return pseudonyme
