-- Published projection per base Stichtag, target year, district, age group and sex, in whole
-- persons with the bounds of the back-test. A projected cell of 1 or 2 persons is suppressed like
-- a count (it is close to the residents counted at the base), with a second cell where a
-- district's total per age group or sex would reveal it. Sexes d and x (together about 0.1 %)
-- are projected but published in no row and no total: their cells would be 1 or 2 persons
-- almost everywhere and drag large m/w cells into secondary suppression.
with vorausberechnung as (
    select
        stichtag,
        zieljahr,
        stadtteil_nr,
        altersgruppe,
        geschlecht,
        cast(round(einwohner) as bigint) as einwohner,
        cast(round(untergrenze) as bigint) as untergrenze,
        cast(round(obergrenze) as bigint) as obergrenze,
        hinweis,
        round(einwohner) between 1 and {{ var('geheimhaltung_zaehler_max') }} as gesperrt_primaer
    from {{ ref('ind_vorausberechnung') }}
    where geschlecht in ('m', 'w')
),

gesperrt as (
    {{ sekundaersperre('vorausberechnung', 'einwohner', ['stadtteil_nr', 'altersgruppe', 'geschlecht'], [
        ['stichtag', 'zieljahr', 'stadtteil_nr', 'altersgruppe'],
        ['stichtag', 'zieljahr', 'stadtteil_nr', 'geschlecht'],
    ]) }}
)

select
    stichtag,
    zieljahr,
    stadtteil_nr,
    altersgruppe,
    geschlecht,
    case when not gesperrt then einwohner end as einwohner,
    case when not gesperrt then untergrenze end as untergrenze,
    case when not gesperrt then obergrenze end as obergrenze,
    gesperrt,
    hinweis
from gesperrt
