"""„Das Wichtigste in Kürze“: key messages in German, generated from the published tables.

Every number sits in a ``<span class="zahl">`` whose ``data-*`` attributes name its published
cell (table, Stichtag, district, indicator or column), so a reader – and the test – can
trace it back. Names of indicators are set apart as ``<i class="kennzahl">``.
"""

from __future__ import annotations

from datetime import date
from html import escape

import pandas as pd

from sozialmonitor.gemeinde import GESAMT, NICHT_ZUORDENBAR
from sozialmonitor.report.daten import Bericht
from sozialmonitor.report.format import ja, leer, num, vorzeichen, wert, zahl

#: How many changes of index indicators the summary names (city and districts each).
ANZAHL_VERAENDERUNGEN = 3


def _zahl(text: str, tabelle: str, stichtag: date, nr: str, **zelle: str) -> str:
    attrs = "".join(f' data-{k}="{escape(v)}"' for k, v in zelle.items())
    return (
        f'<span class="zahl" data-tabelle="{tabelle}" data-stichtag="{stichtag.isoformat()}" '
        f'data-stadtteil="{escape(nr)}"{attrs}>{escape(text)}</span>'
    )


def _index(b: Bericht, row, spalte: str, text: str) -> str:
    return _zahl(text, "fct_sozialindex", b.stichtag, row.stadtteil_nr, spalte=spalte)


def _kennzahl(name: str) -> str:
    return f'<i class="kennzahl">{escape(name)}</i>'


def _werte(b: Bericht, stichtag: date) -> pd.DataFrame:
    """Published, not suppressed values without breakdown of one Stichtag, by (district, indicator)."""
    g = b.gesamt(stichtag)
    g = g[~g.gesperrt.fillna(False).astype(bool) & g.wert.notna()]
    return g.set_index(["stadtteil_nr", "indikator_id"])


def saetze(b: Bericht) -> list[str]:
    namen = dict(zip(b.stadtteile.stadtteil_nr, b.stadtteile.name, strict=True))
    bezirke = [nr for nr in namen if nr not in (GESAMT, NICHT_ZUORDENBAR)]
    idx = b.index[b.index.stichtag == b.stichtag].set_index("stadtteil_nr", drop=False)
    out = [_klassen(b, idx, namen)]
    ohne = [nr for nr in bezirke if nr not in idx.index or leer(idx.loc[nr, "indexwert"])]
    if ohne:
        out.append(
            "Ohne Indexwert, weil zu wenige Indexkennzahlen veröffentlicht sind (siehe Methodik): "
            + ", ".join(escape(namen[nr]) for nr in ohne)
            + "."
        )
    if b.vorjahr is not None:
        out.append(_anstieg(b, idx, namen))
        out += _veraenderungen(b, namen, bezirke)
    return out


def _klassen(b: Bericht, idx: pd.DataFrame, namen: dict[str, str]) -> str:
    hoch = idx[idx.klasse.isin(["sehr hoch", "hoch"])].sort_values("indexwert", ascending=False)
    if hoch.empty:
        return "Kein Stadtteil liegt im Sozialindex in der Klasse „hoch“ oder „sehr hoch“."
    return (
        "Hohen oder sehr hohen Handlungsbedarf nach dem Sozialindex haben: "
        + ", ".join(
            f"{escape(namen[r.stadtteil_nr])} ({escape(r.klasse)}, Index "
            f"{_index(b, r, 'indexwert', zahl(r.indexwert, 2))})"
            for r in hoch.itertuples()
        )
        + "."
    )


def _anstieg(b: Bericht, idx: pd.DataFrame, namen: dict[str, str]) -> str:
    mit = idx[idx.veraenderung_vorjahr.notna()]
    if mit.empty:
        return (
            "Eine Veränderung des Sozialindex zum Vorjahr ist für keinen Stadtteil veröffentlicht."
        )
    r = mit.loc[mit.veraenderung_vorjahr.idxmax()]
    if r.veraenderung_vorjahr <= 0:
        return "Der Sozialindex ist zum Vorjahr in keinem Stadtteil gestiegen."
    flag = "; Handlungsbedarf: ja" if ja(r.handlungsbedarf) else ""
    return (
        f"Den stärksten Anstieg des Sozialindex zum Vorjahr hat {escape(namen[r.stadtteil_nr])}: "
        f"{_index(b, r, 'veraenderung_vorjahr', vorzeichen(r.veraenderung_vorjahr))} auf "
        f"{_index(b, r, 'indexwert', zahl(r.indexwert, 2))}{flag}."
    )


def _veraenderungen(b: Bericht, namen: dict[str, str], bezirke: list[str]) -> list[str]:
    """City population, then the largest changes of the index indicators in the city and the districts."""
    jetzt, vorher = _werte(b, b.stichtag), _werte(b, b.vorjahr)
    katalog = b.indikatoren.set_index("indikator_id")

    def von_bis(nr: str, ind: str) -> str:
        einheit = katalog.loc[ind, "einheit"]
        return (
            f"{_zahl(wert(num(jetzt.loc[(nr, ind), 'wert']), einheit), 'fct_indikatoren', b.stichtag, nr, indikator=ind)}"
            f" (Vorjahr {_zahl(wert(num(vorher.loc[(nr, ind), 'wert']), einheit), 'fct_indikatoren', b.vorjahr, nr, indikator=ind)})"
        )

    def aenderung(nr: str, ind: str) -> float | None:
        if (nr, ind) not in jetzt.index or (nr, ind) not in vorher.index:
            return None
        bezug = (
            abs(num(vorher.loc[(GESAMT, ind), "wert"]) or 0) if (GESAMT, ind) in vorher.index else 0
        )
        delta = num(jetzt.loc[(nr, ind), "wert"]) - num(vorher.loc[(nr, ind), "wert"])
        return abs(delta) / bezug if bezug else None

    out = []
    if (GESAMT, "bev_einwohner") in jetzt.index and (GESAMT, "bev_einwohner") in vorher.index:
        out.append(f"Einwohnerinnen und Einwohner der Stadt: {von_bis(GESAMT, 'bev_einwohner')}.")
    index_kennzahlen = [i for i in katalog.index if katalog.loc[i, "im_index"] == "ja"]
    stadt = sorted(
        ((a, ind) for ind in index_kennzahlen if (a := aenderung(GESAMT, ind))),
        reverse=True,
    )[:ANZAHL_VERAENDERUNGEN]
    if stadt:
        out.append(
            "Stärkste Veränderungen der Indexkennzahlen in der Stadt: "
            + "; ".join(
                f"{_kennzahl(katalog.loc[ind, 'name'])} {von_bis(GESAMT, ind)}" for _, ind in stadt
            )
            + "."
        )
    teile = sorted(
        ((a, nr, ind) for nr in bezirke for ind in index_kennzahlen if (a := aenderung(nr, ind))),
        reverse=True,
    )[:ANZAHL_VERAENDERUNGEN]
    if teile:
        out.append(
            "Stärkste Veränderungen in Stadtteilen (gemessen am Stadtwert): "
            + "; ".join(
                f"{escape(namen[nr])}, {_kennzahl(katalog.loc[ind, 'name'])} {von_bis(nr, ind)}"
                for _, nr, ind in teile
            )
            + "."
        )
    return out
