"""Run one peer in its own process (so its peak memory is its own): floor | pandas.

usage: run_peer.py PEER YEAR_FOLDER YEAR OUT.csv
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

HERE = Path(__file__).parent


def floor(folder: Path, jahr: int):
    sql = (
        (HERE / "duckdb_floor.sql")
        .read_text()
        .replace("{dir}", str(folder))
        .replace("{jahr}", str(jahr))
    )
    with duckdb.connect() as con:
        con.execute(sql)
        return con.execute("SELECT * FROM ergebnis").df()


def pandas_(folder: Path, jahr: int):
    sys.path.insert(0, str(HERE))
    import pandas_peer

    return pandas_peer.compute(folder, jahr)


if __name__ == "__main__":
    peer, folder, jahr, out = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    {"floor": floor, "pandas": pandas_}[peer](folder, jahr).to_csv(out, index=False)
