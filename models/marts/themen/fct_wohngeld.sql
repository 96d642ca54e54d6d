{{ config(materialized='incremental') }}
-- Housing-benefit households per district, with and without children.
select
    stichtag,
    stadtteil_nr,
    mit_kindern,
    count(*) as haushalte,
    sum(wohngeld_eur) as wohngeld_eur
from {{ ref('stg_wohngeld__haushalte') }}
where {{ im_lauf() }}
group by stichtag, stadtteil_nr, mit_kindern
