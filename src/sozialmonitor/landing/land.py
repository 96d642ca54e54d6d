"""Landing of one Stichtag: each delivery checked against the contract and loaded into ``raw``.

A file is loaded whole or not at all, in one transaction with its load-history row: a
corrected file replaces its source for the Stichtag, the same file again changes nothing,
a rejected file is copied as delivered to the quarantine folder and never half-loaded.

A delivery is untrusted: nothing from it reaches SQL text (the path is a bound parameter,
the delivered columns are read by position under generated names), a link or anything but
a regular file in the inbox is refused unread, and a loaded file must account for every
physical data line as a raw or a quarantined row (docs/bedrohungsmodell.md).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid
from datetime import date
from pathlib import Path

import duckdb

from sozialmonitor.keys import fingerabdruck, load_key
from sozialmonitor.landing.ablehnung import Ablehnung, Verweigerung
from sozialmonitor.landing.datei import (
    Dateiinfo,
    lesbare_kopie,
    pruefe_datei,
    spalten_der_kopfzeile,
)
from sozialmonitor.landing.excel import lies_sgb2
from sozialmonitor.landing.protokoll import (
    ABGELEHNT,
    FEHLT,
    GELADEN,
    Ladung,
    ensure_schema,
    letzte_ladung,
    protokolliere,
    schluesselreihe,
)
from sozialmonitor.landing.quellen import (
    QUELLEN,
    QUELLEN_DEF,
    SCHWELLE_QUARANTAENE,
    Quelle,
    raw_spalten,
)
from sozialmonitor.landing.zeilen import datensatz_sql, raw_select_sql, typed, verstoesse_sql
from sozialmonitor.settings import Settings
from sozialmonitor.sql import bezeichner
from sozialmonitor.stage_result import StageResult

#: Quarantined rows listed by name in the stage messages; the rest are in raw.quarantaene.
GEZEIGTE_ZEILEN = 5
#: The delivered columns arrive as s0, s1, … (bound as ``columns``): no header text in SQL.
LIES_CSV = (
    "CREATE OR REPLACE TEMP TABLE lieferung_roh AS SELECT * FROM read_csv(?, delim=';', "
    "quote='\"', escape='\"', header=true, auto_detect=false, columns=?, strict_mode=true, "
    "null_padding=false)"
)


def lieferdatei(settings: Settings, stichtag: date, quelle: str) -> Path | None:
    """The delivered file of ``quelle`` in ``<inbox>/<YYYY>/``; None if missing or no regular file."""
    pfad = _lieferpfad(settings, stichtag, quelle)
    return pfad if pfad.is_file() and not pfad.is_symlink() else None


def _lieferpfad(settings: Settings, stichtag: date, quelle: str) -> Path:
    return settings.inbox / str(stichtag.year) / QUELLEN_DEF[quelle].datei(stichtag)


def land(settings: Settings, stichtag: date) -> StageResult:
    """Land all nine sources of a Stichtag; publication is blocked unless all are loaded."""
    result = StageResult("land", stichtag)
    for quelle in QUELLEN:
        one = land_source(settings, stichtag, quelle)
        result.messages += one.messages
        result.details[quelle] = one.details.get("status")
        if not one.ok:
            result.ok = False
            result.blocks_publication = True
    return result


def land_source(settings: Settings, stichtag: date, quelle: str) -> StageResult:
    """Land one source of a Stichtag (one Dagster asset each)."""
    definition = QUELLEN_DEF[quelle]
    result = StageResult("land", stichtag)
    pfad = _lieferpfad(settings, stichtag, quelle)
    key = load_key(settings)
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute("SET enable_progress_bar = false")  # stage output is read by people and Dagster
        ensure_schema(con)
        abdruck = fingerabdruck(key)
        ablehnung, neue_reihe = schluesselreihe(con, abdruck, settings.neue_schluesselreihe)
        if ablehnung:
            result.fail(f"{definition.datei(stichtag)}: {ablehnung}")
            return result
        vorher = letzte_ladung(con, stichtag, quelle)
        try:
            info = _pruefe_lieferung(settings, stichtag, pfad)
        except Verweigerung as verweigerung:
            ladung = _verweigert(con, stichtag, definition, pfad, verweigerung, vorher)
        else:
            if info is None:
                ladung = _fehlt(con, settings, stichtag, definition, vorher)
                if ladung is vorher and ladung.status == GELADEN:
                    result.messages.append(
                        f"{definition.datei(stichtag)}: nicht mehr im Posteingang – die am "
                        f"{ladung.geladen_um:%d.%m.%Y} geladene Lieferung gilt weiter"
                    )
            # the same file loaded under another key is loaded again: its pseudonyms change
            elif (
                vorher is not None
                and vorher.sha256 == info.sha256
                and vorher.schluessel in (None, abdruck)
            ):
                ladung = vorher
                result.messages.append(
                    f"{pfad.name}: unverändert (sha256 {info.sha256[:12]}…), bereits {vorher.status}"
                )
            else:
                ladung = _lade(con, settings, stichtag, definition, info, key, neue_reihe)
                if neue_reihe:
                    result.messages.append(
                        f"{pfad.name}: neue Schlüsselreihe begonnen (Fingerabdruck {abdruck})"
                    )
    result.details.update(
        status=ladung.status,
        lade_id=ladung.lade_id,
        zeilen_geladen=ladung.zeilen_geladen,
        zeilen_quarantaene=ladung.zeilen_quarantaene,
        kodierung=ladung.kodierung,
    )
    if ladung.meldung:
        result.messages += ladung.meldung.splitlines()
    if ladung.status != GELADEN:
        result.ok = False
        result.blocks_publication = True
    return result


def _pruefe_lieferung(settings: Settings, stichtag: date, pfad: Path) -> Dateiinfo | None:
    """File facts of the delivery, None if nothing of that name is there; refuses what lies
    outside the inbox (a linked year folder), a link, a non-regular or unreadable file."""
    if not os.path.lexists(pfad):
        return None
    ordner = Path(os.path.realpath(pfad.parent))
    if ordner != Path(os.path.realpath(settings.inbox)) / str(stichtag.year):
        raise Verweigerung(
            pfad.name,
            "ordner_verknuepft",
            f"der Ordner {pfad.parent} zeigt nach {ordner}, außerhalb des Eingangsordners",
        )
    return pruefe_datei(pfad)


def _verweigert(
    con, stichtag: date, quelle: Quelle, pfad: Path, grund: Verweigerung, vorher: Ladung | None
) -> Ladung:
    """A refused delivery: its reason in the load history, nothing of it read or copied."""
    meldung = f"{grund}\n{pfad.name}: nicht gelesen und nicht kopiert"
    if vorher is not None and vorher.status == ABGELEHNT and vorher.meldung == meldung:
        return vorher  # the same refusal again adds nothing to the history
    ladung = Ladung(
        _lade_id(quelle, stichtag),
        stichtag,
        quelle.name,
        pfad.name,
        str(pfad),
        status=ABGELEHNT,
        meldung=meldung,
    )
    protokolliere(con, ladung)
    return ladung


def _fehlt(
    con, settings: Settings, stichtag: date, quelle: Quelle, vorher: Ladung | None
) -> Ladung:
    datei = quelle.datei(stichtag)
    if vorher is not None and vorher.status in (GELADEN, FEHLT):
        return vorher  # a loaded delivery stays valid when its file is later moved away
    ladung = Ladung(
        _lade_id(quelle, stichtag),
        stichtag,
        quelle.name,
        datei,
        status=FEHLT,
        meldung=f"{datei}: datei_fehlt – keine Lieferung in {settings.inbox / str(stichtag.year)}",
    )
    protokolliere(con, ladung)
    return ladung


def _lade_id(quelle: Quelle, stichtag: date) -> str:
    return f"{quelle.name}-{stichtag.year}-{uuid.uuid4().hex[:12]}"


def _lade(
    con,
    settings: Settings,
    stichtag: date,
    quelle: Quelle,
    info: Dateiinfo,
    key: bytes,
    neue_reihe: bool = False,
) -> Ladung:
    ladung = Ladung(
        _lade_id(quelle, stichtag),
        stichtag,
        quelle.name,
        info.pfad.name,
        str(info.pfad),
        info.sha256,
        info.groesse_bytes,
        kodierung=None if quelle.excel else info.kodierung,
        schluessel=fingerabdruck(key),
        neue_schluesselreihe=neue_reihe,
    )
    try:
        if quelle.excel:
            _lade_excel(con, stichtag, quelle, info, ladung)
        else:
            with tempfile.TemporaryDirectory(dir=settings.warehouse.parent) as tmp:
                _lade_csv(con, stichtag, quelle, info, ladung, key, Path(tmp))
    except Ablehnung as ablehnung:
        ladung.status, ladung.meldung = ABGELEHNT, str(ablehnung)
    if ladung.status == ABGELEHNT:
        ladung.meldung += "\n" + _ablegen(settings, stichtag, ladung, info.pfad)
        # The rows that broke the rules stay visible, together with the reason, in one transaction.
        con.execute("BEGIN TRANSACTION")
        if ladung.zeilen_quarantaene:
            con.execute("INSERT INTO raw.quarantaene SELECT * FROM zurueck")
        protokolliere(con, ladung)
        con.execute("COMMIT")
    return ladung


def _ablegen(settings: Settings, stichtag: date, ladung: Ladung, pfad: Path) -> str:
    """Keep a rejected file as delivered; a link put in its place meanwhile is not followed."""
    ziel = settings.rejected_dir / str(stichtag.year) / ladung.lade_id
    ziel.mkdir(parents=True, exist_ok=True)
    if pfad.is_symlink() or not pfad.is_file():
        return f"{pfad.name}: nicht abgelegt, die Datei ist inzwischen keine gewöhnliche Datei mehr"
    try:
        shutil.copy2(pfad, ziel / pfad.name, follow_symlinks=False)
    except OSError as error:
        return f"{pfad.name}: konnte nicht abgelegt werden ({error.strerror or error})"
    return f"{pfad.name}: Datei wie geliefert abgelegt in {ziel}"


def _lade_excel(con, stichtag: date, quelle: Quelle, info: Dateiinfo, ladung: Ladung) -> None:
    rows = lies_sgb2(info.pfad, stichtag)
    ladung.zeilen = ladung.zeilen_geladen = len(rows)
    ladung.zeilen_quarantaene = 0
    columns = ", ".join(name for name, _ in raw_spalten(quelle))
    con.execute("BEGIN TRANSACTION")
    con.execute(f"DELETE FROM raw.{quelle.name} WHERE stichtag = ?", [stichtag])
    con.executemany(
        f"INSERT INTO raw.{quelle.name} (stichtag, lade_id, zeile, {columns}) VALUES ({', '.join('?' * (len(rows[0]) + 2))})",
        [[stichtag, ladung.lade_id, *row] for row in rows],
    )
    protokolliere(con, ladung)
    con.execute("COMMIT")


def _pruefe_kopf(quelle: Quelle, info: Dateiinfo) -> list[str]:
    """Header and line ends against the contract; returns the delivered column names."""
    datei = info.pfad.name
    if info.kodierung is None:
        raise Ablehnung(datei, "kodierung_unbekannt", "weder UTF-8 noch Windows-1252")
    delivered = spalten_der_kopfzeile(info.kopfzeile)
    doppelt = sorted({c for c in quelle.pflichtspalten if delivered.count(c) > 1})
    if doppelt:
        raise Ablehnung(
            datei,
            "spalte_doppelt",
            f"Spalte(n) {', '.join(doppelt)} stehen mehrfach in der Kopfzeile",
            1,
        )
    missing = [c for c in quelle.pflichtspalten if c not in delivered]
    if missing:
        hint = (
            " (Trennzeichen ist ',' statt ';'?)"
            if len(delivered) == 1 and "," in info.kopfzeile
            else ""
        )
        raise Ablehnung(
            datei,
            "pflichtspalte_fehlt",
            f"Spalte(n) {', '.join(missing)} fehlen in der Kopfzeile{hint}",
            1,
        )
    if not info.endet_mit_zeilenende:
        raise Ablehnung(
            datei,
            "datei_abgeschnitten",
            "die letzte Zeile endet ohne Zeilenende (Übertragung abgebrochen?)",
            info.zeilen,
        )
    if info.cr_zeile is not None:
        raise Ablehnung(
            datei,
            "zeilenende_ungueltig",
            "Wagenrücklauf (CR) ohne Zeilenvorschub (LF) mitten in der Zeile",
            info.cr_zeile,
        )
    return delivered


def _lesbar(name: str) -> str:
    """A delivered column name as shown in a message: control characters escaped, cut short."""
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in name)
    return (text[:60] + "…" if len(text) > 60 else text) or "(leer)"


def _csv_fehler(datei: str, error: duckdb.Error) -> Ablehnung:
    """DuckDB's reader error as a rule message; the offending line's content is never repeated."""
    text = str(error)
    match = re.search(r"CSV Error on Line: (\d+)", text)
    zeile = int(match.group(1)) if match else None
    if groesse := re.search(r"Maximum line size of (\d+) bytes", text):
        grenze = f"{int(groesse.group(1)):,}".replace(",", " ")
        return Ablehnung(datei, "zeile_zu_lang", f"die Zeile ist länger als {grenze} Bytes", zeile)
    spalten = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
    if spalten:
        return Ablehnung(
            datei,
            "spaltenzahl_falsch",
            f"{spalten.group(2)} statt {spalten.group(1)} Felder wie in der Kopfzeile",
            zeile,
        )
    return Ablehnung(datei, "csv_fehlerhaft", text.splitlines()[0][:300], zeile)


def _lade_csv(
    con, stichtag: date, quelle: Quelle, info: Dateiinfo, ladung: Ladung, key: bytes, tmp: Path
) -> None:
    """Read, check row by row and load a CSV delivery, or reject it (``ladung.status``)."""
    datei = info.pfad.name
    delivered = _pruefe_kopf(quelle, info)
    warnungen = _unbekannte_spalten(quelle, delivered, datei)
    n = _lies_lieferung(con, quelle, info, delivered, tmp)
    _pruefe_jahr(con, stichtag, quelle, datei, n)
    n_zurueck = _stelle_zurueck(con, stichtag, quelle, ladung, datei, key)
    ladung.zeilen, ladung.zeilen_quarantaene = n, n_zurueck
    shown = _gezeigte_zeilen(con, datei, n_zurueck)
    if n_zurueck > SCHWELLE_QUARANTAENE * n:
        # _lade quarantines the rows (table ``zurueck``) with the rejection in one transaction.
        ladung.status = ABGELEHNT
        ladung.zeilen_geladen = 0
        ladung.meldung = "\n".join([_zu_viele_fehler(datei, n_zurueck, n), *shown, *warnungen])
        return
    _speichere(con, stichtag, quelle, info, ladung, key, len(delivered))
    summary = f"{datei}: geladen – {ladung.zeilen_geladen} von {n} Zeilen ({info.kodierung})"
    if n_zurueck:
        summary += f", {n_zurueck} Zeile(n) zurückgestellt in raw.quarantaene"
    ladung.meldung = "\n".join([summary, *shown, *warnungen]) if (shown or warnungen) else None
    protokolliere(con, ladung)
    con.execute("COMMIT")


def _unbekannte_spalten(quelle: Quelle, delivered: list[str], datei: str) -> list[str]:
    """The warning for delivered columns the contract does not know (they are ignored)."""
    extra = [_lesbar(c) for c in delivered if c not in quelle.pflichtspalten]
    if not extra:
        return []
    return [
        f"{datei} Zeile 1: spalte_unbekannt – Spalte(n) {', '.join(extra)} nicht im Vertrag, ignoriert"
    ]


def _lies_lieferung(con, quelle: Quelle, info: Dateiinfo, delivered: list[str], tmp: Path) -> int:
    """The delivery as text (``lieferung_roh``) and as view ``lieferung``: the contract's
    columns by their names and the line number in the file; returns the number of rows."""
    datei = info.pfad.name
    try:
        con.execute(
            LIES_CSV,
            [str(lesbare_kopie(info, tmp)), {f"s{i}": "VARCHAR" for i in range(len(delivered))}],
        )
    except duckdb.Error as error:
        raise _csv_fehler(datei, error) from error
    # Insertion order is file order: the line number is the row id + 2 (header = line 1),
    # plus the empty lines before the row, which the reader skipped.
    uebersprungen = "0"
    if info.leerzeilen:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE leer AS SELECT unnest(?::INTEGER[]) AS ab_rowid",
            [[zeile - 2 - i for i, zeile in enumerate(info.leerzeilen)]],
        )
        uebersprungen = "(SELECT count(*) FROM leer WHERE ab_rowid <= r.rowid)"
    # Contract names for the contract's columns, by position; extra columns are left out.
    spalten = ", ".join(
        f"r.s{delivered.index(c)} AS {bezeichner(c)}" for c in quelle.pflichtspalten
    )
    # A view: copying millions of rows only to number them would cost as much as reading them.
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW lieferung AS "
        f"SELECT (r.rowid + 2 + {uebersprungen})::INTEGER AS zeile, {spalten} FROM lieferung_roh AS r"
    )
    n = con.execute("SELECT count(*) FROM lieferung").fetchone()[0]
    if n == 0:
        raise Ablehnung(datei, "datei_leer", "keine Datenzeilen nach der Kopfzeile")
    return n


def _stelle_zurueck(
    con, stichtag: date, quelle: Quelle, ladung: Ladung, datei: str, key: bytes
) -> int:
    """Every row that breaks a row rule into table ``zurueck`` (as raw.quarantaene keeps it);
    returns their number."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE verstoss AS {verstoesse_sql(quelle, stichtag, key)}")
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE zurueck AS
        SELECT ? AS lade_id, ?::DATE AS stichtag, ? AS quelle, ? AS datei, v.zeile, v.regel, v.spalte, v.wert,
               v.meldung, d.datensatz
        FROM (SELECT zeile, arg_min(regel, prio) AS regel, arg_min(spalte, prio) AS spalte, arg_min(wert, prio) AS wert,
                     ? || ' Zeile ' || zeile || ': ' || string_agg(regel || ' – ' || spalte || ' ''' || coalesce(wert, '')
                         || ''' ' || beschreibung, '; ' ORDER BY prio) AS meldung
              FROM verstoss GROUP BY zeile) AS v
        JOIN (SELECT zeile, {datensatz_sql(quelle, key)} AS datensatz FROM lieferung) AS d USING (zeile)""",
        [ladung.lade_id, stichtag, quelle.name, datei, datei],
    )
    return con.execute("SELECT count(*) FROM zurueck").fetchone()[0]


def _gezeigte_zeilen(con, datei: str, n_zurueck: int) -> list[str]:
    """The messages of the first quarantined rows, and how many more there are."""
    shown = [
        m
        for (m,) in con.execute(
            f"SELECT meldung FROM zurueck ORDER BY zeile LIMIT {GEZEIGTE_ZEILEN}"
        ).fetchall()
    ]
    if n_zurueck > GEZEIGTE_ZEILEN:
        shown.append(
            f"{datei}: … und {n_zurueck - GEZEIGTE_ZEILEN} weitere zurückgestellte Zeilen (Tabelle raw.quarantaene)"
        )
    return shown


def _zu_viele_fehler(datei: str, n_zurueck: int, n: int) -> str:
    return (
        f"{datei}: zu_viele_fehler – {n_zurueck} von {n} Zeilen ({_prozent(n_zurueck / n)}) verletzen Regeln, "
        f"mehr als {_prozent(SCHWELLE_QUARANTAENE)}: Datei abgelehnt"
    )


def _speichere(
    con, stichtag: date, quelle: Quelle, info: Dateiinfo, ladung: Ladung, key: bytes, n_spalten: int
) -> None:
    """Quarantined rows and the typed, pseudonymised rest replace the Stichtag's rows of
    the source; the transaction stays open for the load-history row."""
    con.execute("BEGIN TRANSACTION")
    con.execute("INSERT INTO raw.quarantaene SELECT * FROM zurueck")
    target = ", ".join(name for name, _ in raw_spalten(quelle))
    con.execute(f"DELETE FROM raw.{quelle.name} WHERE stichtag = ?", [stichtag])
    con.execute(
        f"INSERT INTO raw.{quelle.name} (stichtag, lade_id, zeile, {target}) "
        f"SELECT ?::DATE, ?, zeile, {raw_select_sql(quelle, key)} FROM lieferung ANTI JOIN zurueck USING (zeile)",
        [stichtag, ladung.lade_id],
    )
    ladung.zeilen_geladen = ladung.zeilen - ladung.zeilen_quarantaene
    _pruefe_vollstaendig(con, quelle, info, ladung, n_spalten)


def _pruefe_vollstaendig(
    con, quelle: Quelle, info: Dateiinfo, ladung: Ladung, n_spalten: int
) -> None:
    """Nothing lost: raw rows + quarantined rows of this load = the file's physical data lines
    (less the line breaks inside quoted fields). Else the load is undone and the file rejected."""
    datei = info.pfad.name
    gespeichert = con.execute(
        f"SELECT (SELECT count(*) FROM raw.{quelle.name} WHERE lade_id = $id) "
        "+ (SELECT count(*) FROM raw.quarantaene WHERE lade_id = $id)",
        {"id": ladung.lade_id},
    ).fetchone()[0]
    datenzeilen = info.zeilen - 1 - len(info.leerzeilen)
    if gespeichert == datenzeilen:
        return
    umbrueche = " + ".join(
        f"coalesce(sum(length(s{i}) - length(replace(s{i}, chr(10), ''))), 0)"
        for i in range(n_spalten)
    )
    im_feld = con.execute(f"SELECT {umbrueche} FROM lieferung_roh").fetchone()[0]
    if gespeichert + im_feld == datenzeilen:
        return
    con.execute("ROLLBACK")
    ladung.zeilen_geladen = 0
    raise Ablehnung(
        datei,
        "zeilenzahl_abweichend",
        f"{datenzeilen} Datenzeilen in der Datei, aber {gespeichert} geladen oder zurückgestellt: "
        "Datei abgelehnt, damit keine Zeile verloren geht",
    )


def _prozent(anteil: float) -> str:
    return f"{anteil * 100:.1f} %".replace(".", ",")


def _pruefe_jahr(con, stichtag: date, quelle: Quelle, datei: str, n: int) -> None:
    """Data for another year: no date of the year-giving column falls into the Stichtag's year."""
    spalte = next((s for s in quelle.spalten if s.jahr), None)
    if spalte is None:
        return
    im_jahr, spaeter, juengstes = con.execute(
        f"SELECT count(*) FILTER (year({typed(spalte)}) = {stichtag.year}), "
        f"count(*) FILTER ({typed(spalte)} > DATE '{stichtag.isoformat()}'), max({typed(spalte)}) FROM lieferung "
        f"WHERE {bezeichner(spalte.name)} IS NOT NULL"
    ).fetchone()
    if im_jahr == 0 or spaeter > n / 2:
        raise Ablehnung(
            datei,
            "jahr_falsch",
            f"kein {spalte.name} im Jahr {stichtag.year} (jüngstes: {juengstes:%d.%m.%Y}): Daten eines anderen Jahres"
            if juengstes
            else f"keine gültigen {spalte.name}-Angaben",
        )
