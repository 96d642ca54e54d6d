"""Encoding detection and transcoding, on files written byte by byte."""

from __future__ import annotations

import codecs

import pytest

from sozialmonitor.landing.datei import lesbare_kopie, pruefe_datei

TEXT = "STR_SCHL;STR_NAME\r\n00001;Gärtnerstraße „Süd“ – Ecke\r\n"


@pytest.mark.parametrize(
    ("data", "kodierung"),
    [
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    ],
)
def test_encoding_is_detected_and_duckdb_gets_utf8(tmp_path, data, kodierung):
    path = tmp_path / "kataster.csv"
    path.write_bytes(data)
    info = pruefe_datei(path)
    assert (info.kodierung, info.kopfzeile, info.endet_mit_zeilenende, info.zeilen) == (
        kodierung,
        "STR_SCHL;STR_NAME",
        True,
        2,
    )
    readable = lesbare_kopie(info, tmp_path)
    assert readable.read_bytes().decode("utf-8").removeprefix("\ufeff") == TEXT


def test_cp1252_sign_late_in_a_large_file_is_found(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"A;B\r\n" + b"1;2\r\n" * 400_000 + "3;Müller\r\n".encode("cp1252"))
    assert pruefe_datei(path).kodierung == "cp1252"


def test_cut_last_line_is_seen(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_bytes(b"A;B\r\n1;2\r\n3;")
    info = pruefe_datei(path)
    assert not info.endet_mit_zeilenende and info.zeilen == 3


@pytest.mark.parametrize("chunk", [3, 4, 7, 1 << 20])
def test_empty_lines_are_found_across_chunk_boundaries(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr("sozialmonitor.landing.datei.CHUNK", chunk)
    lines = ["A;B", "1;2", "", "3;4", "", "", "5;6", ""]
    path = tmp_path / "leer.csv"
    path.write_bytes("\r\n".join(lines).encode() + b"\r\n")
    assert pruefe_datei(path).leerzeilen == (3, 5, 6, 8)


@pytest.mark.parametrize("chunk", [1, 2, 5, 1 << 20])
def test_line_ends_are_classified_across_chunk_boundaries(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr("sozialmonitor.landing.datei.CHUNK", chunk)
    path = tmp_path / "enden.csv"
    path.write_bytes(b"A;B\r\n1;2\r\n3;4\r\n")
    assert not pruefe_datei(path).zeilenenden_gemischt
    path.write_bytes(b"A;B\r\n1;2\n3;4\r\n")
    assert pruefe_datei(path).zeilenenden_gemischt
    path.write_bytes(b"A;B\r\n1;2\r\n3;x\ry\r\n5;6\r")
    assert pruefe_datei(path).cr_zeile == 3  # the CR at the file's end is a cut line end
    path.write_bytes(b"A;B\r\n1;2\r\n5;6\r")
    assert pruefe_datei(path).cr_zeile is None


@pytest.mark.parametrize("chunk", [1, 2, 3, 1 << 20])
def test_mixed_line_ends_are_made_lf_in_the_copy(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr("sozialmonitor.landing.datei.CHUNK", chunk)
    path = tmp_path / "gemischt.csv"
    path.write_bytes("A;B\r\n1;Müller\n3;4\r\n".encode("cp1252"))
    kopie = lesbare_kopie(pruefe_datei(path), tmp_path)
    assert kopie != path and kopie.read_bytes() == "A;B\n1;Müller\n3;4\n".encode()
