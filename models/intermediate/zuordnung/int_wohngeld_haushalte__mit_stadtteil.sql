with haushalte as (
    select * from {{ ref('stg_wohngeld__haushalte') }}
)

{{ stadtteil_zuordnung('haushalte') }}
