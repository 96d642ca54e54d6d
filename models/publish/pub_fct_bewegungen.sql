-- Published population movements per Stichtag, district (00 = city) and breakdown category: the
-- published movement counts of the catalogue (suppressed ones stay missing) side by side, with net
-- migration and turnover derived only where every count they need is published.
with bewegungen as (
    select
        stichtag,
        stadtteil_nr,
        merkmal,
        auspraegung,
        max(zaehler) filter (where indikator_id = 'bew_geburten') as geburten,
        max(zaehler) filter (where indikator_id = 'bew_zuzuege') as zuzuege,
        max(zaehler) filter (where indikator_id = 'bew_abgaenge') as abgaenge,
        max(zaehler) filter (where indikator_id = 'bew_umzuege_zu') as umzuege_zu,
        max(zaehler) filter (where indikator_id = 'bew_umzuege_weg') as umzuege_weg,
        bool_or(gesperrt) as gesperrt,
        max(hinweis) as hinweis
    from {{ ref('pub_fct_indikatoren') }}
    where indikator_id in ('bew_geburten', 'bew_zuzuege', 'bew_abgaenge', 'bew_umzuege_zu', 'bew_umzuege_weg')
    group by stichtag, stadtteil_nr, merkmal, auspraegung
),

einwohner as (
    select stichtag, stadtteil_nr, merkmal, auspraegung, zaehler as einwohner
    from {{ ref('pub_fct_indikatoren') }}
    where indikator_id = 'bev_einwohner'
)

select
    bewegungen.stichtag,
    bewegungen.stadtteil_nr,
    bewegungen.merkmal,
    bewegungen.auspraegung,
    cast(bewegungen.geburten as bigint) as geburten,
    cast(bewegungen.zuzuege as bigint) as zuzuege,
    cast(bewegungen.abgaenge as bigint) as abgaenge,
    cast(bewegungen.umzuege_zu as bigint) as umzuege_zu,
    cast(bewegungen.umzuege_weg as bigint) as umzuege_weg,
    cast(bewegungen.zuzuege - bewegungen.abgaenge + bewegungen.umzuege_zu - bewegungen.umzuege_weg as bigint) as wanderungssaldo,
    100.0 * (bewegungen.zuzuege + bewegungen.abgaenge + bewegungen.umzuege_zu + bewegungen.umzuege_weg)
        / nullif(einwohner.einwohner, 0) as fluktuation_je_100,
    cast(einwohner.einwohner as bigint) as einwohner,
    bewegungen.gesperrt,
    bewegungen.hinweis
from bewegungen
left join einwohner
    on einwohner.stichtag = bewegungen.stichtag
    and einwohner.stadtteil_nr = bewegungen.stadtteil_nr
    and einwohner.merkmal = bewegungen.merkmal
    and einwohner.auspraegung = bewegungen.auspraegung
