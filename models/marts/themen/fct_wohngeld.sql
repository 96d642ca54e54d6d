select
    stichtag,
    stadtteil_nr,
    mit_kindern,
    count(*) as haushalte,
    sum(wohngeld_eur) as wohngeld_eur
from {{ ref('int_wohngeld_haushalte__mit_stadtteil') }}
where {{ im_lauf() }}
group by stichtag, stadtteil_nr, mit_kindern
