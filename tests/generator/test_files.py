"""The nine files of a year follow the delivery contract: names, headers, encodings, CRLF."""

import csv
import io

import pytest

from tests.generator.conftest import YEARS

HEADERS = {
    "ewo_einwohner_{y}1231.csv": "PERS_ID;HH_ID;GEB_DATUM;GESCHLECHT;STAATSANG_1;STAATSANG_2;GEBURTSLAND;EINBUERGERUNG;STR_SCHL;HNR;HNR_ZUS;ZUZUG_DATUM",
    "kataster_adressen_{y}1231.csv": "STR_SCHL;STR_NAME;HNR;HNR_ZUS;STADTTEIL_NR;WOHNUNGEN;WOHNFLAECHE_QM;GEF_WOHNUNGEN",
    "kita_kinder_{y}1231.csv": "KIND_ID;GEB_DATUM;GESCHLECHT;WOHNORT_AGS;STR_SCHL;HNR;HNR_ZUS;EINRICHTUNG_NR;BETREUUNGSART;WOCHENSTUNDEN;AUFNAHME_DATUM",
    "einrichtungen_{y}1231.csv": "EINRICHTUNG_NR;TYP;NAME;TRAEGER;STR_SCHL;HNR;HNR_ZUS;PLAETZE;PLAETZE_U3",
    "hze_faelle_{y}.csv": "FALL_ID;GEB_DATUM;GESCHLECHT;STR_SCHL;HNR;HNR_ZUS;HILFEART;BEGINN;ENDE",
    "seu_{y}.csv": "UNTERS_ID;GEB_DATUM;GESCHLECHT;STR_SCHL;HNR;HNR_ZUS;UNTERS_DATUM;GROESSE_CM;GEWICHT_KG;GEWICHTSKLASSE;DEUTSCH_FOERDERBEDARF;MASERN_IMPFUNG;U9_VORGELEGT;KITA_JAHRE",
    "schuluebergaenge_{y}.csv": "SCHUELER_ID;GEB_DATUM;GESCHLECHT;STR_SCHL;HNR;HNR_ZUS;GRUNDSCHULE_NR;SCHULFORM",
    "wohngeld_{y}1231.csv": "WG_FALL_ID;STR_SCHL;HNR;HNR_ZUS;HAUSHALT_PERSONEN;KINDER_UNTER_18;WOHNGELD_EUR;ART;BEWILLIGT_AB;BEWILLIGT_BIS",
}
ENCODING = {"ewo_einwohner": "cp1252", "hze_faelle": "cp1252", "schuluebergaenge": "cp1252", "kita_kinder": "utf-8-sig"}


def read(path):
    source = path.name.rsplit("_", 1)[0]
    raw = path.read_bytes()
    encoding = ENCODING.get(source, "utf-8")
    assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig"), path.name
    text = raw.decode(encoding)
    return raw, text


@pytest.mark.parametrize("year", YEARS)
def test_nine_files_per_year(inbox, year):
    names = sorted(p.name for p in (inbox / str(year)).iterdir())
    expected = sorted([n.format(y=year) for n in HEADERS] + [f"sgb2_stadtteile_{year}12.xlsx"])
    assert names == expected


@pytest.mark.parametrize("template", HEADERS)
def test_csv_header_encoding_crlf(inbox, template):
    path = inbox / "2024" / template.format(y=2024)
    raw, text = read(path)
    assert text.split("\r\n", 1)[0] == HEADERS[template]
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n"), "every line ends with CRLF"
    rows = list(csv.reader(io.StringIO(text), delimiter=";", quotechar='"'))
    width = len(HEADERS[template].split(";"))
    assert len(rows) > 2
    assert all(len(r) == width for r in rows if r), "every row has the header's columns"
