with einwohner as (
    select
        einwohner.stichtag,
        einwohner.stadtteil_nr,
        coalesce(einwohner.zuzug_datum, make_date(einwohner.geb_jahr, einwohner.geb_monat, 1)) as seit,
        coalesce(haushalte.mit_kindern, einwohner.alter < 18) as mit_kindern
    from {{ ref('int_einwohner__mit_stadtteil') }} as einwohner
    left join {{ ref('int_einwohner__haushalte') }} as haushalte
        on haushalte.stichtag = einwohner.stichtag
        and haushalte.hh_pseudonym = einwohner.hh_pseudonym
    where {{ im_lauf('einwohner.stichtag') }}
)

select
    stichtag,
    stadtteil_nr,
    case
        when seit > stichtag - interval '3 year' then 'unter_3'
        when seit > stichtag - interval '10 year' then '3_bis_9'
        else 'ab_10'
    end as wohndauer,
    mit_kindern,
    count(*) as einwohner
from einwohner
group by 1, 2, 3, 4
