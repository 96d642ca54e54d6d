-- Housing-benefit households with the district of their address (macro stadtteil_zuordnung).
with haushalte as (
    select * from {{ ref('stg_wohngeld__haushalte') }}
)

{{ stadtteil_zuordnung('haushalte') }}
