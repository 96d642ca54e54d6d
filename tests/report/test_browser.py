"""The Sozialbericht in a real browser: phone and desktop width, the map, the links, the PDF."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

from sozialmonitor.publishing.exporte import exportiere
from sozialmonitor.report import build_report
from tests.report.conftest import STICHTAGE

pytestmark = pytest.mark.skipif(
    shutil.which("chromium") is None, reason="chromium missing: `make test` installs it"
)

#: Loads the report into a frame of the given width (headless windows are at least 500 px
#: wide), measures it after layout and writes the result into the DOM that --dump-dom prints.
MESSUNG = """<!DOCTYPE html><html><body>
<iframe id="f" src="sozialbericht_2024.html" style="width:BREITEpx;height:900px;border:0"></iframe>
<script>
document.getElementById('f').addEventListener('load', () => {
  const w = document.getElementById('f').contentWindow, d = w.document;
  const zuBreit = [];
  for (const svg of d.querySelectorAll('svg.diagramm')) {
    const vb = svg.viewBox.baseVal;
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      if (b.x < -1 || b.x + b.width > vb.width + 1) zuBreit.push(t.textContent);
    }
  }
  const flaechen = [...d.querySelectorAll('path.flaeche')]
    .filter(p => p.getBoundingClientRect().width > 0).length;
  document.body.dataset.messung = JSON.stringify({
    breite: d.scrollingElement.scrollWidth, fenster: w.innerWidth, zuBreit, flaechen});
});
</script></body></html>"""


def _chromium(tmp_path: Path, *argumente: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={tmp_path / 'profil'}",
            *argumente,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def berichte(settings):
    """Both years published with their exports, reports and PDFs, as one run leaves them."""
    for stichtag in STICHTAGE:
        exportiere(settings.published_db, settings.exports_dir, stichtag)
    results = [build_report(settings, stichtag) for stichtag in STICHTAGE]
    assert all(r.ok for r in results), [r.messages for r in results]
    return settings.reports_dir


@pytest.mark.parametrize("breite", [390, 1400])
def test_no_horizontal_overflow_no_cut_labels_and_the_map_renders(berichte, tmp_path, breite):
    bericht = (berichte / "sozialbericht_2024.html").read_text(encoding="utf-8")
    seite = berichte / f".messung_{breite}.html"
    seite.write_text(MESSUNG.replace("BREITE", str(breite)), encoding="utf-8")
    lauf = _chromium(
        tmp_path,
        "--allow-file-access-from-files",
        "--window-size=1600,1000",
        "--dump-dom",
        seite.as_uri(),
    )
    assert lauf.returncode == 0, lauf.stderr[-2000:]
    assert "Uncaught" not in lauf.stderr and ":CONSOLE(" not in lauf.stderr
    messung = json.loads(
        re.search(r'data-messung="([^"]*)"', lauf.stdout).group(1).replace("&quot;", '"')
    )
    assert messung["fenster"] == breite
    assert messung["breite"] <= messung["fenster"], messung
    assert messung["zuBreit"] == []
    # overview map + one map per indicator, 11 districts each
    assert messung["flaechen"] == bericht.count('class="marke flaeche"') > 11


def test_every_link_resolves_to_a_file_of_the_same_release(berichte):
    links = set()
    for seite in ("sozialbericht_2023.html", "sozialbericht_2024.html", "sozialbericht.html"):
        html = (berichte / seite).read_text(encoding="utf-8")
        links |= {unquote(h) for h in re.findall(r"href='([^'#][^']*)'", html)}
    assert "../exports/2024/sozialmonitor_2024.xlsx" in links
    assert "../exports/2023/fct_indikatoren.csv" in links
    assert {"sozialbericht_2023.html", "sozialbericht_2024.html", "sozialbericht.html"} <= links
    assert [link for link in links if not (berichte / link).is_file()] == []


def test_the_run_writes_a_pdf_with_pages(berichte):
    for stichtag in STICHTAGE:
        pdf = (berichte / f"sozialbericht_{stichtag.year}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
        seiten = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        assert seiten >= 3, seiten
