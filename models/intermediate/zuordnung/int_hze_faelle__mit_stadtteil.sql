with faelle as (
    select * from {{ ref('stg_hze__faelle') }}
)

{{ stadtteil_zuordnung('faelle') }}
