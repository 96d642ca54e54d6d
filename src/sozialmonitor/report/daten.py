"""What the report shows, read from the published (disclosure-controlled) database only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from sozialmonitor.gemeinde import GESAMT, NICHT_ZUORDENBAR


@dataclass
class Ausblick:
    """The projection with this Stichtag as its base, and what follows from it."""

    vorausberechnung: pd.DataFrame  # fct_vorausberechnung: zieljahr x district x altersgruppe x sex
    fehler: pd.DataFrame  # fct_vorausberechnung_fehler: the back-test up to the base
    annahmen: pd.DataFrame  # fct_vorausberechnung_annahmen: settings (00) and district rates
    bedarfe: pd.DataFrame  # fct_bedarfe: day care, school entries, youth welfare

    @property
    def zieljahre(self) -> list[int]:
        return sorted(int(j) for j in self.vorausberechnung.zieljahr.unique())


@dataclass
class Bericht:
    stichtag: date
    stichtage: list[date]  # every published Stichtag up to this one
    alle_stichtage: list[date]  # every published Stichtag, also later ones
    stadtteile: pd.DataFrame  # stadtteil_nr, name
    indikatoren: pd.DataFrame  # the catalogue
    werte: pd.DataFrame  # fct_indikatoren up to the Stichtag
    index: pd.DataFrame  # fct_sozialindex up to the Stichtag
    veroeffentlicht_um: datetime  # from the release's ``stand`` table
    freigaben: pd.DataFrame  # how each published Stichtag passed (table ``freigaben``)
    bewegungen: pd.DataFrame  # fct_bewegungen up to the Stichtag (movements since the year before)
    fruehwarnung: pd.DataFrame  # fct_fruehwarnung of the Stichtag
    ausblick: Ausblick | None  # the projection from this Stichtag, if the release holds one

    @property
    def z_spalten(self) -> list[str]:
        return [c for c in self.index.columns if c.startswith("z_")]

    def name(self, nr: str) -> str:
        return self.stadtteile.set_index("stadtteil_nr").loc[nr, "name"]

    @property
    def vorjahr(self) -> date | None:
        """The published Stichtag before this one, if any."""
        return self.stichtage[-2] if len(self.stichtage) > 1 else None

    def gesamt(self, stichtag: date | None = None) -> pd.DataFrame:
        """Values without breakdown (merkmal 'gesamt') for one Stichtag."""
        w = self.werte
        return w[(w.merkmal == "gesamt") & (w.stichtag == (stichtag or self.stichtag))]


def bezirke(b: Bericht) -> pd.DataFrame:
    """The districts proper: without the city (00) and the unassignable addresses (99)."""
    s = b.stadtteile
    return s[~s.stadtteil_nr.isin([GESAMT, NICHT_ZUORDENBAR])]


def lade(published_db: Path, stichtag: date) -> Bericht:
    with duckdb.connect(str(published_db), read_only=True) as con:

        def frame(sql: str) -> pd.DataFrame:
            df = con.execute(sql, {"stichtag": stichtag} if "$stichtag" in sql else None).df()
            if "stichtag" in df:
                df["stichtag"] = pd.to_datetime(df["stichtag"]).dt.date
            return df

        alle = [
            d
            for (d,) in con.execute(
                "SELECT DISTINCT stichtag FROM fct_sozialindex ORDER BY 1"
            ).fetchall()
        ]
        stichtage = [d for d in alle if d <= stichtag]
        if stichtag not in stichtage:
            raise LookupError(f"Stichtag {stichtag} ist in {published_db} nicht veröffentlicht")
        return Bericht(
            stichtag=stichtag,
            stichtage=stichtage,
            alle_stichtage=alle,
            stadtteile=frame("SELECT stadtteil_nr, name FROM dim_stadtteil ORDER BY stadtteil_nr"),
            indikatoren=frame("SELECT * FROM dim_indikator ORDER BY thema, indikator_id"),
            werte=frame("SELECT * FROM fct_indikatoren WHERE stichtag <= $stichtag"),
            index=frame("SELECT * FROM fct_sozialindex WHERE stichtag <= $stichtag"),
            veroeffentlicht_um=con.execute("SELECT veroeffentlicht_um FROM stand").fetchone()[0],
            freigaben=frame(
                "SELECT * FROM freigaben WHERE stichtag <= $stichtag ORDER BY stichtag"
            ),
            bewegungen=frame(
                "SELECT * FROM fct_bewegungen WHERE stichtag <= $stichtag ORDER BY stichtag"
            ),
            fruehwarnung=frame(
                "SELECT * FROM fct_fruehwarnung WHERE stichtag = $stichtag "
                "ORDER BY stadtteil_nr, warnung, indikator_id"
            ),
            ausblick=_ausblick(frame),
        )


def _ausblick(frame: Callable[[str], pd.DataFrame]) -> Ausblick | None:
    """The outlook tables of the Stichtag as base; None when the release holds no projection for it."""
    vorausberechnung = frame(
        "SELECT * FROM fct_vorausberechnung WHERE stichtag = $stichtag "
        "ORDER BY zieljahr, stadtteil_nr, altersgruppe, geschlecht"
    )
    if vorausberechnung.empty:
        return None
    return Ausblick(
        vorausberechnung=vorausberechnung,
        fehler=frame("SELECT * FROM fct_vorausberechnung_fehler WHERE stichtag = $stichtag"),
        annahmen=frame(
            "SELECT * FROM fct_vorausberechnung_annahmen WHERE stichtag = $stichtag "
            "ORDER BY stadtteil_nr, parameter"
        ),
        bedarfe=frame(
            "SELECT * FROM fct_bedarfe WHERE stichtag = $stichtag ORDER BY zieljahr, stadtteil_nr"
        ),
    )
