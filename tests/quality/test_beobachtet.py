"""Observed values in messages are written as people read them in German, with their unit."""

from __future__ import annotations

from datetime import date

import pandas as pd

from sozialmonitor.quality import SUITES
from sozialmonitor.quality.frames import Frame
from sozialmonitor.quality.gx import GxRun
from sozialmonitor.quality.results import beobachtet

STICHTAG = date(2024, 12, 31)


def test_a_share_over_the_limit_reads_2_18_percent(tmp_path):
    suite = next(s for s in SUITES if s.name == "lieferung_hze_faelle")
    erwartungen = [(nr, e) for nr, e in enumerate(suite.erwartungen) if e.rahmen == "umfang"]
    frame = Frame(
        "umfang",
        pd.DataFrame(
            {
                "zeilen_geladen": [14714],
                "zeilen_quarantaene": [328],
                "anteil_quarantaene_prozent": [2.1834],
            }
        ),
    )
    validation = GxRun(tmp_path).validate(suite, frame, erwartungen, STICHTAG).to_json_dict()
    gesehen = {
        item["expectation_config"]["kwargs"]["column"]: (item["success"], beobachtet(item))
        for item in validation["results"]
    }
    assert gesehen["anteil_quarantaene_prozent"] == (False, "2,18 %")
    assert gesehen["zeilen_geladen"] == (True, "14714")
