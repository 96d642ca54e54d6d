"""Row rules of the contract as DuckDB SQL over a delivery read as text (table ``lieferung``).

``lieferung`` holds the delivered columns as VARCHAR plus ``zeile`` (line number in the
file). The rules yield one row per violation; ``land`` quarantines every row with at
least one and loads the rest, typed and pseudonymised.
"""

from __future__ import annotations

from datetime import date

from sozialmonitor.landing.pseudonym import hmac_sql
from sozialmonitor.landing.quellen import GEB_JAHR_MIN, Quelle, Spalte
from sozialmonitor.sql import bezeichner, literal

DATUM = "%d.%m.%Y"
#: Other ways a birth date gets written; recognised only to reduce it to month.year.
GEB_FORMEN = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%y", "%Y%m%d")


def typed(spalte: Spalte) -> str:
    """The typed value of a delivered column (NULL when empty or unparseable)."""
    col = bezeichner(spalte.name)
    if spalte.art in ("datum", "geb"):
        return f"try_strptime({col}, '{DATUM}')::DATE"
    if spalte.art == "int":
        return f"TRY_CAST({col} AS BIGINT)"
    if spalte.art == "dez":
        return f"TRY_CAST(replace({col}, ',', '.') AS DOUBLE)"
    if spalte.sqltyp != "VARCHAR":
        return f"TRY_CAST({col} AS {spalte.sqltyp})"
    return col


def _bereich(spalte: Spalte) -> str:
    return f"{spalte.min:g}–{spalte.max:g}".replace(".", ",")


def _pruefungen(spalte: Spalte, stichtag: date) -> list[tuple[str, str, str]]:
    """(rule, SQL condition, description) for one column, in the order they are reported."""
    col, val = bezeichner(spalte.name), typed(spalte)
    checks: list[tuple[str, str, str]] = []
    if spalte.pflicht:
        checks.append(("wert_fehlt", f"{col} IS NULL", "Pflichtfeld ist leer"))
    if spalte.art in ("datum", "geb"):
        checks.append(
            (
                "datum_ungueltig",
                f"{col} IS NOT NULL AND {val} IS NULL",
                "ist kein gültiges Datum (TT.MM.JJJJ)",
            )
        )
    if spalte.art in ("int", "dez"):
        checks.append(("zahl_ungueltig", f"{col} IS NOT NULL AND {val} IS NULL", "ist keine Zahl"))
    if spalte.min is not None:
        checks.append(
            (
                "wert_unzulaessig",
                f"{val} < {spalte.min} OR {val} > {spalte.max}",
                f"liegt außerhalb von {_bereich(spalte)}",
            )
        )
    if spalte.werte is not None:
        allowed = ", ".join(literal(w) for w in spalte.werte)
        checks.append(
            (
                "code_unbekannt",
                f"{col} NOT IN ({allowed})",
                f"ist kein zulässiger Code ({', '.join(spalte.werte)})",
            )
        )
    if spalte.muster is not None:
        checks.append(
            (
                "wert_unzulaessig",
                f"NOT regexp_full_match({col}, {literal(spalte.muster)})",
                f"hat nicht das Format {spalte.muster}",
            )
        )
    stichtag_sql = f"DATE '{stichtag.isoformat()}'"
    if spalte.art == "geb":
        checks.append(
            (
                "geburt_nach_stichtag",
                f"{val} > {stichtag_sql}",
                f"liegt nach dem Stichtag {stichtag:%d.%m.%Y}",
            )
        )
        checks.append(
            (
                "wert_unzulaessig",
                f"{val} < DATE '{GEB_JAHR_MIN}-01-01'",
                f"liegt vor {GEB_JAHR_MIN}",
            )
        )
    if spalte.jahr:
        checks.append(
            (
                "datum_nach_stichtag",
                f"{val} > {stichtag_sql}",
                f"liegt nach dem Stichtag {stichtag:%d.%m.%Y}",
            )
        )
    return checks


def _gestalt(col: str) -> str:
    """The shape of a value, digits 9 and letters a/A: the form shows, the content does not."""
    ziffern = f"regexp_replace({col}, '[0-9]', '9', 'g')"
    klein = f"regexp_replace({ziffern}, '[\\p{{Ll}}\\p{{Lm}}\\p{{Lo}}\\p{{Lt}}]', 'a', 'g')"
    return f"regexp_replace({klein}, '\\p{{Lu}}', 'A', 'g')"


def _hat_format(spalte: Spalte) -> str | None:
    """SQL condition: the value has the column's form (the checks a landed value passes but
    its range); None for free text, which lands as delivered."""
    col = bezeichner(spalte.name)
    if spalte.werte is not None:
        return f"{col} IN ({', '.join(literal(w) for w in spalte.werte)})"
    if spalte.muster is not None:
        return f"regexp_full_match({col}, {literal(spalte.muster)})"
    if spalte.art in ("datum", "int", "dez"):
        return f"{typed(spalte)} IS NOT NULL"
    return None


def _shown(spalte: Spalte, key: bytes) -> str:
    """A quarantined value as kept, never clearer than a landed row: ids as pseudonyms, birth
    dates as month.year (also from other date forms), a value without its column's form
    (an id in a wrong column, say) only as its shape."""
    col = bezeichner(spalte.name)
    if spalte.art == "id":
        return hmac_sql(key, col)
    if spalte.art == "geb":
        formen = ", ".join(literal(f) for f in GEB_FORMEN)
        datum = f"coalesce({typed(spalte)}, try_strptime({col}, [{formen}])::DATE)"
        return f"coalesce(strftime({datum}, '%m.%Y'), {_gestalt(col)})"
    form = _hat_format(spalte)
    return col if form is None else f"CASE WHEN {form} THEN {col} ELSE {_gestalt(col)} END"


def verstoesse_sql(quelle: Quelle, stichtag: date, key: bytes) -> str:
    """SELECT zeile, prio, regel, spalte, wert, beschreibung: every rule violation of the file.

    One pass over the delivery evaluates every rule once per row and keeps the few rows that
    break one (``verdaechtig``); the rule-by-rule selects then only read those rows.
    """
    selects = []
    bedingungen = []
    prio = 0
    for spalte in quelle.spalten:
        for regel, bedingung, beschreibung in _pruefungen(spalte, stichtag):
            prio += 1
            bedingungen.append(f"({bedingung})")
            selects.append(
                f"SELECT zeile, {prio} AS prio, {literal(regel)} AS regel, {literal(spalte.name)} AS spalte, "
                f"{_shown(spalte, key)} AS wert, {literal(beschreibung)} AS beschreibung "
                f"FROM verdaechtig WHERE {bedingung}"
            )
    if quelle.schluessel:
        key_cols = [s for s in quelle.spalten if s.name in quelle.schluessel]
        group = [f"coalesce({bezeichner(s.name)}, '')" for s in key_cols]
        shown = " || ' ' || ".join(f"coalesce({_shown(s, key)}, '')" for s in key_cols)
        # The few duplicated keys first (one hash aggregate), then their rows: a window over
        # every row of a register would sort millions of rows to find a handful.
        doppelt = (
            f"SELECT {', '.join(f'{g} AS k{i}' for i, g in enumerate(group))}, count(*) AS anzahl "
            f"FROM lieferung GROUP BY ALL HAVING count(*) > 1"
        )
        on = " AND ".join(f"{g} = d.k{i}" for i, g in enumerate(group))
        selects.append(
            f"SELECT zeile, {prio + 1} AS prio, 'id_doppelt' AS regel, {literal('+'.join(quelle.schluessel))} AS spalte, "
            f"{shown} AS wert, 'kommt ' || d.anzahl || '-mal in der Datei vor; alle Zeilen dieser Kennung zurückgestellt' "
            f"AS beschreibung FROM lieferung JOIN ({doppelt}) AS d ON {on} "
            f"WHERE {' AND '.join(f'{bezeichner(s.name)} IS NOT NULL' for s in key_cols if s.pflicht)}"
        )
    verdaechtig = f"SELECT * FROM lieferung WHERE {' OR '.join(bedingungen) or 'false'}"
    return f"WITH verdaechtig AS MATERIALIZED ({verdaechtig})\n" + "\nUNION ALL\n".join(selects)


def datensatz_sql(quelle: Quelle, key: bytes) -> str:
    """JSON of a quarantined row, every value as ``_shown`` keeps it."""
    pairs = ", ".join(f"{literal(s.name)}, {_shown(s, key)}" for s in quelle.spalten)
    return f"json_object({pairs})"


def raw_select_sql(quelle: Quelle, key: bytes) -> str:
    """Typed, pseudonymised columns in the order of ``raw_spalten``."""
    parts = []
    for spalte in quelle.spalten:
        if spalte.art == "id":
            parts.append(f"{hmac_sql(key, bezeichner(spalte.name))} AS {spalte.raw_name}")
        elif spalte.art == "geb":
            parts.append(f"year({typed(spalte)})::SMALLINT AS geb_jahr")
            parts.append(f"month({typed(spalte)})::TINYINT AS geb_monat")
        elif spalte.art in ("int", "dez") or spalte.sqltyp != "VARCHAR":
            parts.append(f"CAST({typed(spalte)} AS {spalte.sqltyp}) AS {spalte.raw_name}")
        else:
            parts.append(f"{bezeichner(spalte.name)} AS {spalte.raw_name}")
    return ", ".join(parts)
