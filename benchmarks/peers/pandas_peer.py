"""What an analyst would write: pandas reading the delivered CSV files of one year.

Same fourteen indicators and rules as duckdb_floor.sql; returns indikator_id, stadtteil_nr,
zaehler, nenner.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def _read(path: Path, encoding: str = "utf-8") -> pd.DataFrame:
    return pd.read_csv(
        path, sep=";", dtype=str, encoding=encoding, keep_default_na=False, na_values=[""]
    )


def _stadtteil(df: pd.DataFrame, adr: pd.DataFrame) -> pd.Series:
    """Exact address match, else the address without suffix, else district 99."""
    keys = df[["STR_SCHL", "HNR"]].assign(HNR=df.HNR.astype(int), z=df.HNR_ZUS.fillna(""))
    exact = keys.merge(
        adr, how="left", left_on=["STR_SCHL", "HNR", "z"], right_on=["STR_SCHL", "h", "z"]
    )["st"]
    plain = keys.merge(
        adr[adr.z == ""], how="left", left_on=["STR_SCHL", "HNR"], right_on=["STR_SCHL", "h"]
    )["st"]
    return exact.fillna(plain).fillna("99").set_axis(df.index)


def _adressen(kat: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "STR_SCHL": kat.STR_SCHL,
            "h": kat.HNR.astype(int),
            "z": kat.HNR_ZUS.fillna(""),
            "st": kat.STADTTEIL_NR,
        }
    )


def _mit_alter(ew: pd.DataFrame, adr: pd.DataFrame, jahr: int) -> pd.DataFrame:
    ew["st"] = _stadtteil(ew, adr)
    ew["alter"] = jahr - ew.GEB_DATUM.str[-4:].astype(int)
    return ew


def einwohner(folder: Path, jahr: int) -> pd.DataFrame:
    """The register with district (``st``) and age on the Stichtag (``alter``)."""
    adr = _adressen(_read(folder / f"kataster_adressen_{jahr}1231.csv"))
    return _mit_alter(_read(folder / f"ewo_einwohner_{jahr}1231.csv", "latin-1"), adr, jahr)


def compute(folder: Path, jahr: int) -> pd.DataFrame:
    return indikatoren(
        _read(folder / f"kataster_adressen_{jahr}1231.csv"),
        _read(folder / f"ewo_einwohner_{jahr}1231.csv", "latin-1"),
        _read(folder / f"hze_faelle_{jahr}.csv", "latin-1"),
        _read(folder / f"seu_{jahr}.csv"),
        _read(folder / f"schuluebergaenge_{jahr}.csv", "latin-1"),
        jahr,
    )


def indikatoren(
    kat: pd.DataFrame,
    ew: pd.DataFrame,
    hze: pd.DataFrame,
    seu: pd.DataFrame,
    schule: pd.DataFrame,
    jahr: int,
) -> pd.DataFrame:
    """The fourteen indicators from the deliveries as text frames (delivered column names; the
    year of birth in the last four characters of GEB_DATUM, HH_ID any household key)."""
    adr = _adressen(kat)
    ew = _mit_alter(ew, adr, jahr)
    stichtag = pd.Timestamp(f"{jahr}-12-31")
    ende = pd.to_datetime(hze.ENDE, format="%d.%m.%Y")
    hze = hze[
        (pd.to_datetime(hze.BEGINN, format="%d.%m.%Y") <= stichtag)
        & (ende.isna() | (ende >= stichtag))
    ].copy()
    hze["st"] = _stadtteil(hze, adr)
    seu["st"] = _stadtteil(seu, adr)
    schule["st"] = _stadtteil(schule, adr)

    def share(
        name: str, df: pd.DataFrame, zaehler: pd.Series, nenner: pd.Series | None
    ) -> pd.DataFrame:
        out = pd.DataFrame(
            {
                "st": df.st,
                "z": zaehler.astype(float),
                "n": (nenner if nenner is not None else zaehler * 0).astype(float),
            }
        )
        g = out.groupby("st")[["z", "n"]].sum().reset_index()
        return g.assign(indikator_id=name, n=g.n if nenner is not None else float("nan"))

    # Households: members per (household, district); the district with most members, ties the lower code.
    je = (
        ew.assign(kind=ew.alter < 18)
        .groupby(["HH_ID", "st"])
        .agg(personen=("kind", "size"), kinder=("kind", "sum"))
        .reset_index()
        .sort_values(["HH_ID", "personen", "st"], ascending=[True, False, True])
    )
    hh = je.groupby("HH_ID").agg(
        st=("st", "first"), personen=("personen", "sum"), kinder=("kinder", "sum")
    )
    mit_kindern = hh.kinder > 0
    deutsch = (
        (ew.STAATSANG_1 == "DE")
        & (ew.STAATSANG_2.fillna("DE") == "DE")
        & (ew.GEBURTSLAND.fillna("DE") == "DE")
        & (ew.EINBUERGERUNG.fillna("") != "J")
    )
    true = pd.Series(True, index=ew.index)
    teile = [
        share("bev_einwohner", ew, true, None),
        share("bev_anteil_u18", ew, ew.alter < 18, true),
        share("bev_jugendquotient", ew, ew.alter <= 19, ew.alter.between(20, 64)),
        share("bev_altenquotient", ew, ew.alter >= 65, ew.alter.between(20, 64)),
        share("bev_anteil_migrationshinweis", ew, ~deutsch, true),
        share("hh_haushalte", hh, pd.Series(True, index=hh.index), None),
        share("hh_anteil_mit_kindern", hh, mit_kindern, pd.Series(True, index=hh.index)),
        share(
            "hh_anteil_alleinerziehend",
            hh,
            mit_kindern & (hh.personen - hh.kinder == 1),
            mit_kindern,
        ),
        share(
            "bev_anteil_auslaendisch",
            ew,
            (ew.STAATSANG_1 != "DE") & (ew.STAATSANG_2.fillna("") != "DE"),
            true,
        ),
        share(
            "seu_uebergewicht",
            seu,
            seu.GEWICHTSKLASSE.isin(["4", "5"]),
            seu.GEWICHTSKLASSE.isin(list("12345")),
        ),
        share(
            "seu_sprachfoerderbedarf",
            seu,
            seu.DEUTSCH_FOERDERBEDARF == "J",
            pd.Series(True, index=seu.index),
        ),
        share(
            "bil_uebergang_gymnasium",
            schule,
            schule.SCHULFORM == "GY",
            pd.Series(True, index=schule.index),
        ),
        share(
            "wohn_anteil_gefoerdert",
            kat.assign(st=kat.STADTTEIL_NR),
            kat.GEF_WOHNUNGEN.astype(int),
            kat.WOHNUNGEN.astype(int),
        ),
    ]
    faelle = hze.groupby("st").size()
    junge = ew[ew.alter <= 20].groupby("st").size()
    hq = pd.DataFrame({"z": faelle, "n": junge}).fillna(0).rename_axis("st").reset_index()
    teile.append(hq[hq.n.notna()].assign(indikator_id="hze_quote"))
    je = pd.concat(teile, ignore_index=True)
    stadt = je.groupby("indikator_id")[["z", "n"]].sum(min_count=1).reset_index().assign(st="00")
    result = pd.concat([je, stadt], ignore_index=True)
    return result.rename(columns={"st": "stadtteil_nr", "z": "zaehler", "n": "nenner"})[
        ["indikator_id", "stadtteil_nr", "zaehler", "nenner"]
    ]
