"""The Sozialbericht from a published database: content, formats, suppression, charts, labels."""

from __future__ import annotations

import re
from datetime import date

import duckdb
import pytest

from sozialmonitor.report import build_report, indexzelle, karte
from sozialmonitor.report.format import wert
from tests.report.conftest import (
    AUFSCHLUESSELUNG,
    FEHLT,
    GESPERRT,
    INDIKATOREN,
    OHNE_INDEX,
    STICHTAGE,
)

STICHTAG = STICHTAGE[-1]


@pytest.fixture(autouse=True)
def ohne_browser(monkeypatch, tmp_path):
    """No browser on PATH: these tests are about the HTML (the PDF has its own test)."""
    leer = tmp_path / "ohne-browser"
    leer.mkdir()
    monkeypatch.setenv("PATH", str(leer))


def _charts(html: str) -> list[str]:
    return re.findall(r'<svg class="diagramm".*?</svg>', html, flags=re.DOTALL)


def _bericht(settings, stichtag: date = STICHTAG) -> str:
    result = build_report(settings, stichtag)
    assert result.ok, result.messages
    return (settings.reports_dir / f"sozialbericht_{stichtag.year}.html").read_text(
        encoding="utf-8"
    )


def _abschnitt(html: str, anker: str) -> str:
    return html.split(f"id='{anker}'")[1].split("<h2")[0]


def test_every_chart_has_marks_and_the_report_needs_nothing_from_outside(settings):
    html = _bericht(settings)
    charts = _charts(html)
    # overview: index bars + map; per indicator: bars + map + district series;
    # per district: z-scores (not for the one without index) + index trend; outlook: one per district
    assert len(charts) == 2 + 3 * len(INDIKATOREN) + 11 * 2 - 1 + 11
    assert all('class="marke' in c for c in charts)
    assert all(re.match(r'<svg[^>]* viewBox="0 0 [\d.]+ [\d.]+"', c) for c in charts)
    assert "<meta name='viewport' content='width=device-width, initial-scale=1'>" in html
    assert (
        "<script" not in html
        and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
        and "https://" not in html
    )


def _gitter(chart: str) -> list[float]:
    """The value labels of a chart's gridlines (drawn right after each gridline)."""
    return [
        float(t.replace(".", "").replace(",", "."))
        for t in re.findall(r'stroke="#(?:e0e0e0|4d4d4d)"/><text[^>]*>([-\d.,]+)</text>', chart)
    ]


def test_rates_start_at_zero_with_gridlines_and_counts_have_no_city_line(settings):
    html = _bericht(settings)
    rate = _abschnitt(html, "k-sgb2_quote_u15")
    anzahl = _abschnitt(html, "k-bev_einwohner")
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        hoechster = con.execute(
            "SELECT max(wert) FROM fct_indikatoren WHERE indikator_id = 'sgb2_quote_u15' "
            "AND merkmal = 'gesamt' AND stadtteil_nr NOT IN ('00', '99')"
        ).fetchone()[0]
    balken, _, reihe = _charts(rate)
    for chart in (balken, reihe):
        gitter = _gitter(chart)
        assert len(gitter) >= 3 and min(gitter) == 0 and max(gitter) >= hoechster
    assert 'class="referenz"' in balken and ">Stadt</text>" in reihe
    # every district has its own line in the time series, not only the city
    assert all(f">{name}</text>" in reihe for name in ("Altstadt", "Rhade", "Östrich"))
    balken, _, reihe = _charts(anzahl)
    assert 'class="referenz"' not in balken and ">Stadt</text>" not in reihe


def test_z_profile_explains_the_sign_and_reserves_room_for_its_labels(settings):
    html = _bericht(settings)
    profil = _charts(_abschnitt(html, "st-04"))[0]
    assert "positiv = mehr Bedarf als der Durchschnitt" in profil
    for x, label in re.findall(
        r'<text x="([\d.]+)"[^>]*text-anchor="end"[^>]*>([^<]+)</text>', profil
    ):
        if not re.fullmatch(r"[-\d,]+", label):  # category labels, not axis values
            assert float(x) >= 6.0 * len(label), label


def test_numbers_of_a_district_equal_the_published_table(settings):
    html = _bericht(settings)
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        published = con.execute(
            "SELECT indikator_id, wert, einheit, gesperrt FROM fct_indikatoren "
            "WHERE stadtteil_nr = '04' AND stichtag = ? AND merkmal = 'gesamt'",
            [STICHTAG],
        ).fetchall()
    profil = _abschnitt(html, "st-04")
    for indikator, v, einheit, gesperrt in published:
        cell = re.search(
            rf"data-indikator='{indikator}'><td>[^<]*</td><td[^>]*>([^<]*)</td>", profil
        ).group(1)
        assert cell == wert(v, einheit, gesperrt)
    assert wert(12.345, "prozent") == "12,3\u00a0%" and wert(1234.0, "anzahl") == "1.234"


def test_overview_table_holds_every_indicator_for_every_district(settings):
    html = _bericht(settings)
    tabelle = _abschnitt(html, "tabelle")
    for indikator, *_ in INDIKATOREN:
        zeile = re.search(rf"<tr data-indikator='{indikator}'>(.*?)</tr>", tabelle).group(1)
        assert zeile.count("<td") == 2 + 11 + 1  # name, unit, 11 districts, city


def test_suppressed_values_read_gesperrt_never_zero(settings):
    html = _bericht(settings)
    nr, indikator = GESPERRT
    profil = _abschnitt(html, f"st-{nr}")
    cell = re.search(
        rf"data-indikator='{indikator}'><td>[^<]*</td>(<td[^>]*>[^<]*</td>)", profil
    ).group(1)
    assert cell == '<td class="gesperrt">gesperrt</td>'
    assert not re.search(r'<rect class="marke"[^>]*><title>Östrich: gesperrt', html)
    assert re.search(r"Östrich</text>(?:(?!</svg>).)*?>gesperrt</text>", html, flags=re.DOTALL)


def test_a_district_without_index_says_why(settings):
    html = _bericht(settings)
    name = "Altendorf-Ulfkotte"
    grund = "nur 1 von 2 Indexkennzahlen veröffentlicht (mindestens 6 nötig): kein Indexwert"
    zeile = re.search(rf"#st-{OHNE_INDEX}'>{name}</a></td>(.*?)</tr>", html).group(1)
    assert "kein Index" in zeile and grund in zeile
    assert grund in _abschnitt(html, f"st-{OHNE_INDEX}")
    assert name in html.split("id='kurz'")[1].split("</ul>")[0]
    assert "zu_wenige_indikatoren" not in html


def test_a_missing_value_says_why(settings):
    html = _bericht(settings)
    nr, indikator, _ = FEHLT
    zeile = re.search(
        rf"data-indikator='{indikator}'><td>[^<]*</td><td>([^<]*)</td>.*?<td class='hinweis'>([^<]*)</td></tr>",
        _abschnitt(html, f"st-{nr}"),
    )
    assert zeile.groups() == ("–", "Nenner 0")


def test_labels_instead_of_codes(settings):
    html = _bericht(settings)
    sichtbar = re.sub(r"<[^>]+>", " ", html)  # text only, not ids or attributes
    for _, code in AUFSCHLUESSELUNG:
        assert f" {code} " not in sichtbar
    assert "deutsch_mit_migrationshinweis" not in sichtbar
    assert "Deutsch mit Migrationshinweis" in sichtbar and "divers" in sichtbar


def test_methods_define_every_indicator_in_german_and_explain_the_signs(settings):
    html = _bericht(settings)
    methodik = html.split("id='methodik'")[1].split("id='downloads'")[0]
    for _, _, name, zaehler, nenner, *_ in INDIKATOREN:
        assert name in methodik and zaehler in methodik and (nenner is None or nenner in methodik)
    for begriff in ("z-Standardisierung", "Richtung", "<dt>gesperrt</dt>", "<dt>–</dt>"):
        assert begriff in methodik
    assert "weniger als 6" in methodik and "gesperrter Stadtteilwert zählt als fehlend" in methodik
    assert "Datenstand dieser Veröffentlichung: 14.03.2025, 10:30 Uhr" in methodik
    assert "Jobcenter" in methodik and "Einwohnermeldeamt" in methodik
    assert "Veröffentlicht am 14.03.2025" in html.split("<nav>")[0]


def test_map_from_the_boundary_file_else_the_tile_map(settings, monkeypatch, tmp_path):
    html = _bericht(settings)
    uebersicht = _charts(_abschnitt(html, "uebersicht"))
    assert uebersicht[1].count('class="marke flaeche"') == 11
    assert "schematisch" in uebersicht[1]
    monkeypatch.setattr(karte, "GRENZEN", tmp_path / "keine.geojson")
    html = _bericht(settings)
    uebersicht = _charts(_abschnitt(html, "uebersicht"))
    assert "flaeche" not in html and uebersicht[1].count('<rect class="marke"') == 11


@pytest.mark.parametrize(
    "inhalt",
    [
        '{"features": [{"geometry": null}]}',
        '{"type": "FeatureCollection", "features": []}',
        (
            '{"features": [{"properties": {"stadtteil_nr": "01"}, "geometry": '
            '{"type": "Polygon", "coordinates": [[[NaN, 1], [2, 2], [3, 1]]]}}]}'
        ),
        "kein json",
    ],
)
def test_a_broken_boundary_file_is_a_message_not_a_traceback(
    settings, monkeypatch, tmp_path, inhalt
):
    kaputt = tmp_path / "stadtteile.geojson"
    kaputt.write_text(inhalt, encoding="utf-8")
    monkeypatch.setattr(karte, "GRENZEN", kaputt)
    result = build_report(settings, STICHTAG)
    assert result.ok
    assert any(str(kaputt) in m and "Kachelkarte" in m for m in result.messages)


def test_report_spanning_all_stichtage_links_each_year(settings):
    build_report(settings, STICHTAGE[0])
    build_report(settings, STICHTAG)
    alle = (settings.reports_dir / "sozialbericht.html").read_text(encoding="utf-8")
    assert "sozialbericht_2023.html" in alle and "sozialbericht_2024.html" in alle
    assert alle.count("<tr>") == 1 + 11


def test_a_missing_index_is_one_dash_without_a_class():
    assert indexzelle(None, None) == "–"
    assert indexzelle(0.714, "hoch") == "0,71 (hoch)"


def test_without_a_browser_the_run_says_so_and_skips_the_pdf(settings):
    result = build_report(settings, STICHTAG)
    assert result.ok
    assert any("kein Chromium" in m and "PDF übersprungen" in m for m in result.messages)
    assert not list(settings.reports_dir.glob("*.pdf"))


def test_unpublished_stichtag_is_a_clear_error(settings):
    result = build_report(settings, date(2030, 12, 31))
    assert not result.ok and "nicht veröffentlicht" in result.messages[0]
