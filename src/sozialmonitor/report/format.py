"""German number and date formats for people: ``12,3 %``, ``1.234``, ``31.12.2024``."""

from __future__ import annotations

import math
from datetime import date

EINHEIT = {"prozent": " %", "je_100": " je 100", "je_1000": " je 1.000", "qm": " m²", "anzahl": ""}


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
