"""The pseudonymisation key: from the environment or a key file outside the repository."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sozialmonitor.settings import ENV_KEY, ENV_KEY_FILE, Settings


class KeyMissingError(RuntimeError):
    pass


def load_key(settings: Settings) -> bytes:
    """The HMAC key. The environment variable wins over the key file."""
    if value := os.environ.get(ENV_KEY):
        return value.encode()
    path = settings.key_file
    if not path.is_file():
        raise KeyMissingError(
            f"No pseudonymisation key: set {ENV_KEY}, or create the key file {path} "
            f"(set {ENV_KEY_FILE} to use another path) with `sozialmonitor init-key`."
        )
    key = path.read_bytes().strip()
    if len(key) < 32:
        raise KeyMissingError(
            f"Key file {path} holds fewer than 32 bytes: too weak for HMAC-SHA256."
        )
    return key


def create_key_file(path: Path) -> bool:
    """Create a random key readable only by its owner (0600). False when it already exists."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    return True
