"""File-level facts of a delivery, read in one streaming pass: hash, size, encoding, header, end.

DuckDB's CSV reader decodes UTF-8 only (besides UTF-16/latin-1), so a cp1252 file is
transcoded to a UTF-8 copy in the same streaming fashion before DuckDB reads it.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20
BOM = codecs.BOM_UTF8
#: A line end followed by an empty line; DuckDB's reader skips empty lines.
LEERZEILE = re.compile(rb"\n(?=\r?\n)")


@dataclass(frozen=True)
class Dateiinfo:
    pfad: Path
    sha256: str
    groesse_bytes: int
    kodierung: str | None  # cp1252 | utf-8 | utf-8-sig; None: neither decodes
    kopfzeile: str  # first line, decoded, without BOM and line end
    endet_mit_zeilenende: bool
    zeilen: int  # physical lines (a cut last line counts)
    leerzeilen: tuple[int, ...] = ()  # line numbers of empty lines, which DuckDB skips


def pruefe_datei(pfad: Path) -> Dateiinfo:
    """Hash, size and encoding (UTF-8 ± BOM, else cp1252) without holding the file in memory."""
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    cp1252 = codecs.getincrementaldecoder("cp1252")()
    is_utf8 = is_cp1252 = True
    size = newlines = 0
    head = b""
    last = b""
    leer: set[int] = set()
    with open(pfad, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            # the previous chunk's last two bytes, so an empty line across the boundary is seen
            buffer = last[-2:] + chunk
            before = newlines - last[-2:].count(b"\n")
            leer.update(
                before + buffer.count(b"\n", 0, m.start()) + 2 for m in LEERZEILE.finditer(buffer)
            )
            newlines += chunk.count(b"\n")
            if len(head) < 4096:
                head += chunk[:4096]
            last = chunk
            if is_utf8:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    is_utf8 = False
            if is_cp1252 and not is_utf8:
                try:
                    cp1252.decode(chunk)
                except UnicodeDecodeError:
                    is_cp1252 = False
    if is_utf8:
        try:
            utf8.decode(b"", final=True)  # a multi-byte sequence cut at the end of the file
        except UnicodeDecodeError:
            is_utf8 = False
    if not is_utf8 and is_cp1252:
        # cp1252 is checked only from the chunk where UTF-8 failed; check the file from its start.
        is_cp1252 = _decodes(pfad, "cp1252")
    if is_utf8:
        kodierung = "utf-8-sig" if head.startswith(BOM) else "utf-8"
    else:
        kodierung = "cp1252" if is_cp1252 else None
    text = head.removeprefix(BOM).decode(kodierung or "latin-1", errors="replace")
    kopfzeile = text.split("\n", 1)[0].rstrip("\r")
    ends = last.endswith(b"\n")
    return Dateiinfo(
        pfad,
        digest.hexdigest(),
        size,
        kodierung,
        kopfzeile,
        ends,
        newlines + (0 if ends or not size else 1),
        tuple(sorted(leer)),
    )


def _decodes(pfad: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with open(pfad, "rb") as handle:
        try:
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
        except UnicodeDecodeError:
            return False
    return True


def utf8_kopie(info: Dateiinfo, ziel: Path) -> Path:
    """A path DuckDB can read: the file itself if UTF-8, else a streamed UTF-8 copy in ``ziel``."""
    if info.kodierung in ("utf-8", "utf-8-sig"):
        return info.pfad
    kopie = ziel / (info.pfad.name + ".utf8")
    with (
        open(info.pfad, encoding="cp1252", newline="") as src,
        open(kopie, "w", encoding="utf-8", newline="") as dst,
    ):
        while block := src.read(CHUNK):
            dst.write(block)
    return kopie


def spalten_der_kopfzeile(kopfzeile: str) -> list[str]:
    return [c.strip().strip('"').strip() for c in kopfzeile.split(";")]
