with einwohner as (
    select
        stichtag,
        coalesce(hh_pseudonym, 'ohne_hh:' || pers_pseudonym) as hh_pseudonym,
        stadtteil_nr,
        alter
    from {{ ref('int_einwohner__mit_stadtteil') }}
),

je_stadtteil as (
    select
        stichtag,
        hh_pseudonym,
        stadtteil_nr,
        count(*) as personen,
        count(*) filter (where alter < 18) as minderjaehrige
    from einwohner
    group by stichtag, hh_pseudonym, stadtteil_nr
),

haushalte as (
    select
        stichtag,
        hh_pseudonym,
        {{ erster('stadtteil_nr', 'personen desc, stadtteil_nr') }} as stadtteil_nr,
        cast(sum(personen) as integer) as personen,
        cast(sum(minderjaehrige) as integer) as minderjaehrige
    from je_stadtteil
    group by stichtag, hh_pseudonym
)

select
    stichtag,
    hh_pseudonym,
    stadtteil_nr,
    personen,
    minderjaehrige,
    personen - minderjaehrige as erwachsene,
    minderjaehrige >= 1 as mit_kindern,
    minderjaehrige >= 1 and personen - minderjaehrige = 1 as alleinerziehend
from haushalte
