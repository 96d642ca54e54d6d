{{ config(materialized='incremental') }}
-- School-entry examinations of the year per district, sex and result.
select
    stichtag,
    stadtteil_nr,
    geschlecht,
    gewichtsklasse,
    deutsch_foerderbedarf,
    masern_impfung,
    u9_vorgelegt,
    kita_jahre,
    count(*) as untersuchte
from {{ ref('stg_seu__untersuchungen') }}
where {{ im_lauf() }}
group by stichtag, stadtteil_nr, geschlecht, gewichtsklasse, deutsch_foerderbedarf, masern_impfung,
    u9_vorgelegt, kita_jahre
