with untersuchungen as (
    select
        *,
        {{ geschlecht_veroeffentlicht('geschlecht', 'unters_pseudonym') }} as geschlecht_veroeffentlicht
    from {{ ref('int_seu_untersuchungen__mit_stadtteil') }}
    where {{ im_lauf() }}
)

select
    stichtag,
    stadtteil_nr,
    geschlecht_veroeffentlicht as geschlecht,
    gewichtsklasse,
    deutsch_foerderbedarf,
    masern_impfung,
    u9_vorgelegt,
    kita_jahre,
    count(*) as untersuchte
from untersuchungen
group by stichtag, stadtteil_nr, geschlecht_veroeffentlicht, gewichtsklasse, deutsch_foerderbedarf,
    masern_impfung, u9_vorgelegt, kita_jahre
