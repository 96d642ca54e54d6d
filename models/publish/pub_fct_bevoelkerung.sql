-- Published population cube (Stichtag x district x age group x sex x origin) after disclosure
-- control: counts of 1 or 2 suppressed, and a second cell wherever a published total
-- (the district's total per age group, sex or origin, and its under-18s and adults per sex or
-- origin, published as bev_anteil_u18's numerator) would reveal a single suppressed one.
with bevoelkerung as (
    select
        bevoelkerung.*,
        bevoelkerung.einwohner between 1 and {{ var('geheimhaltung_zaehler_max') }} as gesperrt_primaer,
        altersgruppen.alter_bis < 18 as unter_18
    from {{ ref('fct_bevoelkerung') }} as bevoelkerung
    left join {{ ref('merkmale') }} as altersgruppen
        on altersgruppen.merkmal = 'altersgruppe' and altersgruppen.auspraegung = bevoelkerung.altersgruppe
),

gesperrt as (
    {{ sekundaersperre('bevoelkerung', 'einwohner', ['stadtteil_nr', 'altersgruppe', 'geschlecht', 'herkunft'], [
        ['stichtag', 'stadtteil_nr', 'altersgruppe'],
        ['stichtag', 'stadtteil_nr', 'geschlecht'],
        ['stichtag', 'stadtteil_nr', 'herkunft'],
        ['stichtag', 'stadtteil_nr', 'geschlecht', 'unter_18'],
        ['stichtag', 'stadtteil_nr', 'herkunft', 'unter_18'],
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
