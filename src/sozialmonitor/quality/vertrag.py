"""The delivery suites' expectations that the delivery contract (landing/quellen.py) says.

Columns and types, the quarantine threshold, unique and required columns, code lists,
formats and value ranges are built here from the contract when the suites are loaded,
never written in a suite file. Landing quarantines a row or rejects a file that breaks one
of them, so they cannot fail on a delivery landing accepted: a failure means data the
contract rejects entered ``raw``, and they block. A suite file adds only what the contract
does not say (plausibility bands that warn, rules across rows in SQL frames).
"""

from __future__ import annotations

from sozialmonitor.gemeinde import GESAMT, load_gemeinde
from sozialmonitor.landing.quellen import (
    GEB_JAHR_MIN,
    SCHWELLE_QUARANTAENE,
    SGB2_SPALTEN,
    SGB2_ZELLE,
    Quelle,
    Spalte,
    raw_tabelle,
)
from sozialmonitor.quality.erwartung import (
    BLOCKIEREND,
    EXTREMWERTE,
    LIEFERVERTRAG,
    Erwartung,
    SqlRahmen,
)

_BETWEEN = "expect_column_values_to_be_between"
_MAX_BETWEEN = "expect_column_max_to_be_between"
#: SQL frame of a key of several columns (the address register's address).
SCHLUESSEL = "schluessel"


def vertragsspalten(quelle: Quelle) -> dict[str, str]:
    """The columns of ``raw.<quelle>`` and their DuckDB types, as the landing DDL makes them."""
    return dict(raw_tabelle(quelle))


def _erwartung(rahmen: str, typ: str, beschreibung: str, **kwargs) -> Erwartung:
    return Erwartung(rahmen, typ, kwargs, BLOCKIEREND, beschreibung, herkunft=LIEFERVERTRAG)


def _umfang(quelle: Quelle) -> list[Erwartung]:
    erwartungen = [
        _erwartung(
            "spalten",
            "expect_column_pair_values_to_be_equal",
            "Pflichtspalten vorhanden und mit dem Typ des Raw-Schemas",
            column_A="typ",
            column_B="erwartet",
        ),
        _erwartung(
            "umfang",
            "expect_column_min_to_be_between",
            "Lieferung für den Stichtag geladen",
            column="zeilen_geladen",
            min_value=1,
        ),
    ]
    if not quelle.excel:  # a workbook is loaded whole or rejected: no quarantined rows
        prozent = SCHWELLE_QUARANTAENE * 100
        erwartungen.append(
            _erwartung(
                "umfang",
                _MAX_BETWEEN,
                f"höchstens {prozent:g} % der Zeilen in Quarantäne",
                column="anteil_quarantaene_prozent",
                max_value=prozent,
            )
        )
    return erwartungen


def _raw_namen(spalte: Spalte) -> list[str]:
    return ["geb_jahr", "geb_monat"] if spalte.art == "geb" else [spalte.raw_name]


def _mit_bedeutung(text: str, spalte: Spalte) -> str:
    return f"{text} ({spalte.bedeutung})" if spalte.bedeutung else text


def _spaltenregeln(spalte: Spalte) -> list[Erwartung]:
    """Required, code list, format and range of one delivered column, on its raw column(s)."""
    regeln = [
        _erwartung(
            "leerwerte",
            _MAX_BETWEEN,
            f"{spalte.name} immer gefüllt (Anzahl leerer Werte)",
            column=name,
            max_value=0,
        )
        for name in (_raw_namen(spalte) if spalte.pflicht else [])
    ]
    if spalte.werte is not None:
        werte = [int(w) for w in spalte.werte] if spalte.sqltyp != "VARCHAR" else list(spalte.werte)
        regeln.append(
            _erwartung(
                "werte",
                "expect_column_values_to_be_in_set",
                _mit_bedeutung(f"{spalte.name}: nur Codes des Liefervertrags", spalte),
                column=spalte.raw_name,
                value_set=werte,
            )
        )
    if spalte.muster is not None:
        regeln.append(
            _erwartung(
                "werte",
                "expect_column_values_to_match_regex",
                _mit_bedeutung(f"{spalte.name}: Format {spalte.muster}", spalte),
                column=spalte.raw_name,
                regex=f"^(?:{spalte.muster})$",
            )
        )
    if spalte.min is not None:
        regeln.append(
            _erwartung(
                EXTREMWERTE,
                _BETWEEN,
                "Wertebereich laut Liefervertrag (landing/quellen.py); außerhalb: Zeile in Quarantäne",
                column=spalte.raw_name,
                min_value=spalte.min,
                max_value=spalte.max,
            )
        )
    if spalte.art == "geb":
        regeln += [
            _erwartung(
                EXTREMWERTE,
                _BETWEEN,
                f"Geburtsjahr ab {GEB_JAHR_MIN}, nicht nach dem Stichtag",
                column="geb_jahr",
                min_value=GEB_JAHR_MIN,
                max_value={"$PARAMETER": "stichtag_jahr"},
            ),
            _erwartung(
                EXTREMWERTE,
                _BETWEEN,
                "Geburtsmonat 1–12",
                column="geb_monat",
                min_value=1,
                max_value=12,
            ),
        ]
    return regeln


def _eindeutig(quelle: Quelle) -> tuple[list[Erwartung], dict[str, SqlRahmen]]:
    """The contract's key: one column by the built-in frame, several by an SQL frame."""
    spalten = [s for s in quelle.spalten if s.name in quelle.schluessel]
    beschreibung = f"{'+'.join(quelle.schluessel)} eindeutig (Anzahl mehrfach vorkommender Werte)"
    if len(spalten) == 1:
        return [
            _erwartung(
                "doppelte", _MAX_BETWEEN, beschreibung, column=spalten[0].raw_name, max_value=0
            )
        ], {}
    if not spalten:
        return [], {}
    # Column names from the contract, not from a delivery; GROUP BY puts NULLs together.
    gruppe = ", ".join(s.raw_name for s in spalten)
    sql = (
        f"SELECT count(*) AS doppelte FROM (SELECT 1 FROM raw.{quelle.name} "
        f"WHERE stichtag = $stichtag GROUP BY {gruppe} HAVING count(*) > 1)"
    )
    erwartung = _erwartung(SCHLUESSEL, _MAX_BETWEEN, beschreibung, column="doppelte", max_value=0)
    return [erwartung], {SCHLUESSEL: SqlRahmen(sql)}


def _sgb2() -> list[Erwartung]:
    """The workbook: every district and the total row once, every cell a number, * or -."""
    stadtteile = [GESAMT, *(t.nr for t in load_gemeinde().stadtteile)]
    return [
        _erwartung(
            "doppelte",
            _MAX_BETWEEN,
            "jeder Stadtteil und die Gesamtzeile nur einmal (Anzahl mehrfacher)",
            column="stadtteil_nr",
            max_value=0,
        ),
        _erwartung(
            "werte",
            "expect_column_distinct_values_to_equal_set",
            f"genau die Stadtteile aus seeds/stadtteile.csv und die Gesamtzeile {GESAMT}",
            column="stadtteil_nr",
            value_set=stadtteile,
        ),
        *(
            _erwartung(
                "werte",
                "expect_column_values_to_match_regex",
                "Zelle: Zahl, * oder -",
                column=name,
                regex=f"^(?:{SGB2_ZELLE})$",
            )
            for name, _ in SGB2_SPALTEN
        ),
    ]


def vertragserwartungen(quelle: Quelle) -> tuple[tuple[Erwartung, ...], dict[str, SqlRahmen]]:
    """Every expectation the contract says for ``quelle`` and the SQL frames they need."""
    if quelle.excel:
        return (*_umfang(quelle), *_sgb2()), {}
    eindeutig, rahmen = _eindeutig(quelle)
    spalten = [e for s in quelle.spalten for e in _spaltenregeln(s)]
    return (*_umfang(quelle), *eindeutig, *spalten), rahmen
