"""The report as PDF for the council's papers: headless Chromium prints the HTML (print stylesheet)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

#: Browsers that can print to PDF headless, in the order they are looked for.
BROWSER = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: A report of every district and indicator prints in seconds; more means the browser hangs.
ZEIT_S = 300


def browser() -> str | None:
    return next((pfad for name in BROWSER if (pfad := shutil.which(name))), None)


def drucke(html: Path, pdf: Path) -> str | None:
    """Write ``pdf`` from ``html``; returns None on success, else the German reason it was skipped."""
    programm = browser()
    if programm is None:
        return (
            f"kein Chromium/Chrome gefunden ({', '.join(BROWSER)}): PDF übersprungen, "
            "der HTML-Bericht ist geschrieben"
        )
    neu = pdf.with_name(f".{pdf.name}")
    with tempfile.TemporaryDirectory(prefix="sozialbericht-profil-") as profil:
        try:
            lauf = subprocess.run(
                [
                    programm,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    f"--user-data-dir={profil}",
                    "--no-pdf-header-footer",
                    f"--print-to-pdf={neu}",
                    html.resolve().as_uri(),
                ],
                capture_output=True,
                text=True,
                timeout=ZEIT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            neu.unlink(missing_ok=True)
            return f"{programm} hat das PDF nicht in {ZEIT_S} s gedruckt: PDF übersprungen"
    if lauf.returncode != 0 or not neu.is_file() or neu.stat().st_size == 0:
        neu.unlink(missing_ok=True)
        letzte = (lauf.stderr.strip().splitlines() or ["keine Ausgabe"])[-1]
        return f"{programm} konnte das PDF nicht drucken (Code {lauf.returncode}: {letzte})"
    neu.replace(pdf)  # complete or not at all
    return None
