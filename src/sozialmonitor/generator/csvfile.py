"""Vectorised formatting of columns and bulk writing of contract CSV files.

Columns are pyarrow string arrays (null = empty field); a table is an ordered
``dict`` of header -> column. Rows are joined in C++ (pyarrow.compute), never in a
Python loop, so a million residents are written in about a second.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sozialmonitor.generator.dates import NO_DATE

Table = dict[str, pa.Array]


def fmt_int(values: np.ndarray, empty: np.ndarray | None = None) -> pa.Array:
    return pa.array(np.asarray(values, dtype=np.int64), mask=empty).cast(pa.string())


def fmt_decimal(values: np.ndarray, decimals: int = 1, empty: np.ndarray | None = None) -> pa.Array:
    """German decimal comma: ``72,5``."""
    scaled = np.rint(np.asarray(values, dtype=np.float64) * 10**decimals).astype(np.int64)
    sign = np.where(scaled < 0, "-", "")
    whole = pa.array(np.abs(scaled) // 10**decimals).cast(pa.string())
    frac = pc.utf8_lpad(pa.array(np.abs(scaled) % 10**decimals).cast(pa.string()), decimals, "0")
    joined = pc.binary_join_element_wise(pa.array(sign), whole, pa.scalar(""), "")
    joined = pc.binary_join_element_wise(joined, frac, ",")
    return (
        joined
        if empty is None
        else pc.if_else(pa.array(empty), pa.scalar(None, pa.string()), joined)
    )


def fmt_date(days: np.ndarray) -> pa.Array:
    """``dd.mm.yyyy``; NO_DATE becomes an empty field."""
    days = np.asarray(days, dtype=np.int64)
    unique, inverse = np.unique(days, return_inverse=True)
    labels = [
        None if d == NO_DATE else np.datetime64(int(d), "D").item().strftime("%d.%m.%Y")
        for d in unique
    ]
    return pa.DictionaryArray.from_arrays(
        pa.array(inverse.astype(np.int32)), pa.array(labels, pa.string())
    ).cast(pa.string())


def fmt_id(prefix: str, nums: np.ndarray, width: int = 8) -> pa.Array:
    digits = pc.utf8_lpad(pa.array(np.asarray(nums, dtype=np.int64)).cast(pa.string()), width, "0")
    return pc.binary_join_element_wise(pa.scalar(prefix), digits, "")


def fmt_codes(codes: np.ndarray, labels: list[str]) -> pa.Array:
    """Label per code; a negative code is an empty field."""
    codes = np.asarray(codes, dtype=np.int32)
    dictionary = pa.array(labels, pa.string())
    return pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0), dictionary).cast(
        pa.string()
    )


def fmt_key(values: np.ndarray, width: int, empty: np.ndarray | None = None) -> pa.Array:
    """Zero-padded key such as STR_SCHL ``00123``."""
    return pc.utf8_lpad(
        pa.array(np.asarray(values, dtype=np.int64), mask=empty).cast(pa.string()), width, "0"
    )


def quoted(column: pa.Array) -> pa.Array:
    """Text in double quotes, inner quotes doubled (as the departments' exports do)."""
    escaped = pc.replace_substring(column, '"', '""')
    return pc.binary_join_element_wise(pa.scalar('"'), escaped, pa.scalar('"'), "")


def render(table: Table, sep: str = ";") -> bytes:
    """UTF-8 bytes of header and rows, CRLF line ends."""
    header = sep.join(table) + "\r\n"
    columns = [pc.cast(c, pa.large_string()) for c in table.values()]

    def text(value):
        return pa.scalar(value, pa.large_string())

    rows = pc.binary_join_element_wise(
        *columns, text(sep), null_handling="replace", null_replacement=""
    )
    rows = pc.binary_join_element_wise(rows, text(""), text("\r\n"))
    if len(rows) == 0:
        return header.encode("utf-8")
    offsets = np.frombuffer(rows.buffers()[1], dtype=np.int64)
    start, end = offsets[rows.offset], offsets[rows.offset + len(rows)]
    return header.encode("utf-8") + rows.buffers()[2].to_pybytes()[start:end]


def encode(text_utf8: bytes, encoding: str) -> bytes:
    """``cp1252``, ``utf-8`` or ``utf-8-sig`` (BOM); fails loudly on an unencodable character."""
    if encoding == "utf-8":
        return text_utf8
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text_utf8
    return text_utf8.decode("utf-8").encode(encoding, errors="strict")


def n_rows(table: Table) -> int:
    return len(next(iter(table.values())))


def take(table: Table, indices: np.ndarray) -> Table:
    index = pa.array(np.asarray(indices, dtype=np.int64))
    return {name: column.take(index) for name, column in table.items()}


def replace_values(column: pa.Array, rows: np.ndarray, values: list[str | None]) -> pa.Array:
    """Copy of ``column`` with ``values`` at ``rows`` (few rows: faults and corrections)."""
    patched = column.to_numpy(zero_copy_only=False).astype(object)
    patched[np.asarray(rows, dtype=np.int64)] = values
    return pa.array(patched, pa.string())
