select
    stichtag,
    stadtteil_nr,
    typ,
    count(*) as einrichtungen,
    cast(coalesce(sum(plaetze), 0) as bigint) as plaetze,
    cast(coalesce(sum(plaetze_u3), 0) as bigint) as plaetze_u3
from {{ ref('int_einrichtungen__mit_stadtteil') }}
where {{ im_lauf() }}
group by stichtag, stadtteil_nr, typ
