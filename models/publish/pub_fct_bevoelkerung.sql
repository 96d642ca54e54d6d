-- Published population cube (Stichtag x district x age group x sex x origin) after disclosure
-- control: counts of 1 or 2 suppressed, and a second cell wherever a published total
-- (the district's total per age group, sex or origin) would reveal a single suppressed one.
with bevoelkerung as (
    select
        *,
        einwohner between 1 and {{ var('geheimhaltung_zaehler_max') }} as gesperrt_primaer
    from {{ ref('fct_bevoelkerung') }}
),

gesperrt as (
    {{ sekundaersperre('bevoelkerung', 'einwohner', ['stadtteil_nr', 'altersgruppe', 'geschlecht', 'herkunft'], [
        ['stichtag', 'stadtteil_nr', 'altersgruppe'],
        ['stichtag', 'stadtteil_nr', 'geschlecht'],
        ['stichtag', 'stadtteil_nr', 'herkunft'],
    ]) }}
)

select
    stichtag,
    stadtteil_nr,
    altersgruppe,
    geschlecht,
    herkunft,
    case when not gesperrt then einwohner end as einwohner,
    gesperrt
from gesperrt
