"""German number and date formats for people (``12,3 %``, ``1.234``, ``31.12.2024``), and the
box that lets a wide table scroll."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

#: Unit after a value, joined by a no-break space so "12,3 %" never breaks across lines.
EINHEIT = {
    "prozent": "\u00a0%",
    "je_100": "\u00a0je 100",
    "je_1000": "\u00a0je 1.000",
    "qm": "\u00a0m²",
    "anzahl": "",
}


def zahl(value: float | None, stellen: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{stellen}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def wert(value: float | None, einheit: str, gesperrt: bool = False) -> str:
    """A published value with its unit; suppressed values say so and are never shown as 0."""
    if gesperrt:
        return "gesperrt"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return zahl(value, 0 if einheit == "anzahl" else 1) + EINHEIT.get(einheit, "")


def datum(stichtag: date) -> str:
    return stichtag.strftime("%d.%m.%Y")


def leer(value) -> bool:
    """Missing in any of the forms pandas hands over (None, NaN, NA)."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def num(value) -> float | None:
    return None if leer(value) else float(value)


def ja(value) -> bool:
    """A nullable boolean column's value as a plain bool (missing = False)."""
    return not leer(value) and bool(value)


def vorzeichen(value: float, stellen: int = 2) -> str:
    """A change with its sign: ``+0,31``, ``−0,12``, ``0,00``."""
    text = zahl(abs(value), stellen)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def breit(html: str) -> str:
    """Wide tables scroll inside their box, so the page itself never gets wider than the screen."""
    return f"<div class='breit'>{html}</div>"
