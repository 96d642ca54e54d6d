select
    stichtag,
    stadtteil_nr,
    mit_kindern,
    alleinerziehend,
    count(*) as haushalte
from {{ ref('int_einwohner__haushalte') }}
where {{ im_lauf() }}
group by stichtag, stadtteil_nr, mit_kindern, alleinerziehend
