"""Quoting for the few places where SQL takes no bound parameter: identifiers, the paths of
ATTACH and COPY, the text of COMMENT ON. Everything else is bound (``?``); nothing from a
delivery or a path is pasted into SQL unquoted."""

from __future__ import annotations

import os


def bezeichner(*teile: str) -> str:
    """A quoted, optionally qualified identifier: ``bezeichner("raw", "seu")`` -> ``"raw"."seu"``."""
    return ".".join('"' + teil.replace('"', '""') + '"' for teil in teile)


def literal(text: str | os.PathLike) -> str:
    """A SQL string literal, quotes doubled: ``O'Brien`` -> ``'O''Brien'``."""
    return "'" + str(text).replace("'", "''") + "'"
