"""Write the delivery contract (landing/quellen.py) where people and dbt read it.

    python scripts/vertragstabelle.py            # rewrite every generated part
    python scripts/vertragstabelle.py --pruefen  # exit 1 when a file differs

The parts: the tables in docs/architecture.md, the raw columns of each dbt source in
models/staging/<amt>/_<amt>__sources.yml and the doc blocks in
models/staging/_liefervertrag.md. tests/landing/test_vertragstabelle.py fails on the same
difference, so none of them can drift from the contract.
"""

from __future__ import annotations

import argparse
import sys

from sozialmonitor.landing.vertragstabelle import abweichungen, schreibe_alle
from sozialmonitor.settings import PROJECT_DIR


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pruefen", action="store_true", help="only check, write nothing")
    args = parser.parse_args()
    if args.pruefen:
        for pfad in abweichungen(PROJECT_DIR):
            print(f"{pfad}: weicht von landing/quellen.py ab", file=sys.stderr)
        return 1 if abweichungen(PROJECT_DIR) else 0
    geaendert = schreibe_alle(PROJECT_DIR)
    for pfad in geaendert:
        print(f"{pfad}: neu geschrieben")
    if not geaendert:
        print("alles unverändert")
    return 0


if __name__ == "__main__":
    sys.exit(main())
