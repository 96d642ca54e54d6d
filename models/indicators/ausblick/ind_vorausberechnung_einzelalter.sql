-- Cohort-component projection (status quo) per base Stichtag, district, single year of age and sex
-- for the ausblick_jahre years after the base. Each year: everyone ages by one year; departures
-- and moves out at the district's rates of the age group; movers arrive in the districts the
-- flow matrix sends them to; Zuzüge as observed per year; births from the women aged 15-49 at the
-- year's end at the district's birth rates, split by sex as the city's births. Exact values (not
-- rounded); the base is every Stichtag with movements (stichtag = the base).
{%- set h = var('ausblick_hoechstalter') %}
with basen as (
    select distinct stichtag from {{ ref('fct_bewegungen') }}
    where {{ im_lauf() }}
),

raten as (
    select raten.*, altersgruppen.alter_von, altersgruppen.alter_bis
    from {{ ref('int_ausblick__bewegungsraten') }} as raten
    inner join {{ ref('merkmale') }} as altersgruppen
        on altersgruppen.merkmal = 'altersgruppe' and altersgruppen.auspraegung = raten.altersgruppe
    where raten.basis in (select stichtag from basen)
),

ziele as (
    select * from {{ ref('int_ausblick__umzugsziele') }}
    where basis in (select stichtag from basen)
),

zuzuege as (
    select * from {{ ref('int_ausblick__zuzuege') }}
    where basis in (select stichtag from basen)
),

geburtenraten as (
    select * from {{ ref('int_ausblick__geburtenraten') }}
    where basis in (select stichtag from basen)
),

geschlecht_der_geburten as (
    select
        basen.stichtag as basis,
        bewegungen.geschlecht,
        sum(bewegungen.geburten) / sum(sum(bewegungen.geburten)) over (partition by basen.stichtag) as anteil
    from basen
    inner join {{ ref('fct_bewegungen') }} as bewegungen
        on bewegungen.stichtag <= basen.stichtag
        and bewegungen.stichtag > basen.stichtag - interval '{{ var("ausblick_basisjahre") }} year'
    where bewegungen.geburten > 0
    group by basen.stichtag, bewegungen.geschlecht
),

jahr_0 as (
    select
        bevoelkerung.stichtag as basis,
        bevoelkerung.stadtteil_nr,
        least(bevoelkerung.alter, {{ h }}) as alter,
        bevoelkerung.geschlecht,
        cast(sum(bevoelkerung.einwohner) as double precision) as einwohner
    from {{ ref('fct_bevoelkerung_einzelalter') }} as bevoelkerung
    inner join basen on basen.stichtag = bevoelkerung.stichtag
    group by 1, 2, 3, 4
)
{%- for jahr in range(1, var('ausblick_jahre') + 1) %},

gealtert_{{ jahr }} as (
    select
        vorher.basis,
        vorher.stadtteil_nr,
        least(vorher.alter + 1, {{ h }}) as alter,
        vorher.geschlecht,
        sum(vorher.einwohner) as einwohner
    from jahr_{{ jahr - 1 }} as vorher
    group by 1, 2, 3, 4
),

mit_raten_{{ jahr }} as materialized (
    select
        gealtert.*,
        coalesce(raten.abgangsrate, 0) as abgangsrate,
        coalesce(raten.wegzugsrate, 0) as wegzugsrate
    from gealtert_{{ jahr }} as gealtert
    left join raten
        on raten.basis = gealtert.basis
        and raten.stadtteil_nr = gealtert.stadtteil_nr
        and gealtert.alter >= raten.alter_von
        and (raten.alter_bis is null or gealtert.alter <= raten.alter_bis)
),

ohne_geburten_{{ jahr }} as materialized (
    select basis, stadtteil_nr, alter, geschlecht, sum(einwohner) as einwohner
    from (
        select basis, stadtteil_nr, alter, geschlecht, einwohner * (1 - abgangsrate - wegzugsrate) as einwohner
        from mit_raten_{{ jahr }}
        union all
        select mit_raten.basis, ziele.nach_stadtteil_nr, mit_raten.alter, mit_raten.geschlecht,
            mit_raten.einwohner * mit_raten.wegzugsrate * ziele.anteil
        from mit_raten_{{ jahr }} as mit_raten
        inner join ziele
            on ziele.basis = mit_raten.basis
            and ziele.von_stadtteil_nr = mit_raten.stadtteil_nr
        union all
        select basis, stadtteil_nr, alter, geschlecht, zuzuege
        from zuzuege
    ) as komponenten
    group by basis, stadtteil_nr, alter, geschlecht
),

jahr_{{ jahr }} as materialized (
    select * from ohne_geburten_{{ jahr }}
    union all
    select
        frauen.basis,
        frauen.stadtteil_nr,
        0 as alter,
        geschlecht_der_geburten.geschlecht,
        sum(frauen.einwohner * geburtenraten.geburtenrate) * geschlecht_der_geburten.anteil as einwohner
    from ohne_geburten_{{ jahr }} as frauen
    inner join geburtenraten
        on geburtenraten.basis = frauen.basis
        and geburtenraten.stadtteil_nr = frauen.stadtteil_nr
        and geburtenraten.alter = frauen.alter
    inner join geschlecht_der_geburten on geschlecht_der_geburten.basis = frauen.basis
    where frauen.geschlecht = 'w'
    group by frauen.basis, frauen.stadtteil_nr, geschlecht_der_geburten.geschlecht, geschlecht_der_geburten.anteil
)
{%- endfor %},

alle_jahre as (
    {%- for jahr in range(1, var('ausblick_jahre') + 1) %}
    select {{ jahr }} as jahre_voraus, * from jahr_{{ jahr }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
)

select
    alle_jahre.basis as stichtag,
    cast(extract(year from alle_jahre.basis) + alle_jahre.jahre_voraus as integer) as zieljahr,
    alle_jahre.jahre_voraus,
    alle_jahre.stadtteil_nr,
    cast(alle_jahre.alter as smallint) as alter,
    altersgruppen.auspraegung as altersgruppe,
    alle_jahre.geschlecht,
    cast(alle_jahre.einwohner as double precision) as einwohner
from alle_jahre
inner join {{ ref('merkmale') }} as altersgruppen
    on altersgruppen.merkmal = 'altersgruppe'
    and alle_jahre.alter >= altersgruppen.alter_von
    and (altersgruppen.alter_bis is null or alle_jahre.alter <= altersgruppen.alter_bis)
