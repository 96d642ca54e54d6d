"""Run one peer in its own process (so its peak memory is its own).

usage: run_peer.py PEER YEAR_FOLDER YEAR OUT.csv

PEER: floor | pandas (plain: clear ids straight from the files) or floor_vertrag |
pandas_vertrag (with the contract work: row rules, quarantine, pseudonyms, raw data kept next
to OUT.csv). A contract peer prints its phases' seconds as a JSON line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))


def floor(folder: Path, jahr: int):
    with duckdb.connect() as con:
        for script in ("floor_dateien.sql", "duckdb_floor.sql"):
            sql = (HERE / script).read_text()
            con.execute(sql.replace("{dir}", str(folder)).replace("{jahr}", str(jahr)))
        return con.execute("SELECT * FROM ergebnis").df()


def pandas_(folder: Path, jahr: int):
    import pandas_peer

    return pandas_peer.compute(folder, jahr)


if __name__ == "__main__":
    peer, folder, jahr, out = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
    if peer == "floor_vertrag":
        import duckdb_vertrag

        ergebnis, zeiten = duckdb_vertrag.compute(folder, jahr, out.with_suffix(".duckdb"))
    elif peer == "pandas_vertrag":
        import pandas_vertrag

        ergebnis, zeiten = pandas_vertrag.compute(folder, jahr, out.with_suffix(""))
    else:
        ergebnis, zeiten = {"floor": floor, "pandas": pandas_}[peer](folder, jahr), None
    ergebnis.to_csv(out, index=False)
    if zeiten:
        print(json.dumps(zeiten))
