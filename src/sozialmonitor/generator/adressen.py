"""Address columns as departments deliver them, including the usual imperfections.

A small share of rows (0.2 %) sits at an address the register does not know
(district ``99``), and 1 % carry a suffix letter the register lacks (they match
only on street and house number). Counts are floors of the shares, so a small file
never exceeds the 0.5 % blocking threshold by chance.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from sozialmonitor.generator.csvfile import Table, fmt_int, fmt_key
from sozialmonitor.generator.kataster import STREET_KEY_WIDTH, SUFFIXES, Kataster

UNKNOWN_SHARE = 0.002
SUFFIX_SHARE = 0.01
MISSING_SUFFIX = "b"  # never used by the register
UNKNOWN_HNR_OFFSET = 1000  # no street is that long


def address_columns(
    kataster: Kataster,
    addr: np.ndarray,
    rng: np.random.Generator,
    outside: np.ndarray | None = None,
    exact: bool = False,
) -> Table:
    """STR_SCHL, HNR, HNR_ZUS for register addresses ``addr``; ``outside`` rows stay empty.

    Unless ``exact``, 0.2 % of the rows in the city get a house number the register
    does not have and 1 % a suffix letter it lacks.
    """
    n = len(addr)
    hnr = kataster.hnr[addr].astype(np.int64)
    zus = np.array(SUFFIXES, dtype=object)[kataster.zus[addr]]
    candidates = rng.permutation(np.flatnonzero(np.ones(n, bool) if outside is None else ~outside))
    if not exact:
        n_unknown = int(len(candidates) * UNKNOWN_SHARE)
        hnr[candidates[:n_unknown]] += UNKNOWN_HNR_OFFSET
        rest = candidates[n_unknown:]
        plain = rest[kataster.zus[addr[rest]] == 0]
        zus[plain[: int(len(candidates) * SUFFIX_SHARE)]] = MISSING_SUFFIX
    zus[zus == ""] = None
    return {
        "STR_SCHL": fmt_key(
            kataster.str_schl[kataster.address_street[addr]], STREET_KEY_WIDTH, outside
        ),
        "HNR": fmt_int(hnr, outside),
        "HNR_ZUS": pa.array(zus, pa.string(), mask=outside),
    }
