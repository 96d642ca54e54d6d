-- Residents per district and single year of age, sex (d and x assigned to m or w for publication)
-- and origin: the population every resident-based indicator counts (age ranges such as 0-19 or
-- 20-64 cut across age groups).
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
