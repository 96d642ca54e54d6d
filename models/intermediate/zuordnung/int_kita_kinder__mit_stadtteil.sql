with kinder as (  -- noqa: ST03
    select * from {{ ref('stg_kita__kinder') }}
)

{{ stadtteil_zuordnung('kinder', ags_spalte='wohnort_ags') }}  -- noqa: PRS
