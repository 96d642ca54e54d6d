-- School-entry examinations with the district of the child's address (macro stadtteil_zuordnung).
with untersuchungen as (
    select * from {{ ref('stg_seu__untersuchungen') }}
)

{{ stadtteil_zuordnung('untersuchungen') }}
