"""The pseudonymisation key: from the environment or a key file outside the repository.

Which source wins: a key file named with ``--key-file`` (the command line is the most
explicit), else ``SOZIALMONITOR_PSEUDONYM_KEY``, else the key file from
``SOZIALMONITOR_KEY_FILE`` or the default path. Every source must give the same minimum
length, and a key file must be private to its owner.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import shlex
from dataclasses import dataclass
from pathlib import Path

from sozialmonitor.settings import ENV_KEY, ENV_KEY_FILE, Settings

#: HMAC-SHA256 wants a key of at least its output length.
MINDESTLAENGE = 32
#: The fingerprint is the key's HMAC of this constant: it tells keys apart and reveals none.
FINGERABDRUCK_TEXT = b"sozialmonitor-schluessel-fingerabdruck"


class KeyMissingError(RuntimeError):
    """No usable key; the message says what to do."""


@dataclass(frozen=True, repr=False)
class Schluessel:
    wert: bytes
    #: "Schlüsseldatei <path>" or "Umgebungsvariable SOZIALMONITOR_PSEUDONYM_KEY".
    quelle: str = ""
    #: Set when two sources were given: which one is used and which one is not.
    hinweis: str | None = None

    @property
    def fingerabdruck(self) -> str:
        return fingerabdruck(self.wert)

    def __repr__(self) -> str:  # never print the key itself
        return f"Schluessel({self.quelle}, Fingerabdruck {self.fingerabdruck})"


def fingerabdruck(key: bytes) -> str:
    """A keyed hash of a constant: the same key gives the same 16 hex digits, no key is revealed."""
    return hmac.new(key, FINGERABDRUCK_TEXT, hashlib.sha256).hexdigest()[:16]


def schluessel(settings: Settings) -> Schluessel:
    """The key with the source it came from (see the module docstring for the order)."""
    aus_umgebung = os.environ.get(ENV_KEY)
    datei = settings.key_file
    if aus_umgebung and settings.key_file_quelle != "--key-file":
        hinweis = (
            f"Schlüssel aus {ENV_KEY}; die Schlüsseldatei {datei} ({settings.key_file_quelle}) "
            "wird nicht verwendet"
            if settings.key_file_quelle
            else None
        )
        wert = aus_umgebung.encode()
        _pruefe_laenge(wert, f"Der Schlüssel in {ENV_KEY}")
        return Schluessel(wert, f"Umgebungsvariable {ENV_KEY}", hinweis)
    hinweis = (
        f"Schlüssel aus {datei} (--key-file); {ENV_KEY} ist ebenfalls gesetzt und wird nicht verwendet"
        if aus_umgebung
        else None
    )
    return Schluessel(_aus_datei(datei), f"Schlüsseldatei {datei}", hinweis)


def load_key(settings: Settings) -> bytes:
    """The HMAC key."""
    return schluessel(settings).wert


def _aus_datei(path: Path) -> bytes:
    if not path.is_file():
        raise KeyMissingError(
            f"Kein Pseudonymisierungsschlüssel: {ENV_KEY} setzen oder die Schlüsseldatei {path} "
            f"mit `sozialmonitor init-key` anlegen ({ENV_KEY_FILE} oder --key-file für einen "
            "anderen Pfad)."
        )
    rechte = path.stat().st_mode & 0o777
    if rechte & 0o077:
        raise KeyMissingError(
            f"Die Schlüsseldatei {path} ist für Gruppe oder andere zugänglich (Rechte {rechte:o}): "
            f"mit `chmod 600 {shlex.quote(str(path))}` nur für den Eigentümer lesbar machen."
        )
    try:
        wert = path.read_bytes().strip()
    except OSError as error:
        raise KeyMissingError(
            f"Die Schlüsseldatei {path} ist nicht lesbar: {error.strerror}"
        ) from error
    _pruefe_laenge(wert, f"Die Schlüsseldatei {path}")
    return wert


def _pruefe_laenge(wert: bytes, woher: str) -> None:
    if len(wert) < MINDESTLAENGE:
        raise KeyMissingError(
            f"{woher} hat {len(wert)} Bytes, mindestens {MINDESTLAENGE} sind nötig "
            "(zu schwach für HMAC-SHA256); `sozialmonitor init-key` erzeugt einen passenden Schlüssel."
        )


def create_key_file(path: Path) -> bool:
    """Create a random key readable only by its owner (0600). False when it already exists."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    return True
