"""„Ausblick und Frühwarnung“ and the districts' movements and outlook, against the published tables."""

from __future__ import annotations

import re

import duckdb
import pytest

from sozialmonitor.report import build_report
from sozialmonitor.report.format import vorzeichen, zahl
from tests.report.conftest import (
    BASIS,
    BEWEGUNG_GESPERRT,
    STICHTAGE,
    VORAUS_GESPERRT,
    WARNUNGEN,
    ZIELJAHRE,
)


@pytest.fixture(autouse=True)
def ohne_browser(monkeypatch, tmp_path):
    leer = tmp_path / "ohne-browser"
    leer.mkdir()
    monkeypatch.setenv("PATH", str(leer))


def _bericht(settings, stichtag=BASIS) -> str:
    result = build_report(settings, stichtag)
    assert result.ok, result.messages
    return (settings.reports_dir / f"sozialbericht_{stichtag.year}.html").read_text("utf-8")


def _abschnitt(html: str, anker: str) -> str:
    return html.split(f"id='{anker}'")[1].split("<h2")[0]


def _abfrage(settings, sql: str, *parameter) -> list[tuple]:
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        return con.execute(sql, list(parameter)).fetchall()


def _zelle(html: str, **daten) -> str:
    """The text of the one cell carrying all these data attributes."""
    treffer = [
        text
        for attrs, text in re.findall(r"<td([^>]*)>(.*?)</td>", html)
        if all(f"data-{k}='{v}'" in attrs for k, v in daten.items())
    ]
    assert len(treffer) == 1, (daten, treffer)
    return treffer[0]


def test_every_flag_of_the_stichtag_reads_with_its_german_reason(settings):
    html = _bericht(settings)
    abschnitt = _abschnitt(html, "ausblick")
    for stichtag, nr, warnung, _, begruendung in WARNUNGEN:
        drin = stichtag == BASIS
        eintrag = re.search(
            rf"<li data-stadtteil='{nr}' data-warnung='{warnung}'>(.*?)</li>", abschnitt
        )
        assert (eintrag is not None and begruendung in eintrag.group(1)) == drin, begruendung
        assert (begruendung in _abschnitt(html, f"st-{nr}")) == drin
    assert "index_steigt" not in re.sub(r"<[^>]+>", " ", abschnitt)  # labels, not codes
    assert "<b>Sozialindex steigt</b>" in abschnitt
    assert "Keine Frühwarnung." in _abschnitt(html, "st-01")


def test_projected_children_equal_the_published_table(settings):
    html = _bericht(settings)
    for nr in ("04", "99"):
        published = _abfrage(
            settings,
            "SELECT altersgruppe, zieljahr, sum(einwohner), sum(untergrenze), sum(obergrenze) "
            "FROM fct_vorausberechnung WHERE stadtteil_nr = ? AND stichtag = ? "
            "AND altersgruppe < '18' GROUP BY ALL ORDER BY ALL",
            nr,
            BASIS,
        )
        if nr == "99":  # unassignable addresses have no profile and no chart
            assert published and f"st-{nr}" not in html and f"ausblick-{nr}" not in html
            continue
        profil = _abschnitt(html, f"st-{nr}")
        for gruppe, jahr, v, lo, hi in published:
            zelle = _zelle(profil, gruppe=gruppe, jahr=jahr)
            assert zelle == f"{zahl(v, 0)}<br><small>{zahl(lo, 0)}–{zahl(hi, 0)}</small>"
        for jahr in ZIELJAHRE:
            summe = sum(v for _, j, v, _, _ in published if j == jahr)
            assert _zelle(profil, gruppe="00-17", jahr=jahr) == zahl(summe, 0)
        diagramm = html.split(f"id='ausblick-{nr}'>")[1].split("</svg>")[0]
        gruppe, jahr, v, _, _ = published[0]
        assert f"<title>0 bis 2 Jahre {jahr}: {zahl(v)}</title>" in diagramm
        # one band per age group over the base year and every target year
        assert diagramm.count('class="marke spanne"') == 5
        assert all(f">{jahr}</text>" in diagramm for jahr in ZIELJAHRE)
    # the base year's point is the counted residents of the published movements table
    ((gezaehlt,),) = _abfrage(
        settings,
        "SELECT einwohner FROM fct_bewegungen WHERE stadtteil_nr = '04' AND stichtag = ? "
        "AND merkmal = 'altersgruppe' AND auspraegung = '00-02'",
        BASIS,
    )
    assert (
        f"<title>0 bis 2 Jahre {BASIS.year}: {zahl(gezaehlt)}</title>"
        in html.split("id='ausblick-04'>")[1].split("</svg>")[0]
    )


def test_a_suppressed_projection_cell_reads_gesperrt_and_leaves_a_gap(settings):
    html = _bericht(settings)
    nr, gruppe, jahr = VORAUS_GESPERRT
    profil = _abschnitt(html, f"st-{nr}")
    assert _zelle(profil, gruppe=gruppe, jahr=jahr) == "gesperrt"
    assert f"class=\"gesperrt\" data-gruppe='{gruppe}' data-jahr='{jahr}'" in profil
    # the sum over age groups cannot be shown without the suppressed group
    assert _zelle(profil, gruppe="00-17", jahr=jahr) == "gesperrt"
    assert _zelle(profil, gruppe="00-17", jahr=jahr - 1) != "gesperrt"
    diagramm = html.split(f"id='ausblick-{nr}'>")[1].split("</svg>")[0]
    assert f"0 bis 2 Jahre {jahr}:" not in diagramm
    assert f"0 bis 2 Jahre {jahr - 1}:" in diagramm
    # the band breaks at the gap: two runs for the group, one for each other group
    assert diagramm.count('class="marke spanne"') == 6


def test_back_test_error_stated_in_words_from_the_published_table(settings):
    html = _bericht(settings)
    for nr, wo in (("00", _abschnitt(html, "ausblick")), ("05", _abschnitt(html, "st-05"))):
        for jahre, basen, mape in _abfrage(
            settings,
            "SELECT jahre_voraus, basen, mape FROM fct_vorausberechnung_fehler "
            "WHERE stadtteil_nr = ? AND fehlergruppe = '00-17' AND stichtag = ?",
            nr,
            BASIS,
        ):
            einheit = "Jahr" if jahre == 1 else "Jahre"
            basis = "Basisjahr" if basen == 1 else "Basisjahre"
            assert re.search(
                rf"{jahre} {einheit} voraus um <span[^>]*data-stadtteil='{nr}' data-jahre='{jahre}'>"
                rf"{zahl(mape)}\u00a0%</span> \({basen} {basis}\)",
                wo,
            ), (nr, jahre)
    assert "Kinder von 0 bis 17 Jahren" in _abschnitt(html, "ausblick")


def test_needs_tables_equal_the_published_needs(settings):
    html = _bericht(settings)
    bedarfe = _abschnitt(html, "ausblick").split("id='bedarfe'")[1]
    for bereich, nr, jahr, kinder, bedarf, fehlbedarf in _abfrage(
        settings,
        "SELECT bereich, stadtteil_nr, zieljahr, kinder, bedarf, fehlbedarf FROM fct_bedarfe "
        "WHERE stichtag = ? AND stadtteil_nr IN ('05', '06', '00')",
        BASIS,
    ):
        daten = {"stadtteil": nr, "jahr": jahr, "bereich": bereich}
        if bereich.startswith("kita"):
            assert _zelle(bedarfe, **daten, spalte="kinder") == zahl(kinder, 0)
            erwartet = "–" if bedarf is None else zahl(bedarf, 0)
            assert _zelle(bedarfe, **daten, spalte="bedarf") == erwartet
            erwartet = "–" if fehlbedarf is None else vorzeichen(round(fehlbedarf), 0)
            assert _zelle(bedarfe, **daten, spalte="fehlbedarf") == erwartet
        elif bereich == "einschulung":
            assert _zelle(bedarfe, **daten) == zahl(kinder, 0)
        else:
            assert _zelle(bedarfe, **daten) == zahl(bedarf, 0)
    # a need without a published quota is missing, never 0; youth welfare is status quo
    assert (
        _zelle(bedarfe, stadtteil="06", jahr=BASIS.year + 1, bereich="kita_1_2", spalte="bedarf")
        == "–"
    )
    assert "Hilfen zur Erziehung – Status quo" in bedarfe and "Fehlbedarf (+)" in bedarfe
    assert "Zielquote 50,0\u00a0%" in bedarfe


def test_each_profile_shows_the_published_movements(settings):
    html = _bericht(settings)
    spalten = ("geburten", "zuzuege", "abgaenge", "umzuege_zu", "umzuege_weg", "wanderungssaldo")
    for nr in ("05", BEWEGUNG_GESPERRT[0]):
        profil = _abschnitt(html, f"st-{nr}")
        ((*zahlen, fluktuation, einwohner),) = _abfrage(
            settings,
            f"SELECT {', '.join(spalten)}, fluktuation_je_100, einwohner FROM fct_bewegungen "
            "WHERE stadtteil_nr = ? AND stichtag = ? AND merkmal = 'gesamt'",
            nr,
            BASIS,
        )
        for spalte, v in zip(spalten, zahlen, strict=True):
            erwartet = (
                "gesperrt"
                if v is None
                else vorzeichen(v, 0)
                if spalte == "wanderungssaldo"
                else zahl(v, 0)
            )
            assert _zelle(profil, spalte=spalte, jahr=BASIS.year) == erwartet, (nr, spalte)
        assert _zelle(profil, spalte="fluktuation_je_100", jahr=BASIS.year) == (
            "gesperrt" if fluktuation is None else zahl(fluktuation)
        )
        assert _zelle(profil, spalte="einwohner", jahr=BASIS.year) == zahl(einwohner, 0)
        assert _zelle(profil, spalte="geburten", jahr=STICHTAGE[0].year) == "–"
        assert "Fortzüge und Sterbefälle – die Lieferungen unterscheiden sie nicht" in profil
    assert _zelle(_abschnitt(html, "st-06"), spalte="umzuege_zu", jahr=BASIS.year) == "gesperrt"


def test_methods_explain_movements_projection_assumptions_and_back_test(settings):
    html = _bericht(settings)
    methodik = html.split("id='methodik-ausblick'")[1].split("<h3")[0]
    assert "Fortzüge und Sterbefälle – die Lieferungen unterscheiden beides nicht" in methodik
    assert "Kohorten-Komponenten-Methode" in methodik and "Rückblick" in methodik
    for nr, parameter, wert, text, beschreibung in _abfrage(
        settings,
        "SELECT stadtteil_nr, parameter, wert, text, beschreibung "
        "FROM fct_vorausberechnung_annahmen WHERE stichtag = ?",
        BASIS,
    ):
        assert beschreibung in methodik
        if nr == "00":
            assert f"<td>{beschreibung}</td><td>{text or zahl(wert, 0)}</td>" in methodik
    ((ziffer,),) = _abfrage(
        settings,
        "SELECT wert FROM fct_vorausberechnung_annahmen WHERE stadtteil_nr = '08' "
        "AND parameter = 'geburtenziffer'",
    )
    assert f"<td>{zahl(ziffer, 2)}</td>" in re.search(
        r"<tr><td>Wulfen</td>(.*?)</tr>", methodik
    ).group(1)


def test_without_a_projection_the_section_says_so_in_one_sentence(settings):
    html = _bericht(settings, STICHTAGE[0])
    abschnitt = _abschnitt(html, "ausblick")
    satz = re.search(r"<p id='ohne-vorausberechnung'>([^<]*)</p>", abschnitt).group(1)
    assert satz.startswith("Für den Stichtag 31.12.2023 liegt keine Vorausberechnung vor")
    assert satz.replace("31.12.2023", "").count(".") == 1  # one sentence
    assert "<svg" not in abschnitt and "id='bedarfe'" not in abschnitt
    assert "Keine Vorausberechnung zum Stichtag 31.12.2023." in _abschnitt(html, "st-02")
    # the flags of that Stichtag still show
    assert WARNUNGEN[-1][-1] in abschnitt


def test_without_a_back_test_there_is_no_band_and_the_report_says_why(settings):
    with duckdb.connect(str(settings.published_db)) as con:
        con.execute("DELETE FROM fct_vorausberechnung_fehler")
        con.execute(
            "UPDATE fct_vorausberechnung SET untergrenze = NULL, obergrenze = NULL, "
            "hinweis = 'kein_rueckblick' WHERE NOT gesperrt"
        )
    html = _bericht(settings)
    assert 'class="marke spanne"' not in html
    assert "Für die ganze Stadt ist noch kein Rückblick möglich" in _abschnitt(html, "ausblick")
    assert "Noch kein Rückblick: ohne Spanne." in html.split("id='ausblick-04'>")[1]
    ((v,),) = _abfrage(
        settings,
        "SELECT sum(einwohner) FROM fct_vorausberechnung WHERE stadtteil_nr = '04' "
        "AND altersgruppe = '00-02' AND zieljahr = ?",
        BASIS.year + 1,
    )
    assert _zelle(_abschnitt(html, "st-04"), gruppe="00-02", jahr=BASIS.year + 1) == zahl(v, 0)
