"""File-level facts of a delivery, read in one streaming pass: hash, size, encoding, header, end.

A delivery is opened without following links and only if it is a regular file, so nothing
outside the inbox is read. DuckDB's CSV reader decodes UTF-8 only (besides UTF-16/latin-1)
and wants one kind of line end, so a cp1252 file or one mixing CRLF and LF is rewritten to
a UTF-8 copy with LF line ends in the same streaming fashion before DuckDB reads it.
"""

from __future__ import annotations

import codecs
import csv
import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sozialmonitor.landing.ablehnung import Verweigerung

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
    zeilenenden_gemischt: bool = False  # CRLF and bare LF in one file
    cr_zeile: int | None = None  # first line holding a bare CR before the file's end


def oeffne(pfad: Path) -> BinaryIO:
    """The delivery opened for reading; a link, a non-regular or unreadable file is refused."""
    datei = pfad.name
    try:
        fd = os.open(pfad, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Verweigerung(
                datei,
                "datei_verknuepft",
                "ist eine Verknüpfung (Symlink); nur echte Dateien im Eingangsordner werden gelesen",
            ) from error
        raise Verweigerung(
            datei, "datei_unlesbar", f"kann nicht gelesen werden ({error.strerror})"
        ) from error
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        art = "ein Ordner" if stat.S_ISDIR(mode) else "keine gewöhnliche Datei (z. B. FIFO, Gerät)"
        raise Verweigerung(datei, "keine_datei", f"ist {art}, keine Lieferdatei")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def pruefe_datei(pfad: Path) -> Dateiinfo:
    """Hash, size, encoding (UTF-8 ± BOM, else cp1252) and line ends, file never held in memory."""
    try:
        with oeffne(pfad) as handle:
            return _pruefe(pfad, handle)
    except OSError as error:  # e.g. an I/O error in the middle of the file
        raise Verweigerung(
            pfad.name, "datei_unlesbar", f"kann nicht gelesen werden ({error.strerror or error})"
        ) from error


def _pruefe(pfad: Path, handle: BinaryIO) -> Dateiinfo:  # noqa: C901 -- to be split by concern (issue 18 item 6)
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    cp1252 = codecs.getincrementaldecoder("cp1252")()
    is_utf8 = is_cp1252 = True
    size = newlines = crlf = cr = 0
    head = b""
    last = b""
    leer: set[int] = set()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        crlf += chunk.count(b"\r\n") + (last.endswith(b"\r") and chunk.startswith(b"\n"))
        cr += chunk.count(b"\r")
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
        is_cp1252 = _decodes(handle, "cp1252")
    if is_utf8:
        kodierung = "utf-8-sig" if head.startswith(BOM) else "utf-8"
    else:
        kodierung = "cp1252" if is_cp1252 else None
    text = head.removeprefix(BOM).decode(kodierung or "latin-1", errors="replace")
    kopfzeile = text.split("\n", 1)[0].rstrip("\r")
    ends = last.endswith(b"\n")
    bare_cr = cr - crlf - (1 if last.endswith(b"\r") else 0)  # a cut CRLF at the end: truncated
    cr_zeile = _zeile_mit_cr(handle) if bare_cr else None
    return Dateiinfo(
        pfad,
        digest.hexdigest(),
        size,
        kodierung,
        kopfzeile,
        ends,
        newlines + (0 if ends or not size else 1),
        tuple(sorted(leer)),
        zeilenenden_gemischt=0 < crlf < newlines,
        cr_zeile=cr_zeile,
    )


def _zeile_mit_cr(handle: BinaryIO) -> int | None:
    """Line number of the first CR that is not part of a CRLF (second pass, rare)."""
    handle.seek(0)
    lines, last = 1, b""
    while chunk := handle.read(CHUNK):
        buffer = last + chunk
        for match in re.finditer(rb"\r(?!\n)", buffer):
            if match.end() < len(buffer):  # a CR at the chunk's end is decided by the next chunk
                return lines + buffer.count(b"\n", 0, match.start())
        lines += buffer[:-1].count(b"\n") if buffer.endswith(b"\r") else buffer.count(b"\n")
        last = buffer[-1:] if buffer.endswith(b"\r") else b""
    return None


def _decodes(handle: BinaryIO, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    handle.seek(0)
    try:
        while chunk := handle.read(CHUNK):
            decoder.decode(chunk)
    except UnicodeDecodeError:
        return False
    return True


def lesbare_kopie(info: Dateiinfo, ziel: Path) -> Path:
    """A path DuckDB can read: the file itself if UTF-8 with one kind of line end, else a
    streamed UTF-8 copy in ``ziel`` (line ends made LF when they were mixed)."""
    if info.kodierung in ("utf-8", "utf-8-sig") and not info.zeilenenden_gemischt:
        return info.pfad
    kodierung = "cp1252" if info.kodierung == "cp1252" else "utf-8"
    kopie = ziel / (info.pfad.name + ".utf8")
    with (
        oeffne(info.pfad) as raw,
        open(raw.fileno(), encoding=kodierung, newline="", closefd=False) as src,
        open(kopie, "w", encoding="utf-8", newline="") as dst,
    ):
        rest = ""
        while block := src.read(CHUNK):
            block = rest + block
            # a CR at the block's end may be the first half of a CRLF split by the block
            block, rest = (block[:-1], "\r") if block.endswith("\r") else (block, "")
            dst.write(block.replace("\r\n", "\n") if info.zeilenenden_gemischt else block)
        dst.write(rest)
    return kopie


def spalten_der_kopfzeile(kopfzeile: str) -> list[str]:
    """The header's column names, split like DuckDB splits it (``;``, quote ``"``)."""
    felder = next(csv.reader([kopfzeile], delimiter=";", quotechar='"'), [])
    return [f.strip() for f in felder]
