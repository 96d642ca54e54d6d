"""Line numbers name the physical line of the delivered file, also after empty lines."""

from __future__ import annotations

from sozialmonitor.landing import land_source, lieferdatei
from tests.landing.conftest import STICHTAG, deliver, query


def test_line_numbers_count_the_empty_lines_the_reader_skips(settings):
    deliver(settings)
    path = lieferdatei(settings, STICHTAG, "seu")
    lines = path.read_bytes().split(b"\r\n")
    header = lines[0].decode().split(";")
    sex = header.index("GESCHLECHT")
    bad = lines[20].split(b";")
    bad[sex] = b"q"
    # an empty line after line 3 and two after line 10: the bad row moves from line 21 to 24
    lines = [*lines[:3], b"", *lines[3:10], b"", b"", *lines[10:20], b";".join(bad), *lines[21:]]
    path.write_bytes(b"\r\n".join(lines))
    result = land_source(settings, STICHTAG, "seu")
    assert result.ok
    assert query(settings, "SELECT zeile, regel, wert FROM raw.quarantaene") == [
        (24, "code_unbekannt", "a")  # a value outside its code list is kept as its shape
    ]
    assert any(m.startswith("seu_2024.csv Zeile 24: code_unbekannt") for m in result.messages)
    data_lines = {i + 1 for i, line in enumerate(lines) if i > 0 and line}
    loaded = {z for (z,) in query(settings, "SELECT zeile FROM raw.seu")}
    assert loaded == data_lines - {24}
