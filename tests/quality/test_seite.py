"""The offline quality page: every suite with its expectations, severity, observed values,
links to the suite's GX validation pages; nothing loaded from the internet."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from quality_warehouse import STICHTAG, copy_warehouse

from sozialmonitor.quality import SUITES, check, page_path


class _Page(HTMLParser):
    """Links, resources and the text of the table cells."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("script", "link", "img", "iframe"):
            self.resources.append(attrs.get("src") or attrs.get("href") or tag)
        if tag == "td":
            self._cell = []

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None


@pytest.fixture(scope="module")
def page(clean_warehouse, tmp_path_factory) -> tuple[Path, _Page]:
    """The page after a check run on a warehouse with one blocking violation."""
    settings = copy_warehouse(clean_warehouse, tmp_path_factory.mktemp("seite") / "data")
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute(
            "UPDATE raw.seu SET geschlecht = 'q' WHERE stichtag = ? "
            "AND unters_pseudonym = (SELECT min(unters_pseudonym) FROM raw.seu WHERE stichtag = ?)",
            [STICHTAG, STICHTAG],
        )
    stage = check(settings, STICHTAG)
    path = page_path(settings, STICHTAG)
    assert stage.details["pruefseite"] == str(path)
    parsed = _Page()
    parsed.feed(path.read_text(encoding="utf-8"))
    return path, parsed


def test_page_loads_nothing_from_the_internet(page):
    path, parsed = page
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert parsed.resources == []  # no scripts, stylesheets or images at all


def test_page_lists_every_suite_and_expectation(page):
    _, parsed = page
    for suite in SUITES:
        assert f"#{suite.name}" in parsed.links, suite.name
    expectations = sum(len(suite.erwartungen) for suite in SUITES)
    assert parsed.cells.count("erfüllt") + parsed.cells.count("verletzt") == expectations


def test_page_shows_the_violation_with_severity_and_observed_value(page):
    _, parsed = page
    cells = parsed.cells
    violated = [
        cells[j : j + 6]
        for j in range(len(cells) - 5)
        if cells[j + 3] == "verletzt" and cells[j + 1] == "geschlecht"
    ]
    assert violated, "the violated expectation is not on the page"
    erwartung, _, schwere, _, beobachtet, meldung = violated[0]
    assert (erwartung, schwere) == ("werte:expect_column_values_to_be_in_set", "blockierend")
    assert '"q"' in beobachtet and meldung.startswith("lieferung_seu [blockierend]")
    assert "blockiert (1 blockierend verletzt, 0 Warnungen)" in cells


def test_page_links_the_suites_gx_pages(page):
    path, parsed = page
    pages = [link for link in parsed.links if link.startswith("data_docs/")]
    suites_with_pages = {Path(link).parts[2] for link in pages}
    assert suites_with_pages == {suite.name for suite in SUITES}
    for link in pages:
        target = path.parent / link
        assert target.is_file(), link
        assert "Expectation Validation Result" in target.read_text(encoding="utf-8")
