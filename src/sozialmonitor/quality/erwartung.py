"""One expectation of a suite and the names shared by the suite files and the frames."""

from __future__ import annotations

from dataclasses import dataclass

BLOCKIEREND = "blockierend"
WARNUNG = "warnung"
SCHWEREN = (BLOCKIEREND, WARNUNG)

#: Frame of the contract's value ranges: derived from landing/quellen.py, never written in a file.
EXTREMWERTE = "extremwerte"
#: Frame of stricter plausibility bands (min/max like ``extremwerte``): they may only warn.
PLAUSIBILITAET = "plausibilitaet"

#: Where an expectation comes from: the delivery contract or a suite file (GX ``meta.art``
#: tells the contract, a plausibility rule that warns and another rule of a suite file apart).
LIEFERVERTRAG = "liefervertrag"
SUITE = "suite"


@dataclass(frozen=True)
class Erwartung:
    """One GX expectation on one frame, with its severity."""

    rahmen: str  # frame name (built-in or an SQL frame of the suite)
    typ: str  # GX expectation type, e.g. expect_column_values_to_be_in_set
    kwargs: dict
    schwere: str  # blockierend | warnung
    beschreibung: str = ""
    herkunft: str = SUITE

    @property
    def spalte(self) -> str | None:
        """The column(s) the expectation looks at, as stored in qualitaet.pruefergebnisse."""
        if "column" in self.kwargs:
            return self.kwargs["column"]
        pair = [self.kwargs[k] for k in ("column_A", "column_B") if k in self.kwargs]
        if pair:
            return ",".join(pair)
        if "column_list" in self.kwargs:
            return ",".join(self.kwargs["column_list"])
        return None

    @property
    def art(self) -> str:
        """``liefervertrag``, ``plausibilitaet`` (every warning is one) or ``suite``."""
        if self.herkunft == LIEFERVERTRAG:
            return LIEFERVERTRAG
        return PLAUSIBILITAET if self.schwere == WARNUNG else SUITE


@dataclass(frozen=True)
class SqlRahmen:
    """A frame the suite defines itself: a read-only DuckDB query returning a small table.

    The query may use the parameters ``$stichtag`` (DATE) and ``$vorjahr`` (DATE, the
    previous Stichtag). ``schluessel`` columns identify a row in failure messages.
    """

    sql: str
    schluessel: tuple[str, ...] = ()
