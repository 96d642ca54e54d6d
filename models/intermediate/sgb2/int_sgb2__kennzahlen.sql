select
    stichtag,
    lade_id,
    zeile,
    stadtteil_nr,
    stadtteil_bezeichnung,
    kennzahl,
    zelle,
    case
        when zelle = '-' then 0
        when zelle = '*' then null
        else cast(zelle as bigint)
    end as anzahl,
    zelle = '*' as gesperrt
from {{ ref('stg_sgb2__stadtteile') }}
