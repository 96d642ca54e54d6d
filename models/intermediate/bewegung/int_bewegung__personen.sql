with ewo_stichtage as (
    select distinct stichtag from {{ source('ewo', 'einwohner') }}
),

paare as (
    select jetzt.stichtag, vorher.stichtag as vorjahr
    from ewo_stichtage as jetzt
    inner join ewo_stichtage as vorher
        on vorher.stichtag = cast(jetzt.stichtag - interval '1 year' as date)
    where {{ im_lauf('jetzt.stichtag') }}
),

einwohner as (
    select stichtag, pers_pseudonym, hh_pseudonym, alter, geschlecht, herkunft, stadtteil_nr
    from {{ ref('int_einwohner__mit_stadtteil') }}
),

-- the register of t and of t-1, both keyed by the pair's Stichtag t
jetzt as (
    select
        paare.stichtag as paar_stichtag,
        einwohner.*
    from einwohner
    inner join paare on paare.stichtag = einwohner.stichtag
),

vorher as (
    select
        paare.stichtag as paar_stichtag,
        einwohner.*
    from einwohner
    inner join paare on paare.vorjahr = einwohner.stichtag
)

select
    coalesce(jetzt.paar_stichtag, vorher.paar_stichtag) as stichtag,
    coalesce(jetzt.pers_pseudonym, vorher.pers_pseudonym) as pers_pseudonym,
    coalesce(jetzt.hh_pseudonym, vorher.hh_pseudonym) as hh_pseudonym,
    cast(coalesce(jetzt.alter, vorher.alter + 1) as smallint) as alter,
    -- d and x counted as m or w, as in the population the balance compares with
    {{ geschlecht_veroeffentlicht(
        'coalesce(jetzt.geschlecht, vorher.geschlecht)',
        'coalesce(jetzt.pers_pseudonym, vorher.pers_pseudonym)'
    ) }} as geschlecht,
    coalesce(jetzt.herkunft, vorher.herkunft) as herkunft,
    vorher.stadtteil_nr as stadtteil_nr_vorjahr,
    jetzt.stadtteil_nr,
    case
        when vorher.pers_pseudonym is null and jetzt.alter = 0 then 'geburt'
        when vorher.pers_pseudonym is null then 'zuzug'
        when jetzt.pers_pseudonym is null then 'abgang'
        when vorher.stadtteil_nr <> jetzt.stadtteil_nr then 'umzug'
        else 'verbleib'
    end as bewegung
from jetzt
full outer join vorher
    on vorher.paar_stichtag = jetzt.paar_stichtag
    and vorher.pers_pseudonym = jetzt.pers_pseudonym
