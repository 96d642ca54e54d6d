with untersuchungen as (
    select * from {{ ref('stg_seu__untersuchungen') }}
)

{{ stadtteil_zuordnung('untersuchungen') }}
