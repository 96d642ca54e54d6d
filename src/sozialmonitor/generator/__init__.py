"""Synthetic deliveries for the municipality in ``seeds/``, exactly as the delivery contract says.

``generate`` simulates a resident panel from the year before the first requested
year to the last, and writes the nine files of every requested year into
``<inbox>/<YYYY>/``. Everything is derived from the seed: the same arguments give
the same bytes. ``fault`` injects one contract fault into the newest year only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from sozialmonitor.generator.bevoelkerung import Panel
from sozialmonitor.generator.einrichtungen import Einrichtungen, build_einrichtungen
from sozialmonitor.generator.ewo import ewo_table
from sozialmonitor.generator.faults import FAULTS, INJECT, Context, check_fault
from sozialmonitor.generator.haushalte import haushalte
from sozialmonitor.generator.hze import HzeRegister
from sozialmonitor.generator.kita import kita_table
from sozialmonitor.generator.lieferung import Lieferung
from sozialmonitor.generator.profile import load_profile
from sozialmonitor.generator.schuluebergaenge import schuluebergaenge_table
from sozialmonitor.generator.seu import seu_table
from sozialmonitor.generator.sgb2 import sgb2_counts, write_sgb2
from sozialmonitor.generator.wohngeld import wohngeld_table

__all__ = ["FAULTS", "generate"]

SALT_FAULT = 1001


def generate(
    inbox: Path,
    years: list[int],
    scale: float = 1.0,
    seed: int = 42,
    faults: Sequence[str] = (),
) -> list[Path]:
    """Write the deliveries of ``years`` under ``inbox``, the newest year with ``faults``;
    returns the files written."""
    for fault in faults:
        check_fault(fault)
    if not years:
        raise ValueError("keine Jahre zu erzeugen")
    if scale <= 0:
        raise ValueError(f"--scale muss positiv sein, ist {scale}")
    years = sorted(set(years))
    profile = load_profile()
    panel = Panel(seed, profile, scale, years[0] - 1)
    first_year = panel.year
    einrichtungen = build_einrichtungen(panel)
    hze = HzeRegister()
    hze.update(panel, haushalte(panel))
    previous_hze = hze.table(panel)
    written: list[Path] = []
    while panel.year < years[-1]:
        panel.advance()
        hh = haushalte(panel)
        hze.update(panel, hh)
        hze_now = hze.table(panel)
        if panel.year in years:
            files = _deliveries(panel, hh, einrichtungen, hze_now, first_year)
            if panel.year == years[-1]:
                for i, fault in enumerate(faults):
                    rng = np.random.default_rng([seed, panel.year, SALT_FAULT + i])
                    kontext = Context(panel.year, profile.gemeinde.name, previous_hze, rng)
                    INJECT[fault](files, kontext)
            written += _write(Path(inbox) / str(panel.year), files, panel)
        previous_hze = hze_now
    return written


def _deliveries(
    panel: Panel, hh, einrichtungen: Einrichtungen, hze_now, first_year: int
) -> dict[str, Lieferung]:
    y = panel.year
    files = [
        Lieferung("ewo_einwohner", f"ewo_einwohner_{y}1231.csv", ewo_table(panel), "cp1252"),
        Lieferung(
            "kataster_adressen", f"kataster_adressen_{y}1231.csv", panel.kataster.table(), "utf-8"
        ),
        Lieferung("sgb2_stadtteile", f"sgb2_stadtteile_{y}12.xlsx", counts=sgb2_counts(panel, hh)),
        Lieferung(
            "kita_kinder",
            f"kita_kinder_{y}1231.csv",
            kita_table(panel, einrichtungen, first_year),
            "utf-8-sig",
        ),
        Lieferung(
            "einrichtungen", f"einrichtungen_{y}1231.csv", einrichtungen.table(panel), "utf-8"
        ),
        Lieferung("hze_faelle", f"hze_faelle_{y}.csv", hze_now, "cp1252"),
        Lieferung("seu", f"seu_{y}.csv", seu_table(panel, hh), "utf-8"),
        Lieferung(
            "schuluebergaenge",
            f"schuluebergaenge_{y}.csv",
            schuluebergaenge_table(panel, hh, einrichtungen),
            "cp1252",
        ),
        Lieferung("wohngeld", f"wohngeld_{y}1231.csv", wohngeld_table(panel, hh), "utf-8"),
    ]
    return {f.source: f for f in files}


def _write(folder: Path, files: dict[str, Lieferung], panel: Panel) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)

    def write_xlsx(path, counts, layout):
        return write_sgb2(path, panel, counts, layout)

    return [path for f in files.values() if (path := f.write(folder, write_xlsx)) is not None]
