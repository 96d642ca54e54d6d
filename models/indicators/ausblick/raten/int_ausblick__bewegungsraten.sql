-- Departure and move-out rates per projection base, district and age group (age at t) from the
-- movements of the base and up to ausblick_basisjahre - 1 earlier Stichtage, pooled with the
-- city: (events + k * city rate) / (persons at risk + k), k = ausblick_pooling_personen.
{%- set k = var('ausblick_pooling_personen') %}
with bewegungen as (
    select * from {{ ref('fct_bewegungen') }}
),

basen as (
    select distinct stichtag as basis from bewegungen
),

fenster as (
    select basen.basis, bewegungen.*
    from basen
    inner join bewegungen
        on {{ im_basisfenster('bewegungen.stichtag', 'basen.basis') }}
),

raster as (
    select distinct fenster.basis, fenster.stadtteil_nr, altersgruppen.auspraegung as altersgruppe
    from fenster
    cross join {{ ref('merkmale') }} as altersgruppen
    where altersgruppen.merkmal = 'altersgruppe'
),

je_stadtteil as (
    select
        basis,
        stadtteil_nr,
        altersgruppe,
        sum(einwohner_vorjahr) as bestand,
        sum(abgaenge) as abgaenge,
        sum(umzuege_weg) as umzuege_weg
    from fenster
    group by basis, stadtteil_nr, altersgruppe
),

stadt as (
    select
        basis,
        altersgruppe,
        sum(abgaenge) / nullif(sum(bestand), 0) as abgangsrate,
        sum(umzuege_weg) / nullif(sum(bestand), 0) as wegzugsrate
    from je_stadtteil
    group by basis, altersgruppe
)

select
    raster.basis,
    raster.stadtteil_nr,
    raster.altersgruppe,
    coalesce(je_stadtteil.bestand, 0) as bestand,
    {{ ausblick_gepoolt(
        'coalesce(je_stadtteil.abgaenge, 0)', 'coalesce(je_stadtteil.bestand, 0)', 'coalesce(stadt.abgangsrate, 0)', k
    ) }} as abgangsrate,
    {{ ausblick_gepoolt(
        'coalesce(je_stadtteil.umzuege_weg, 0)', 'coalesce(je_stadtteil.bestand, 0)', 'coalesce(stadt.wegzugsrate, 0)', k
    ) }} as wegzugsrate
from raster
left join je_stadtteil
    on je_stadtteil.basis = raster.basis
    and je_stadtteil.stadtteil_nr = raster.stadtteil_nr
    and je_stadtteil.altersgruppe = raster.altersgruppe
left join stadt
    on stadt.basis = raster.basis
    and stadt.altersgruppe = raster.altersgruppe
