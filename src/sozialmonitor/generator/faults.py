"""The delivery faults of the contract, injected into the newest generated year.

Each fault changes exactly one file of the year (see docs/architecture.md,
"Generator faults"); every other file stays valid and byte-identical to a run
without the fault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from sozialmonitor.generator.adressen import UNKNOWN_HNR_OFFSET
from sozialmonitor.generator.csvfile import Table, n_rows, replace_values
from sozialmonitor.generator.lieferung import Lieferung
from sozialmonitor.landing.quellen import SCHULFORMEN

FAULTS: dict[str, str] = {
    "missing-file": "wohngeld: Datei nicht geschrieben (Quelle fehlt, Veröffentlichung blockiert)",
    "encoding": "ewo_einwohner: UTF-8 mit BOM statt cp1252 (angenommen, Kodierung protokolliert)",
    "comma-separator": "hze_faelle: ',' statt ';' (abgelehnt: Pflichtspalten fehlen)",
    "missing-column": "seu: Spalte MASERN_IMPFUNG fehlt (abgelehnt: Pflichtspalte fehlt)",
    "extra-column": "kita_kinder: zusätzliche Spalte BEMERKUNG (geladen, Warnung: Spalte ignoriert)",
    "invalid-values": "seu: ~0,5 % der Zeilen mit 31.02.JJJJ, Gewicht -3, Geschlecht q, Geburt nach dem Stichtag (Zeilen in Quarantäne, Datei geladen; braucht >= 100 seu-Zeilen)",
    "invalid-values-over-threshold": "seu: ~3 % der Zeilen mit ungültigen Werten (Zeilen in Quarantäne, Datei abgelehnt)",
    "duplicate-ids": "kita_kinder: ~0,3 % der Ids doppelt (Zeilen in Quarantäne, Datei geladen; braucht >= 200 kita-Zeilen)",
    "duplicate-ids-over-threshold": "kita_kinder: ~2 % der Ids doppelt (Zeilen in Quarantäne, Datei abgelehnt)",
    "truncated": "ewo_einwohner: letzte Zeile mitten abgeschnitten (abgelehnt)",
    "unknown-addresses": "wohngeld: ~2 % der Zeilen an Adressen, die das Kataster nicht kennt (Stadtteil 99, blockierende Prüfung schlägt fehl)",
    "wrong-year": "hze_faelle: die Fälle des Vorjahrs unter dem Namen dieses Jahres (abgelehnt: Daten eines anderen Jahres)",
    "corrected-file": "schuluebergaenge: eine zweite, leicht geänderte gültige Fassung der Datei",
    "excel-layout": "sgb2_stadtteile: anderer Blattname, zusätzliche Titelzeile, mehr Fußnoten, Stadtteilnamen als Aliasse (angenommen)",
    "excel-unknown-district": "sgb2_stadtteile: eine Stadtteilzeile namens '<Gemeinde>-Nord' (abgelehnt: unbekannter Stadtteilname)",
}

QUARANTINE_THRESHOLD = 0.01  # the contract's share of bad rows above which a file is rejected


@dataclass
class Context:
    year: int
    gemeinde_name: str
    previous_hze: Table  # the year before's cases, for wrong-year
    rng: np.random.Generator


def check_fault(fault: str | None) -> None:
    if fault is not None and fault not in FAULTS:
        raise ValueError(f"unbekannter Fehler {fault!r}; möglich: {', '.join(FAULTS)}")


def _rows(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    return np.sort(rng.choice(n, size=k, replace=False))


def _count(share: float, n: int, within_threshold: bool) -> int:
    """Rows to spoil: about ``share`` of ``n``, at least one; over-threshold faults round up."""
    return max(1, round(share * n) if within_threshold else int(np.ceil(share * n)))


def _below_threshold(source: str, fault: str, n: int, bad_rows: int) -> None:
    if bad_rows > QUARANTINE_THRESHOLD * n:
        raise ValueError(
            f"Fehler {fault}: {source} hat nur {n} Zeilen, schon {bad_rows} fehlerhafte Zeile(n) "
            f"überschreiten die Schwelle von {QUARANTINE_THRESHOLD:.0%}; größeres --scale wählen"
        )


def _invalid_values(
    share: float, within_threshold: bool
) -> Callable[[dict[str, Lieferung], Context], None]:
    def inject(files: dict[str, Lieferung], ctx: Context) -> None:
        table = files["seu"].table
        n = n_rows(table)
        k = _count(share, n, within_threshold)
        if within_threshold:
            _below_threshold("seu", "invalid-values", n, k)
        rows = _rows(ctx.rng, n, k)
        kinds = [
            ("UNTERS_DATUM", f"31.02.{ctx.year}"),
            ("GEWICHT_KG", "-3"),
            ("GESCHLECHT", "q"),
            ("GEB_DATUM", f"15.03.{ctx.year + 1}"),
        ]
        for i, (column, value) in enumerate(kinds):
            chosen = rows[i :: len(kinds)]
            table[column] = replace_values(table[column], chosen, [value] * len(chosen))

    return inject


def _duplicate_ids(
    share: float, within_threshold: bool
) -> Callable[[dict[str, Lieferung], Context], None]:
    def inject(files: dict[str, Lieferung], ctx: Context) -> None:
        table = files["kita_kinder"].table
        n = n_rows(table)
        k = _count(share, n, within_threshold)
        if within_threshold:
            _below_threshold("kita_kinder", "duplicate-ids", n, 2 * k)
        rows = _rows(ctx.rng, n, 2 * k)
        originals, copies = rows[:k], rows[k:]
        ids = table["KIND_ID"].to_numpy(zero_copy_only=False)
        table["KIND_ID"] = replace_values(table["KIND_ID"], copies, list(ids[originals]))

    return inject


def _omit_wohngeld(files, ctx):
    files["wohngeld"].omitted = True


def _bom_ewo(files, ctx):
    files["ewo_einwohner"].encoding = "utf-8-sig"


def _comma_hze(files, ctx):
    files["hze_faelle"].sep = ","


def _drop_masern(files, ctx):
    del files["seu"].table["MASERN_IMPFUNG"]


def _bemerkung(files, ctx):
    table = files["kita_kinder"].table
    n = n_rows(table)
    notes = np.array(
        [None, None, None, None, None, None, "Geschwisterkind", "Integrationsplatz"], dtype=object
    )
    table["BEMERKUNG"] = pa.array(notes[ctx.rng.integers(0, len(notes), n)], pa.string())


def _truncate_ewo(files, ctx):
    files["ewo_einwohner"].truncated = True


def _unknown_addresses(files, ctx):
    table = files["wohngeld"].table
    hnr = table["HNR"].to_numpy(zero_copy_only=False).astype(np.int64)
    known = np.flatnonzero(hnr < UNKNOWN_HNR_OFFSET)
    k = max(1, int(np.ceil(0.02 * n_rows(table))))
    rows = np.sort(ctx.rng.choice(known, size=min(k, len(known)), replace=False))
    table["HNR"] = replace_values(
        table["HNR"], rows, [str(h + UNKNOWN_HNR_OFFSET) for h in hnr[rows]]
    )


def _wrong_year(files, ctx):
    files["hze_faelle"].table = ctx.previous_hze


def _correct_schuluebergaenge(files, ctx):
    table = files["schuluebergaenge"].table
    n = n_rows(table)
    rows = _rows(ctx.rng, n, max(1, round(0.01 * n)))
    current = table["SCHULFORM"].to_numpy(zero_copy_only=False)[rows]
    corrected = [SCHULFORMEN[(SCHULFORMEN.index(v) + 1) % len(SCHULFORMEN)] for v in current]
    table["SCHULFORM"] = replace_values(table["SCHULFORM"], rows, corrected)


def _excel_layout(files, ctx):
    layout = files["sgb2_stadtteile"].layout
    layout.sheet = f"SGB2_Dez{ctx.year}"
    layout.extra_title = "Gebietsstand: Stadtteile nach kommunaler Gliederung"
    layout.all_aliases = True
    layout.extra_footnotes = (
        "Hinweis: Daten mit einer Wartezeit von 3 Monaten.",
        "Abweichungen in den Summen durch Geheimhaltung möglich.",
        "© Statistik der Bundesagentur für Arbeit",
    )


def _excel_unknown_district(files, ctx):
    files["sgb2_stadtteile"].layout.renamed = {0: f"{ctx.gemeinde_name}-Nord"}


INJECT: dict[str, Callable[[dict[str, Lieferung], Context], None]] = {
    "missing-file": _omit_wohngeld,
    "encoding": _bom_ewo,
    "comma-separator": _comma_hze,
    "missing-column": _drop_masern,
    "extra-column": _bemerkung,
    "invalid-values": _invalid_values(0.005, within_threshold=True),
    "invalid-values-over-threshold": _invalid_values(0.03, within_threshold=False),
    "duplicate-ids": _duplicate_ids(0.003, within_threshold=True),
    "duplicate-ids-over-threshold": _duplicate_ids(0.02, within_threshold=False),
    "truncated": _truncate_ewo,
    "unknown-addresses": _unknown_addresses,
    "wrong-year": _wrong_year,
    "corrected-file": _correct_schuluebergaenge,
    "excel-layout": _excel_layout,
    "excel-unknown-district": _excel_unknown_district,
}
assert INJECT.keys() == FAULTS.keys()
