"""Write the delivery contract's tables into docs/architecture.md (from landing/quellen.py).

    python scripts/vertragstabelle.py            # rewrite the tables between the markers
    python scripts/vertragstabelle.py --pruefen  # exit 1 when the document differs

tests/landing/test_vertragstabelle.py fails on the same difference, so the document cannot
drift from the contract.
"""

from __future__ import annotations

import argparse
import sys

from sozialmonitor.landing.vertragstabelle import im_dokument, schreibe, tabellen
from sozialmonitor.settings import PROJECT_DIR

DOKUMENT = PROJECT_DIR / "docs" / "architecture.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pruefen", action="store_true", help="only check, write nothing")
    args = parser.parse_args()
    if args.pruefen:
        if im_dokument(DOKUMENT) != tabellen():
            print(
                f"{DOKUMENT}: Vertragstabellen weichen von landing/quellen.py ab", file=sys.stderr
            )
            return 1
        return 0
    geaendert = schreibe(DOKUMENT)
    print(f"{DOKUMENT}: {'neu geschrieben' if geaendert else 'unverändert'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
