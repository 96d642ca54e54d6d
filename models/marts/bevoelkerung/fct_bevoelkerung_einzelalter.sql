with einwohner as (
    select
        stichtag,
        stadtteil_nr,
        alter,
        altersgruppe,
        {{ geschlecht_veroeffentlicht('geschlecht', 'pers_pseudonym') }} as geschlecht,
        herkunft
    from {{ ref('int_einwohner__mit_stadtteil') }}
    where {{ im_lauf() }}
)

select
    stichtag,
    stadtteil_nr,
    alter,
    altersgruppe,
    geschlecht,
    herkunft,
    count(*) as einwohner
from einwohner
group by stichtag, stadtteil_nr, alter, altersgruppe, geschlecht, herkunft
