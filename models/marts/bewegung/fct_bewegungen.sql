with personen as (
    select * from {{ ref('int_bewegung__personen') }}
    where {{ im_lauf() }}
),

altersgruppen as (
    select auspraegung as altersgruppe, alter_von, alter_bis
    from {{ ref('merkmale') }}
    where merkmal = 'altersgruppe'
),

-- A person counts in up to two districts: where it lives at t and where it lived at t-1.
zeilen as (
    select
        stichtag, stadtteil_nr, alter, geschlecht, herkunft,
        1 as einwohner,
        0 as einwohner_vorjahr,
        cast(bewegung = 'geburt' as integer) as geburten,
        cast(bewegung = 'zuzug' as integer) as zuzuege,
        0 as abgaenge,
        cast(bewegung = 'umzug' as integer) as umzuege_zu,
        0 as umzuege_weg
    from personen
    where stadtteil_nr is not null
    union all
    select
        stichtag, stadtteil_nr_vorjahr, alter, geschlecht, herkunft,
        0, 1, 0, 0,
        cast(bewegung = 'abgang' as integer),
        0,
        cast(bewegung = 'umzug' as integer)
    from personen
    where stadtteil_nr_vorjahr is not null
)

select
    zeilen.stichtag,
    zeilen.stadtteil_nr,
    zeilen.alter,
    altersgruppen.altersgruppe,
    zeilen.geschlecht,
    zeilen.herkunft,
    cast(sum(einwohner_vorjahr) as bigint) as einwohner_vorjahr,
    cast(sum(geburten) as bigint) as geburten,
    cast(sum(zuzuege) as bigint) as zuzuege,
    cast(sum(abgaenge) as bigint) as abgaenge,
    cast(sum(umzuege_zu) as bigint) as umzuege_zu,
    cast(sum(umzuege_weg) as bigint) as umzuege_weg,
    cast(sum(einwohner) as bigint) as einwohner
from zeilen
left join altersgruppen
    on zeilen.alter >= altersgruppen.alter_von
    and (altersgruppen.alter_bis is null or zeilen.alter <= altersgruppen.alter_bis)
group by zeilen.stichtag, zeilen.stadtteil_nr, zeilen.alter, altersgruppen.altersgruppe, zeilen.geschlecht, zeilen.herkunft
