-- School transitions with the district of the pupil's address (macro stadtteil_zuordnung).
with uebergaenge as (
    select * from {{ ref('stg_schulverwaltung__schuluebergaenge') }}
)

{{ stadtteil_zuordnung('uebergaenge') }}
