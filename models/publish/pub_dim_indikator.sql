select * from {{ ref('dim_indikator') }}
