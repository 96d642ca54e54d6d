select
    stichtag,
    stadtteil_nr,
    mit_kindern,
    alleinerziehend,
    count(*) as haushalte
from {{ ref('int_haushalte') }}
where {{ im_lauf() }}
group by stichtag, stadtteil_nr, mit_kindern, alleinerziehend
