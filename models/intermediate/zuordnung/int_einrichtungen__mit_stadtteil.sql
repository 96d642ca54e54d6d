with einrichtungen as (
    select * from {{ ref('stg_sozialplanung__einrichtungen') }}
)

{{ stadtteil_zuordnung('einrichtungen') }}
