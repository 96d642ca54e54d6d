select
    stichtag,
    stadtteil_nr,
    altersgruppe,
    geschlecht,
    herkunft,
    cast(sum(einwohner) as bigint) as einwohner
from {{ ref('fct_bevoelkerung_einzelalter') }}
where {{ im_lauf() }}
group by stichtag, stadtteil_nr, altersgruppe, geschlecht, herkunft
