select
    stichtag,
    stadtteil_nr_vorjahr as von_stadtteil_nr,
    stadtteil_nr as nach_stadtteil_nr,
    count(*) as personen
from {{ ref('int_bewegung__personen') }}
where {{ im_lauf() }}
    and bewegung = 'umzug'
group by stichtag, stadtteil_nr_vorjahr, stadtteil_nr
