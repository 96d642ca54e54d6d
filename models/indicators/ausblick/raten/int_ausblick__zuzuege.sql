-- Zuzüge per projection base, district, single year of age (1 and older; newcomers aged 0 count as
-- births) and sex: the district's mean Zuzüge per year in the base window, spread by its age and sex
-- profile pooled with the city's: (district's Zuzüge of the cell + k * city share) / (district's
-- Zuzüge + k), k = ausblick_pooling_zuzuege.
{%- set k = var('ausblick_pooling_zuzuege') %}
with bewegungen as (
    select * from {{ ref('fct_bewegungen') }}
),

basen as (
    select distinct stichtag as basis from bewegungen
),

fenster as (
    select
        basen.basis,
        bewegungen.stichtag,
        bewegungen.stadtteil_nr,
        least(bewegungen.alter, {{ var('ausblick_hoechstalter') }}) as alter,
        bewegungen.geschlecht,
        bewegungen.zuzuege
    from basen
    inner join bewegungen
        on {{ im_basisfenster('bewegungen.stichtag', 'basen.basis') }}
),

jahre as (
    select basis, count(distinct stichtag) as jahre from fenster group by basis
),

zellen as (
    select basis, stadtteil_nr, alter, geschlecht, sum(zuzuege) as zuzuege
    from fenster
    group by basis, stadtteil_nr, alter, geschlecht
),

stadt as (
    select basis, alter, geschlecht, sum(zuzuege) / nullif(sum(sum(zuzuege)) over (partition by basis), 0) as anteil
    from zellen
    where alter >= 1
    group by basis, alter, geschlecht
),

stadtteile as (
    select basis, stadtteil_nr, sum(zuzuege) as zuzuege
    from zellen
    group by basis, stadtteil_nr
)

select
    stadtteile.basis,
    stadtteile.stadtteil_nr,
    stadt.alter,
    stadt.geschlecht,
    stadtteile.zuzuege / jahre.jahre
        * {{ ausblick_gepoolt('coalesce(zellen.zuzuege, 0)', 'stadtteile.zuzuege', 'stadt.anteil', k) }} as zuzuege
from stadtteile
inner join jahre on jahre.basis = stadtteile.basis
inner join stadt on stadt.basis = stadtteile.basis
left join zellen
    on zellen.basis = stadtteile.basis
    and zellen.stadtteil_nr = stadtteile.stadtteil_nr
    and zellen.alter = stadt.alter
    and zellen.geschlecht = stadt.geschlecht
