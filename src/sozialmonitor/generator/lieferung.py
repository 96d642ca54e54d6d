"""One delivery file as it is about to be written (faults change it before writing)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sozialmonitor.generator.csvfile import Table, encode, render
from sozialmonitor.generator.sgb2 import Layout


@dataclass
class Lieferung:
    source: str
    filename: str
    table: Table | None = None  # CSV sources
    encoding: str = "utf-8"
    sep: str = ";"
    truncated: bool = False
    omitted: bool = False
    counts: np.ndarray | None = None  # the SGB II workbook
    layout: Layout = field(default_factory=Layout)

    def csv_bytes(self) -> bytes:
        data = encode(render(self.table, self.sep), self.encoding)
        if self.truncated:
            # Cut the last line in the middle, as an interrupted transfer does.
            body = data[:-2]
            last_start = body.rfind(b"\r\n") + 2
            data = body[: last_start + max(1, (len(body) - last_start) // 2)]
        return data

    def write(self, folder: Path, write_xlsx) -> Path | None:
        if self.omitted:
            return None
        path = folder / self.filename
        if self.table is None:
            return write_xlsx(path, self.counts, self.layout)
        path.write_bytes(self.csv_bytes())
        return path
