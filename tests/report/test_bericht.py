"""The Sozialbericht from a published database: content, formats, suppression, and a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import duckdb
import pytest

from sozialmonitor.report import build_report
from sozialmonitor.report.format import wert
from tests.report.conftest import GESPERRT, STICHTAGE

STICHTAG = STICHTAGE[-1]


def _charts(html: str) -> list[str]:
    return re.findall(r'<svg class="diagramm".*?</svg>', html, flags=re.DOTALL)


def _bericht(settings) -> str:
    result = build_report(settings, STICHTAG)
    assert result.ok, result.messages
    return (settings.reports_dir / "sozialbericht_2024.html").read_text(encoding="utf-8")


def test_every_chart_has_marks_and_the_report_needs_nothing_from_outside(settings):
    html = _bericht(settings)
    charts = _charts(html)
    # overview: index bars + tile map; per indicator: bars + series; per district: z-scores + trend
    assert len(charts) == 2 + 3 * 2 + 11 * 2
    assert all('class="marke"' in c for c in charts)
    assert (
        "<script" not in html
        and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
        and "https://" not in html
    )


def test_numbers_of_a_district_equal_the_published_table(settings):
    html = _bericht(settings)
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        published = con.execute(
            "SELECT indikator_id, wert, einheit, gesperrt FROM fct_indikatoren "
            "WHERE stadtteil_nr = '04' AND stichtag = ? AND merkmal = 'gesamt'",
            [STICHTAG],
        ).fetchall()
    profil = html.split("id='st-04'")[1].split("id='st-05'")[0]
    for indikator, v, einheit, gesperrt in published:
        cell = re.search(
            rf"data-indikator='{indikator}'><td>[^<]*</td><td[^>]*>([^<]*)</td>", profil
        ).group(1)
        assert cell == wert(v, einheit, gesperrt)
    assert wert(12.345, "prozent") == "12,3 %" and wert(1234.0, "anzahl") == "1.234"


def test_suppressed_values_read_gesperrt_never_zero(settings):
    html = _bericht(settings)
    nr, indikator = GESPERRT
    profil = html.split(f"id='st-{nr}'")[1].split("id='st-")[0]
    cell = re.search(
        rf"data-indikator='{indikator}'><td>[^<]*</td>(<td[^>]*>[^<]*</td>)", profil
    ).group(1)
    assert cell == '<td class="gesperrt">gesperrt</td>'
    assert "Östrich: gesperrt" not in html  # a suppressed bar is not drawn at all
    assert re.search(r"Östrich</text>(?:(?!</svg>).)*?>gesperrt</text>", html, flags=re.DOTALL)


def test_report_spanning_all_stichtage_links_each_year(settings):
    build_report(settings, STICHTAGE[0])
    build_report(settings, STICHTAG)
    alle = (settings.reports_dir / "sozialbericht.html").read_text(encoding="utf-8")
    assert "sozialbericht_2023.html" in alle and "sozialbericht_2024.html" in alle
    assert alle.count("<tr>") == 1 + 11


def test_unpublished_stichtag_is_a_clear_error(settings):
    result = build_report(settings, date(2030, 12, 31))
    assert not result.ok and "nicht veröffentlicht" in result.messages[0]


@pytest.mark.skipif(
    shutil.which("chromium") is None, reason="chromium missing: `make test` installs it"
)
def test_chromium_renders_every_chart_without_errors(settings, tmp_path):
    _bericht(settings)
    page = settings.reports_dir / "sozialbericht_2024.html"
    run = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={tmp_path / 'profil'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Uncaught" not in run.stderr and ":CONSOLE(" not in run.stderr
    rendered = _charts(run.stdout)
    assert len(rendered) == len(_charts(page.read_text(encoding="utf-8")))
    assert all(c.count('class="marke"') > 0 for c in rendered)


def test_a_share_above_100_percent_is_explained_where_it_is_shown(settings):
    with duckdb.connect(str(settings.published_db)) as con:
        con.execute(
            "UPDATE fct_indikatoren SET wert = 104.2, hinweis = 'zaehler_groesser_nenner' "
            "WHERE stichtag = ? AND stadtteil_nr = '04' AND indikator_id = 'kita_quote_u3' "
            "AND merkmal = 'gesamt'",
            [STICHTAG],
        )
        name = con.execute("SELECT name FROM dim_stadtteil WHERE stadtteil_nr = '04'").fetchone()[0]
    html = _bericht(settings)
    abschnitt = html.split("Betreuungsquote unter 3</h3>")[1].split("<h3>")[0]
    assert (
        f"Über 100 % in {name}: Zähler und Nenner stammen aus verschiedenen Registern" in abschnitt
    )
    assert html.count("Über 100 %") == 1
