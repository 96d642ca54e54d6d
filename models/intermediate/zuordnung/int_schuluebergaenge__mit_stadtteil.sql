with uebergaenge as (
    select * from {{ ref('stg_schulverwaltung__schuluebergaenge') }}
)

{{ stadtteil_zuordnung('uebergaenge') }}
