with einwohner as (
    select * from {{ ref('int_einwohner__mit_altersgruppe') }}
)

{{ stadtteil_zuordnung('einwohner') }}
