select
    stichtag,
    stadtteil_nr,
    alter,
    betreuungsart,
    count(*) as kinder
from {{ ref('int_kita_kinder__mit_stadtteil') }}
where {{ im_lauf() }}
    and stadtteil_nr is not null
group by stichtag, stadtteil_nr, alter, betreuungsart
