-- HzE cases with the district of the family's address (macro stadtteil_zuordnung).
with faelle as (
    select * from {{ ref('stg_hze__faelle') }}
)

{{ stadtteil_zuordnung('faelle') }}
