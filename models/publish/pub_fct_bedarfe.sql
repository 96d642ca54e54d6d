-- What the departments must plan for, per base Stichtag, target year and district (00 = city),
-- from the projection and the published quotas of the base (a suppressed quota gives no need):
--   kita_1_2, kita_3_5: projected children x observed care quota (and x the target quota, dbt vars
--     bedarf_zielquote_1_2 / _3_5) against the day-care places of the facility register (places for
--     under-3s, the others); fehlbedarf > 0 is a shortfall, < 0 a surplus;
--   einschulung: projected 6-year-olds (the school entries of the following summer);
--   hze: projected under-21s x today's hze_quote per 1,000 (status quo, not a forecast of need).
with kinder as (
    select
        stichtag,
        zieljahr,
        coalesce(stadtteil_nr, '00') as stadtteil_nr,
        sum(einwohner) filter (where alter between 1 and 2) as kita_1_2,
        sum(einwohner) filter (where alter between 3 and 5) as kita_3_5,
        sum(einwohner) filter (where alter = 6) as einschulung,
        sum(einwohner) filter (where alter <= 20) as hze
    from {{ ref('ind_vorausberechnung_einzelalter') }}
    group by grouping sets ((stichtag, zieljahr, stadtteil_nr), (stichtag, zieljahr))  -- noqa: PRS
),

bereiche as (
    select stichtag, zieljahr, stadtteil_nr, 'kita_1_2' as bereich, kita_1_2 as kinder from kinder
    union all
    select stichtag, zieljahr, stadtteil_nr, 'kita_3_5', kita_3_5 from kinder
    union all
    select stichtag, zieljahr, stadtteil_nr, 'einschulung', einschulung from kinder
    union all
    select stichtag, zieljahr, stadtteil_nr, 'hze', hze from kinder
),

quoten as (
    select
        stichtag,
        stadtteil_nr,
        case indikator_id when 'kita_quote_1_2' then 'kita_1_2' when 'kita_quote_ue3' then 'kita_3_5' else 'hze' end as bereich,
        wert as quote,
        case indikator_id when 'hze_quote' then 1000.0 else 100.0 end as je
    from {{ ref('pub_fct_indikatoren') }}
    where indikator_id in ('kita_quote_1_2', 'kita_quote_ue3', 'hze_quote') and merkmal = 'gesamt'
),

plaetze as (
    select
        stichtag,
        coalesce(stadtteil_nr, '00') as stadtteil_nr,
        sum(plaetze_u3) as kita_1_2,
        sum(plaetze - plaetze_u3) as kita_3_5
    from {{ ref('fct_einrichtungen') }}
    where typ = 'KITA'
    group by grouping sets ((stichtag, stadtteil_nr), (stichtag))  -- noqa: PRS
),

berechnet as (
    select
        bereiche.stichtag,
        bereiche.zieljahr,
        bereiche.stadtteil_nr,
        bereiche.bereich,
        bereiche.kinder,
        quoten.quote,
        case bereiche.bereich
            when 'einschulung' then bereiche.kinder
            else bereiche.kinder * quoten.quote / quoten.je
        end as bedarf,
        case bereiche.bereich
            when 'kita_1_2' then {{ var('bedarf_zielquote_1_2') }}
            when 'kita_3_5' then {{ var('bedarf_zielquote_3_5') }}
        end as zielquote,
        case bereiche.bereich
            when 'kita_1_2' then plaetze.kita_1_2
            when 'kita_3_5' then plaetze.kita_3_5
        end as plaetze
    from bereiche
    left join quoten
        on quoten.stichtag = bereiche.stichtag
        and quoten.stadtteil_nr = bereiche.stadtteil_nr
        and quoten.bereich = bereiche.bereich
    left join plaetze
        on plaetze.stichtag = bereiche.stichtag
        and plaetze.stadtteil_nr = bereiche.stadtteil_nr
)

select
    stichtag,
    zieljahr,
    stadtteil_nr,
    bereich,
    cast(kinder as double precision) as kinder,
    cast(quote as double precision) as quote,
    cast(bedarf as double precision) as bedarf,
    cast(zielquote as double precision) as zielquote,
    cast(kinder * zielquote / 100 as double precision) as bedarf_ziel,
    cast(case when bereich like 'kita%' then coalesce(plaetze, 0) end as bigint) as plaetze,
    cast(case when bereich like 'kita%' then bedarf - coalesce(plaetze, 0) end as double precision) as fehlbedarf,
    cast(kinder * zielquote / 100 - coalesce(plaetze, 0) as double precision) as fehlbedarf_ziel,
    case
        when bereich = 'hze' then 'status_quo'
        when bereich <> 'einschulung' and quote is null then 'quote_nicht_veroeffentlicht'
    end as hinweis
from berechnet
-- residents at unknown addresses count for the city, but have no district to plan for
where stadtteil_nr <> '99'
