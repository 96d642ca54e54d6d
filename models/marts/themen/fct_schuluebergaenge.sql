with uebergaenge as (
    select
        *,
        {{ geschlecht_veroeffentlicht('geschlecht', 'schueler_pseudonym') }} as geschlecht_veroeffentlicht
    from {{ ref('int_schuluebergaenge__mit_stadtteil') }}
    where {{ im_lauf() }}
)

select
    stichtag,
    stadtteil_nr,
    geschlecht_veroeffentlicht as geschlecht,
    schulform,
    count(*) as uebergaenge
from uebergaenge
group by stichtag, stadtteil_nr, geschlecht_veroeffentlicht, schulform
