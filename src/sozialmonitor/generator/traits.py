"""Stable per-id randomness and department ids.

A synthetic person keeps a trait (e.g. how early a child enters day care) across
years without storing it: the trait is a hash of the id and a salt. Department ids
are a bijective scramble of the register number, so each department has its own
stable ids that are not the register's.
"""

from __future__ import annotations

import numpy as np

ID_RANGE = 10**8  # ids are printed with 8 digits


def trait(nums: np.ndarray, salt: int) -> np.ndarray:
    """Uniform [0, 1) per id, the same for the same (id, salt) in every year (splitmix64)."""
    x = np.asarray(nums, dtype=np.uint64) + np.uint64((salt * 0x9E3779B97F4A7C15) % 2**64)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    x = x ^ (x >> np.uint64(31))
    return (x >> np.uint64(11)).astype(np.float64) / float(2**53)


def department_id(nums: np.ndarray, multiplier: int, offset: int) -> np.ndarray:
    """A department's own id for register number ``nums``: a bijection on [0, 10^8).

    ``multiplier`` must be coprime to 10 so distinct numbers never collide.
    """
    assert multiplier % 2 and multiplier % 5, "multiplier must be coprime to 10"
    return (np.asarray(nums, dtype=np.int64) * multiplier + offset) % ID_RANGE


def choose(u: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """Category index per row for uniforms ``u`` and probabilities (k,) or (n, k) per row."""
    cumulative = np.cumsum(probabilities, axis=-1)
    cumulative = cumulative / cumulative[..., -1:]
    if cumulative.ndim == 1:
        return np.searchsorted(cumulative, u, side="right").clip(0, len(cumulative) - 1)
    return (u[:, None] >= cumulative).sum(axis=1).clip(0, cumulative.shape[1] - 1)
