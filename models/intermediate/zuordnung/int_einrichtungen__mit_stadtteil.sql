-- Facilities with the district of their address (macro stadtteil_zuordnung).
with einrichtungen as (
    select * from {{ ref('stg_sozialplanung__einrichtungen') }}
)

{{ stadtteil_zuordnung('einrichtungen') }}
