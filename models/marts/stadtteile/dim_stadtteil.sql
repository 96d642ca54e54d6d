with gemeinde as (
    select name from {{ ref('gemeinde') }}
),

stadtteile as (
    select stadtteil_nr, name from {{ ref('stadtteile') }}
)

select '00' as stadtteil_nr, gemeinde.name || ' gesamt' as name from gemeinde
union all
select stadtteil_nr, name from stadtteile
union all
select '99' as stadtteil_nr, 'nicht zuordenbar' as name
