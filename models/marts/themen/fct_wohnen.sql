select
    stichtag,
    stadtteil_nr,
    count(*) as adressen,
    cast(sum(wohnungen) as bigint) as wohnungen,
    coalesce(sum(wohnflaeche_qm), 0) as wohnflaeche_qm,
    cast(sum(gef_wohnungen) as bigint) as gef_wohnungen
from {{ ref('stg_kataster__adressen') }}
where {{ im_lauf() }}
group by stichtag, stadtteil_nr
