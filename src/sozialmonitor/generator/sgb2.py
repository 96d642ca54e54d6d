"""sgb2_stadtteile: the Jobcenter's district table, derived from the benefit households.

Counts come from the persons of the panel's Bedarfsgemeinschaften; the workbook
suppresses 1-2 as ``*`` and 0 as ``-`` per district, and its total row is exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import xlsxwriter

from sozialmonitor.generator.bevoelkerung import DE, RENTENALTER, Panel, W
from sozialmonitor.generator.haushalte import SALT_LANGZEIT, Haushalte
from sozialmonitor.generator.traits import trait

HEADERS = [
    "Stadtteil",
    "Bedarfsgemeinschaften",
    "Regelleistungsberechtigte",
    "Erwerbsfähige Leistungsberechtigte",
    "davon Frauen",
    "davon Ausländer",
    "davon 15 bis unter 25 Jahre",
    "davon Langzeitleistungsbezieher",
    "Nicht erwerbsfähige Leistungsberechtigte",
    "davon unter 15 Jahre",
]
SALT_NEF = 204


def sgb2_counts(panel: Panel, hh: Haushalte) -> np.ndarray:
    """Counts per district (rows) for the eight columns after ``Stadtteil`` (as HEADERS)."""
    p = panel.p
    receiving = hh.sgb2[hh.of_person]
    age = panel.age()[hh.person]
    person = hh.person[receiving & (age < RENTENALTER)]
    age = panel.age()[person]
    distrikt = panel.kataster.distrikt[p["addr"][person]]
    cannot_work = trait(p["num"][person], SALT_NEF) < 0.03
    elb = (age >= 15) & ~cannot_work
    nef = ~elb
    foreign = (p["nat1"][person] != DE) & (p["nat2"][person] != DE)
    belastung = panel.profile.belastung[distrikt]
    long_term = trait(p["num"][person], SALT_LANGZEIT) < 0.5 + 0.2 * belastung

    def per_district(mask: np.ndarray) -> np.ndarray:
        return np.bincount(distrikt[mask], minlength=panel.profile.n)

    return np.stack(
        [
            np.bincount(hh.distrikt[hh.sgb2], minlength=panel.profile.n),
            per_district(np.ones(len(person), dtype=bool)),
            per_district(elb),
            per_district(elb & (p["sex"][person] == W)),
            per_district(elb & foreign),
            per_district(elb & (age < 25)),
            per_district(elb & long_term),
            per_district(nef),
            per_district(nef & (age < 15)),
        ],
        axis=1,
    )


def cell(value: int) -> int | str:
    """The Jobcenter's disclosure rule: 0 is ``-``, 1 and 2 are ``*``."""
    return "-" if value == 0 else "*" if value <= 2 else int(value)


@dataclass
class Layout:
    """What varies between Jobcenter workbooks (the ``excel-*`` faults change it)."""

    sheet: str = "Stadtteile"
    extra_title: str | None = None
    all_aliases: bool = False
    renamed: dict[int, str] = field(default_factory=dict)  # district index -> delivered name
    extra_footnotes: tuple[str, ...] = ()


def district_names(panel: Panel, layout: Layout) -> list[str]:
    """Official names with some aliases, as the Jobcenter spells them."""
    names = []
    for k, teil in enumerate(panel.profile.gemeinde.stadtteile):
        use_alias = teil.aliases and (layout.all_aliases or (k + panel.year) % 3 == 0)
        names.append(
            layout.renamed.get(
                k, teil.aliases[(k + panel.year) % len(teil.aliases)] if use_alias else teil.name
            )
        )
    return names


def write_sgb2(path: Path, panel: Panel, counts: np.ndarray, layout: Layout) -> Path:
    gemeinde = panel.profile.gemeinde
    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_properties(
        {"created": datetime(panel.year + 1, 1, 20, 8, 0, 0), "author": "Jobcenter"}
    )
    sheet = workbook.add_worksheet(layout.sheet)
    bold = workbook.add_format({"bold": True})
    titles = [
        "Grundsicherung für Arbeitsuchende (SGB II) nach Stadtteilen",
        f"Berichtsmonat: Dezember {panel.year}",
        f"Quelle: Statistik der Bundesagentur für Arbeit, Sonderauswertung für {gemeinde.name}",
    ]
    if layout.extra_title:
        titles.insert(1, layout.extra_title)
    for row, title in enumerate(titles):
        sheet.write(row, 0, title, bold if row == 0 else None)
    row = len(titles) + 1  # one blank row before the header
    sheet.write_row(row, 0, HEADERS, bold)
    for name, values in zip(district_names(panel, layout), counts, strict=True):
        row += 1
        sheet.write(row, 0, name)
        sheet.write_row(row, 1, [cell(v) for v in values])
    row += 1
    sheet.write(row, 0, gemeinde.name_gesamt, bold)
    sheet.write_row(row, 1, [int(v) for v in counts.sum(axis=0)], bold)
    footnotes = (
        "* Werte von 1 oder 2 werden aus Datenschutzgründen nicht ausgewiesen.",
        "- nichts vorhanden",
        *layout.extra_footnotes,
    )
    row += 1
    for note in footnotes:
        row += 1
        sheet.write(row, 0, note)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, len(HEADERS) - 1, 16)
    workbook.close()
    return path
