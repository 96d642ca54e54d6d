{{ config(materialized='incremental') }}
-- Transitions to secondary school per district, sex and school type.
select
    stichtag,
    stadtteil_nr,
    geschlecht,
    schulform,
    count(*) as uebergaenge
from {{ ref('stg_schulverwaltung__schuluebergaenge') }}
where {{ im_lauf() }}
group by stichtag, stadtteil_nr, geschlecht, schulform
