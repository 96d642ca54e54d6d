"""„Das Wichtigste in Kürze“: every number in it is a published cell, traced and compared."""

from __future__ import annotations

import re
from html import unescape

import duckdb
import pytest

from sozialmonitor.report import build_report
from tests.report.conftest import STICHTAGE

ZAHL = re.compile(r"[+\-−]?\d{1,3}(?:\.\d{3})*(?:,\d+)?")
SPAN = re.compile(r'<span class="zahl"([^>]*)>([^<]*)</span>')


@pytest.fixture(autouse=True)
def ohne_browser(monkeypatch, tmp_path):
    leer = tmp_path / "ohne-browser"
    leer.mkdir()
    monkeypatch.setenv("PATH", str(leer))


def _kurz(settings, stichtag) -> str:
    assert build_report(settings, stichtag).ok
    html = (settings.reports_dir / f"sozialbericht_{stichtag.year}.html").read_text("utf-8")
    return html.split("id='kurz'")[1].split("</ul>")[0]


def _gelesen(text: str) -> tuple[float, float]:
    """A German number as shown, and half a unit of its last shown digit (the rounding)."""
    zahl = ZAHL.search(text).group(0)
    stellen = len(zahl.split(",")[1]) if "," in zahl else 0
    wert = float(zahl.replace("−", "-").replace(".", "").replace(",", "."))
    return wert, 0.5 * 10**-stellen + 1e-9


def _veroeffentlicht(con, attrs: dict[str, str]) -> float:
    if attrs["tabelle"] == "fct_indikatoren":
        sql = (
            "SELECT wert FROM fct_indikatoren WHERE stichtag = ? AND stadtteil_nr = ? "
            "AND indikator_id = ? AND merkmal = 'gesamt' AND NOT gesperrt"
        )
        params = [attrs["stichtag"], attrs["stadtteil"], attrs["indikator"]]
    else:
        assert attrs["tabelle"] == "fct_sozialindex"
        assert attrs["spalte"] in ("indexwert", "veraenderung_vorjahr")
        sql = (
            f"SELECT {attrs['spalte']} FROM fct_sozialindex WHERE stichtag = ? AND stadtteil_nr = ?"
        )
        params = [attrs["stichtag"], attrs["stadtteil"]]
    (wert,) = con.execute(sql, params).fetchone()
    assert wert is not None
    return wert


@pytest.mark.parametrize("stichtag", STICHTAGE)
def test_every_number_in_the_summary_is_a_published_cell(settings, stichtag):
    kurz = _kurz(settings, stichtag)
    spans = SPAN.findall(kurz)
    assert spans
    # no number outside the traced spans (indicator names may hold digits: "unter 15")
    rest = re.sub(r'<i class="kennzahl">.*?</i>', "", SPAN.sub("", kurz))
    assert not re.search(r"\d", unescape(re.sub(r"<[^>]+>", "", rest)))
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        for attrs_text, text in spans:
            attrs = dict(re.findall(r'data-(\w+)="([^"]*)"', attrs_text))
            gezeigt, toleranz = _gelesen(unescape(text))
            assert abs(gezeigt - _veroeffentlicht(con, attrs)) <= toleranz, (attrs, text)


def test_summary_names_the_high_classes_and_the_largest_rise(settings):
    stichtag = STICHTAGE[-1]
    kurz = _kurz(settings, stichtag)
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        hoch = con.execute(
            "SELECT d.name FROM fct_sozialindex s JOIN dim_stadtteil d USING (stadtteil_nr) "
            "WHERE stichtag = ? AND klasse IN ('hoch', 'sehr hoch')",
            [stichtag],
        ).fetchall()
        (anstieg,) = con.execute(
            "SELECT d.name FROM fct_sozialindex s JOIN dim_stadtteil d USING (stadtteil_nr) "
            "WHERE stichtag = ? ORDER BY veraenderung_vorjahr DESC NULLS LAST LIMIT 1",
            [stichtag],
        ).fetchone()
    satz = next(s for s in kurz.split("<li>") if s.startswith("Hohen oder sehr hohen"))
    assert hoch and all(name in satz for (name,) in hoch)
    assert f"Den stärksten Anstieg des Sozialindex zum Vorjahr hat {anstieg}:" in kurz
    assert "Stärkste Veränderungen der Indexkennzahlen in der Stadt" in kurz
