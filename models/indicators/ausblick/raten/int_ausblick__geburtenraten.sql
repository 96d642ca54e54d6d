-- Births per woman by single year of age 15-49 (at the Stichtag) and district, per projection base.
-- The register has no mother: a birth counts for the oldest woman aged 15-49 of the baby's
-- household; births without one are spread like the others (the city's age-specific rates are
-- scaled to all births). A district's level is pooled with the city: (its births + k) / (births
-- expected at the city's rates + k), k = ausblick_pooling_geburten.
{%- set k = var('ausblick_pooling_geburten') %}
with basen as (
    select distinct stichtag as basis from {{ ref('fct_bewegungen') }}
),

fenster as (
    select basen.basis, stichtage.stichtag
    from basen
    inner join (select distinct stichtag from {{ ref('fct_bewegungen') }}) as stichtage
        on {{ im_basisfenster('stichtage.stichtag', 'basen.basis') }}
),

frauen as (
    select fenster.basis, bevoelkerung.stichtag, bevoelkerung.stadtteil_nr, bevoelkerung.alter, sum(bevoelkerung.einwohner) as frauen
    from fenster
    inner join {{ ref('fct_bevoelkerung_einzelalter') }} as bevoelkerung on bevoelkerung.stichtag = fenster.stichtag
    where bevoelkerung.geschlecht = 'w' and bevoelkerung.alter between 15 and 49
    group by fenster.basis, bevoelkerung.stichtag, bevoelkerung.stadtteil_nr, bevoelkerung.alter
),

geburten as (
    select personen.stichtag, personen.stadtteil_nr, personen.hh_pseudonym
    from {{ ref('int_bewegung__personen') }} as personen
    where personen.bewegung = 'geburt'
),

muetter as (
    select stichtag, hh_pseudonym, max(alter) as alter
    from {{ ref('int_einwohner__mit_stadtteil') }}
    where geschlecht = 'w' and alter between 15 and 49 and hh_pseudonym is not null
    group by stichtag, hh_pseudonym
),

zugeordnet as (
    select fenster.basis, geburten.stadtteil_nr, muetter.alter
    from fenster
    inner join geburten on geburten.stichtag = fenster.stichtag
    left join muetter
        on muetter.stichtag = geburten.stichtag
        and muetter.hh_pseudonym = geburten.hh_pseudonym
),

stadt as (
    select
        frauen_stadt.basis,
        frauen_stadt.alter,
        coalesce(je_alter.geburten, 0) / nullif(frauen_stadt.frauen, 0) * summen.alle / nullif(summen.zugeordnet, 0) as rate
    from (select basis, alter, sum(frauen) as frauen from frauen group by basis, alter) as frauen_stadt
    inner join (
        select basis, count(*) as alle, count(alter) as zugeordnet from zugeordnet group by basis
    ) as summen on summen.basis = frauen_stadt.basis
    left join (
        select basis, alter, count(*) as geburten from zugeordnet where alter is not null group by basis, alter
    ) as je_alter on je_alter.basis = frauen_stadt.basis and je_alter.alter = frauen_stadt.alter
),

niveau as (
    select
        erwartet.basis,
        erwartet.stadtteil_nr,
        {{ ausblick_gepoolt('coalesce(beobachtet.geburten, 0)', 'erwartet.geburten', 1, k) }} as faktor
    from (
        select frauen.basis, frauen.stadtteil_nr, sum(frauen.frauen * stadt.rate) as geburten
        from frauen
        inner join stadt on stadt.basis = frauen.basis and stadt.alter = frauen.alter
        group by frauen.basis, frauen.stadtteil_nr
    ) as erwartet
    left join (
        select basis, stadtteil_nr, count(*) as geburten from zugeordnet group by basis, stadtteil_nr
    ) as beobachtet on beobachtet.basis = erwartet.basis and beobachtet.stadtteil_nr = erwartet.stadtteil_nr
)

select
    niveau.basis,
    niveau.stadtteil_nr,
    stadt.alter,
    stadt.rate * niveau.faktor as geburtenrate
from niveau
inner join stadt on stadt.basis = niveau.basis
