select
    stichtag,
    stadtteil_nr,
    hilfeart,
    stationaer,
    count(*) as faelle
from {{ ref('int_hze__aktive_faelle') }}
where {{ im_lauf() }}
group by stichtag, stadtteil_nr, hilfeart, stationaer
