-- Published indicator catalogue: the catalogue's columns.
select * from {{ ref('dim_indikator') }}
