"""Every load records its key's fingerprint; a Stichtag landed with another key is refused
unless the operator starts a new key series."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

from sozialmonitor.generator import generate
from sozialmonitor.keys import fingerabdruck
from sozialmonitor.landing import land_source, lieferdatei
from tests.landing.conftest import KEY, query, read_rows

ANDERER = "ein-anderer-schluessel-" + "y" * 32
VORJAHR, STICHTAG = date(2023, 12, 31), date(2024, 12, 31)
QUELLE = "hze_faelle"


def _pseudonym(key: str, value: str) -> str:
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


def _protokoll(settings):
    return query(
        settings,
        "SELECT stichtag, status, schluessel, neue_schluesselreihe FROM raw.ladeprotokoll "
        "WHERE quelle = ? ORDER BY geladen_um",
        [QUELLE],
    )


def test_a_new_key_is_refused_until_a_new_series_is_started(settings, monkeypatch):
    generate(settings.inbox, [2023, 2024], scale=0.05, seed=5)
    assert land_source(settings, VORJAHR, QUELLE).ok
    assert _protokoll(settings) == [(VORJAHR, "geladen", fingerabdruck(KEY.encode()), False)]
    assert KEY not in str(query(settings, "SELECT * FROM raw.ladeprotokoll"))

    monkeypatch.setenv("SOZIALMONITOR_PSEUDONYM_KEY", ANDERER)
    refused = land_source(settings, STICHTAG, QUELLE)
    assert not refused.ok and refused.blocks_publication
    (message,) = refused.messages
    assert "schluessel_gewechselt" in message and "--neue-schluesselreihe" in message
    assert fingerabdruck(KEY.encode()) in message and fingerabdruck(ANDERER.encode()) in message
    assert len(_protokoll(settings)) == 1  # nothing landed, nothing recorded
    assert query(
        settings, "SELECT count(*) FROM raw.hze_faelle WHERE stichtag = ?", [STICHTAG]
    ) == [(0,)]

    neu = settings.__class__.from_env(
        data_dir=settings.data_dir, inbox=settings.inbox, neue_schluesselreihe=True
    )
    assert land_source(neu, STICHTAG, QUELLE).ok
    assert _protokoll(settings)[-1] == (STICHTAG, "geladen", fingerabdruck(ANDERER.encode()), True)

    # the earlier year, unchanged, is landed again under the new series' key, not kept as it was
    again = land_source(settings, VORJAHR, QUELLE)
    assert again.ok and not any("unverändert" in m for m in again.messages)
    first = read_rows(lieferdatei(settings, VORJAHR, QUELLE))[0]
    assert query(
        settings,
        "SELECT fall_pseudonym FROM raw.hze_faelle WHERE stichtag = ? AND zeile = 2",
        [VORJAHR],
    ) == [(_pseudonym(ANDERER, first["FALL_ID"]),)]
