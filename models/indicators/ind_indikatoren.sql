-- Every indicator of the catalogue per Stichtag, district (00, 01-11, 99) and breakdown category:
-- the catalogue (seed indikatoren) says what is published, macro indikator_definitionen how each
-- indicator is computed. Exact values; disclosure control follows in ind_indikatoren_geheimhaltung.
{%- set definitionen = indikator_definitionen()['indikatoren'] %}

-- 'gesamt' and the breakdowns the catalogue lists per indicator
with aufschluesselungen as (
    select
        katalog.indikator_id,
        merkmale.merkmal
    from {{ ref('indikatoren') }} as katalog
    inner join (select distinct merkmal from {{ ref('merkmale') }}) as merkmale
        on merkmale.merkmal = 'gesamt'
        or position(',' || merkmale.merkmal || ',' in ',' || katalog.aufschluesselung || ',') > 0
),

-- the sums each indicator's form needs (rolle zaehler / nenner / vorjahr), one macro per form
-- (their grouping sets are beyond the DuckDB grammar of the SQL linter)
-- noqa: disable=PRS
kennzahlen as (
    {%- for indikator_id, definition in definitionen.items() %}
    {{ indikator_form(indikator_id, definition) }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),
-- noqa: enable=PRS

stichtage as (
    select stichtag, vorjahr_geladen, vorjahr_veroeffentlichbar from {{ ref('int_stichtage__mit_vorjahr') }}
    where {{ im_lauf() }}
),

definitionen as (
    select
        katalog.indikator_id,
        katalog.einheit,
        definitionen.form,
        definitionen.stadtteil_99
    from {{ ref('indikatoren') }} as katalog
    inner join (
        values
        {%- for indikator_id, definition in definitionen.items() %}
        ('{{ indikator_id }}', '{{ definition["form"] }}', {{ definition.get('stadtteil_99', true) | lower }})
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    ) as definitionen (indikator_id, form, stadtteil_99)
        on definitionen.indikator_id = katalog.indikator_id
),

-- One row per Stichtag, district, indicator and category: a count over no rows is 0, not absent.
raster as (
    select
        stichtage.stichtag,
        stichtage.vorjahr_geladen,
        stichtage.vorjahr_veroeffentlichbar,
        stadtteile.stadtteil_nr,
        definitionen.indikator_id,
        definitionen.form,
        definitionen.einheit,
        merkmale.merkmal,
        merkmale.auspraegung
    from stichtage
    cross join definitionen
    inner join {{ ref('dim_stadtteil') }} as stadtteile
        on stadtteile.stadtteil_nr <> '99' or definitionen.stadtteil_99
    inner join aufschluesselungen
        on aufschluesselungen.indikator_id = definitionen.indikator_id
    inner join {{ ref('merkmale') }} as merkmale
        on merkmale.merkmal = aufschluesselungen.merkmal
    -- d and x are counted as m or w (macro geschlecht_veroeffentlicht)
    where not (merkmale.merkmal = 'geschlecht'
        and merkmale.auspraegung in ('{{ geschlecht_zugeordnet() | join("', '") }}'))  -- noqa: LT05
),

-- The numerator, denominator and previous-year sums of a cell side by side.
summen as (
    select
        indikator_id,
        stichtag,
        stadtteil_nr,
        merkmal,
        auspraegung,
        max(summe) filter (where rolle = 'zaehler') as zaehler_summe,
        bool_or(unbekannt) filter (where rolle = 'zaehler') as zaehler_unbekannt,
        max(summe) filter (where rolle = 'nenner') as nenner_summe,
        bool_or(unbekannt) filter (where rolle = 'nenner') as nenner_unbekannt,
        max(summe) filter (where rolle = 'vorjahr') as vorjahr_summe,
        bool_or(rolle = 'vorjahr') as vorjahr_gefunden,
        bool_or(rolle = 'zaehler') as zaehler_gefunden
    from kennzahlen
    group by indikator_id, stichtag, stadtteil_nr, merkmal, auspraegung
),

verknuepft as (
    select
        raster.*,
        summen.zaehler_summe,
        coalesce(summen.zaehler_unbekannt, false) as zaehler_unbekannt,
        summen.nenner_summe,
        coalesce(summen.nenner_unbekannt, false) as nenner_unbekannt,
        summen.vorjahr_summe,
        -- the previous Stichtag exists when any row of it was found for this indicator
        coalesce(bool_or(summen.vorjahr_gefunden) over (partition by raster.indikator_id, raster.stichtag), false) as vorjahr_gefunden,
        -- movements exist for a Stichtag when any row of them was found (never on the first Stichtag)
        coalesce(bool_or(summen.zaehler_gefunden) over (partition by raster.indikator_id, raster.stichtag), false) as bewegung_vorhanden
    from raster
    left join summen
        on summen.indikator_id = raster.indikator_id
        and summen.stichtag = raster.stichtag
        and summen.stadtteil_nr = raster.stadtteil_nr
        and summen.merkmal = raster.merkmal
        and summen.auspraegung = raster.auspraegung
),

-- a change is computed only against a previous Stichtag that may be published
mit_vorjahr as (
    select
        *,
        vorjahr_gefunden and vorjahr_veroeffentlichbar as vorjahr_vorhanden
    from verknuepft
),

berechnet as (
    select
        stichtag,
        stadtteil_nr,
        indikator_id,
        merkmal,
        auspraegung,
        einheit,
        form,
        vorjahr_geladen,
        vorjahr_veroeffentlichbar,
        vorjahr_vorhanden,
        bewegung_vorhanden,
        case
            when zaehler_unbekannt then null
            when form = 'bewegung' and not (bewegung_vorhanden and vorjahr_veroeffentlichbar) then null
            when form = 'veraenderung' and vorjahr_vorhanden
                then coalesce(zaehler_summe, 0) - coalesce(vorjahr_summe, 0)
            when form = 'veraenderung' then null
            else coalesce(zaehler_summe, 0)
        end as zaehler,
        case
            when form in ('anzahl', 'bewegung') then null
            when form = 'veraenderung' and vorjahr_vorhanden then coalesce(vorjahr_summe, 0)
            when form = 'veraenderung' or nenner_unbekannt then null
            else coalesce(nenner_summe, 0)
        end as nenner,
        zaehler_unbekannt,
        nenner_unbekannt
    from mit_vorjahr
),

begruendet as (
    select
        *,
        -- why the value is missing
        case
            when form in ('veraenderung', 'bewegung') and vorjahr_geladen and not vorjahr_veroeffentlichbar
                then 'vorjahr_nicht_veroeffentlicht'
            when form = 'veraenderung' and not vorjahr_vorhanden then 'kein_vorjahr'
            when form = 'bewegung' and not bewegung_vorhanden then 'kein_vorjahr'
            when zaehler_unbekannt then 'zaehler_unbekannt'
            when nenner_unbekannt then 'nenner_unbekannt'
            when form not in ('anzahl', 'bewegung') and nenner = 0 then 'nenner_null'
        end as fehlgrund,
        -- a share above 100 %: numerator and denominator come from different registers (e.g.
        -- day-care children against residents); real, published with this note, never blocking
        case
            when form = 'quote' and einheit = 'prozent' and zaehler > nenner then 'zaehler_groesser_nenner'
        end as plausibilitaet
    from berechnet
)

select
    stichtag,
    stadtteil_nr,
    indikator_id,
    merkmal,
    auspraegung,
    cast(zaehler as double precision) as zaehler,
    cast(nenner as double precision) as nenner,
    cast(case when fehlgrund is null then {{ einheit_wert('einheit', 'zaehler', 'nenner') }} end as double precision) as wert,
    einheit,
    nullif(concat_ws('; ', fehlgrund, plausibilitaet), '') as hinweis
from begruendet
