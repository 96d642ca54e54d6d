"""The nine files of a year follow the delivery contract: names, headers, encodings, CRLF."""

import csv
import io
import re

import pytest

from tests.generator.conftest import ENCODING, YEARS, source_of

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
DATE = r"\d\d\.\d\d\.\d{4}"
#: Columns with a fixed format (regular expression); an empty field is allowed where the contract says so.
FORMATS = {
    "GEB_DATUM": DATE,
    "ZUZUG_DATUM": f"({DATE})?",
    "AUFNAHME_DATUM": DATE,
    "BEGINN": DATE,
    "ENDE": f"({DATE})?",
    "UNTERS_DATUM": DATE,
    "BEWILLIGT_AB": DATE,
    "BEWILLIGT_BIS": DATE,
    "STR_SCHL": r"(\d{5})?",
    "HNR": r"(\d+)?",
    "HNR_ZUS": "[a-z]?",
    "STADTTEIL_NR": r"\d\d",
    "GESCHLECHT": "[mwdx]",
    "STAATSANG_1": "[A-Z]{2}",
    "STAATSANG_2": "([A-Z]{2})?",
    "GEBURTSLAND": "[A-Z]{2}",
    "EINBUERGERUNG": "[JN]",
    "WOHNFLAECHE_QM": r"\d+,\d",
    "GROESSE_CM": r"\d+,\d",
    "GEWICHT_KG": r"\d+,\d",
    "KITA_JAHRE": r"(\d+,\d)?",
    "WOHNGELD_EUR": r"\d+,\d\d",
    "GEWICHTSKLASSE": "[1-5]?",
    "MASERN_IMPFUNG": "[0129]",
    "DEUTSCH_FOERDERBEDARF": "[JN]",
    "U9_VORGELEGT": "[JN]",
    "WOCHENSTUNDEN": "25|35|45",
    "BETREUUNGSART": "KITA|TAGESPFLEGE",
    "ART": "MIETZUSCHUSS|LASTENZUSCHUSS",
    "WOHNORT_AGS": r"\d{8}",
    "HILFEART": "27_2|29|30|31|32|33|34|35|35a|41",
    "SCHULFORM": "GY|GE|RS|HS|SK|FS|SO",
    "TYP": "KITA|GRUNDSCHULE|WEITERF_SCHULE|JUGENDTREFF|FAMILIENZENTRUM|SPIELPLATZ|KINDERARZT",
}


@pytest.mark.parametrize("year", YEARS)
def test_nine_files_per_year(inbox, year):
    names = sorted(p.name for p in (inbox / str(year)).iterdir())
    expected = sorted([n.format(y=year) for n in HEADERS] + [f"sgb2_stadtteile_{year}12.xlsx"])
    assert names == expected


@pytest.mark.parametrize("template", HEADERS)
def test_csv_header_encoding_crlf_and_formats(inbox, template):
    path = inbox / "2024" / template.format(y=2024)
    raw = path.read_bytes()
    encoding = ENCODING.get(source_of(path), "utf-8")
    assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig"), "BOM only where usual"
    text = raw.decode(encoding)  # strict: the usual encoding decodes the whole file
    assert text.split("\r\n", 1)[0] == HEADERS[template]
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n"), "every line ends with CRLF"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"'))
    header, body = rows[0], rows[1:]
    assert len(body) > 2
    assert all(len(r) == len(header) for r in body), "every row has the header's columns"
    for i, name in enumerate(header):
        if name in FORMATS:
            bad = [r[i] for r in body if not re.fullmatch(FORMATS[name], r[i])]
            assert not bad, f"{path.name} {name}: {bad[:5]}"
