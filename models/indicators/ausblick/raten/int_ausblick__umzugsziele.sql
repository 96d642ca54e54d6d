-- Where the movers out of a district go, per projection base: shares of the observed moves within
-- the city (flow matrix) of the base window; a district without observed moves out sends its
-- movers like the whole city's moves.
with matrix as (
    select * from {{ ref('fct_wanderungsmatrix') }}
),

basen as (
    select distinct stichtag as basis from {{ ref('fct_bewegungen') }}
),

fenster as (
    select basen.basis, matrix.von_stadtteil_nr, matrix.nach_stadtteil_nr, sum(matrix.personen) as personen
    from basen
    inner join matrix
        on matrix.stichtag <= basen.basis
        and matrix.stichtag > basen.basis - interval '{{ var("ausblick_basisjahre") }} year'
    group by basen.basis, matrix.von_stadtteil_nr, matrix.nach_stadtteil_nr
),

stadt as (
    select basis, nach_stadtteil_nr, sum(personen) / sum(sum(personen)) over (partition by basis) as anteil
    from fenster
    group by basis, nach_stadtteil_nr
),

herkuenfte as (
    select distinct fenster.basis, bewegungen.stadtteil_nr as von_stadtteil_nr
    from fenster
    inner join {{ ref('fct_bewegungen') }} as bewegungen on bewegungen.stichtag = fenster.basis
)

select
    basis,
    von_stadtteil_nr,
    nach_stadtteil_nr,
    personen / sum(personen) over (partition by basis, von_stadtteil_nr) as anteil
from fenster
union all
select herkuenfte.basis, herkuenfte.von_stadtteil_nr, stadt.nach_stadtteil_nr, stadt.anteil
from herkuenfte
inner join stadt on stadt.basis = herkuenfte.basis
where not exists (
    select 1 from fenster
    where fenster.basis = herkuenfte.basis and fenster.von_stadtteil_nr = herkuenfte.von_stadtteil_nr
)
