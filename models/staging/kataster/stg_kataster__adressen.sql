with adressen as (
    select * from {{ source('kataster', 'adressen') }}
)

select
    stichtag,
    lade_id,
    zeile,
    str_schl,
    str_name,
    hnr,
    hnr_zus,
    stadtteil_nr,
    coalesce(wohnungen, 0) as wohnungen,
    wohnflaeche_qm,
    coalesce(gef_wohnungen, 0) as gef_wohnungen
from adressen
