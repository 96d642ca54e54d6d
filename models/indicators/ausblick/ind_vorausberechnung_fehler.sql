-- Back-test: every projection from an earlier base whose target year has arrived by the Stichtag,
-- compared with the residents counted then, per district (00 = city), age group and years ahead
-- (1-3): mean absolute percentage error over the bases (mape, per cent), the bases compared and
-- the mean signed error (bias, per cent).
with stichtage as (
    select stichtag from {{ ref('int_stichtage__mit_vorjahr') }}
    where {{ im_lauf() }}
),

gruppen as (
    select * from (
        values ('00-02', 0, 2), ('03-05', 3, 5), ('06-09', 6, 9), ('10-17', 10, 17),
            ('00-17', 0, 17), ('alle', 0, 999)
    ) as gruppen (fehlergruppe, alter_von, alter_bis)
),

vorausberechnet as (
    select
        stichtage.stichtag,
        projektion.stichtag as basis,
        projektion.jahre_voraus,
        projektion.zieljahr,
        projektion.stadtteil_nr,
        projektion.alter,
        sum(projektion.einwohner) as einwohner
    from stichtage
    inner join {{ ref('ind_vorausberechnung_einzelalter') }} as projektion
        on projektion.stichtag < stichtage.stichtag
        and projektion.zieljahr <= extract(year from stichtage.stichtag)
        and projektion.jahre_voraus <= 3
    group by 1, 2, 3, 4, 5, 6
),

gezaehlt as (
    select
        stichtag,
        stadtteil_nr,
        least(alter, {{ var('ausblick_hoechstalter') }}) as alter,
        sum(einwohner) as einwohner
    from {{ ref('fct_bevoelkerung_einzelalter') }}
    group by 1, 2, 3
),

vergleich as (
    select
        vorausberechnet.stichtag,
        vorausberechnet.basis,
        vorausberechnet.jahre_voraus,
        vorausberechnet.stadtteil_nr,
        vorausberechnet.alter,
        vorausberechnet.einwohner as vorausberechnet,
        coalesce(gezaehlt.einwohner, 0) as gezaehlt
    from vorausberechnet
    left join gezaehlt
        on extract(year from gezaehlt.stichtag) = vorausberechnet.zieljahr
        and gezaehlt.stadtteil_nr = vorausberechnet.stadtteil_nr
        and gezaehlt.alter = vorausberechnet.alter
),

je_gruppe as (
    select
        vergleich.stichtag,
        vergleich.basis,
        vergleich.jahre_voraus,
        coalesce(vergleich.stadtteil_nr, '00') as stadtteil_nr,
        gruppen.fehlergruppe,
        sum(vergleich.vorausberechnet) as vorausberechnet,
        sum(vergleich.gezaehlt) as gezaehlt
    from vergleich
    inner join gruppen on vergleich.alter between gruppen.alter_von and gruppen.alter_bis
    group by grouping sets (  -- noqa: PRS
        (vergleich.stichtag, vergleich.basis, vergleich.jahre_voraus, vergleich.stadtteil_nr, gruppen.fehlergruppe),
        (vergleich.stichtag, vergleich.basis, vergleich.jahre_voraus, gruppen.fehlergruppe)
    )
)

select
    stichtag,
    stadtteil_nr,
    fehlergruppe,
    jahre_voraus,
    count(*) as basen,
    100 * avg(abs(vorausberechnet - gezaehlt) / nullif(gezaehlt, 0)) as mape,
    100 * avg((vorausberechnet - gezaehlt) / nullif(gezaehlt, 0)) as verzerrung
from je_gruppe
where gezaehlt > 0
group by stichtag, stadtteil_nr, fehlergruppe, jahre_voraus
