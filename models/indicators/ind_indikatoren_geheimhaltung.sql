-- Disclosure control of every indicator cell (indicators.md): primary suppression of small
-- counts and denominators, secondary suppression over both kinds of published margins. The
-- exact values stay; `gesperrt` says which cells are published as missing. The social index
-- reads the values as published from here, so no suppressed value enters it.
{%- set frei_zaehler = var('geheimhaltung_zaehler_nicht_personenbezogen') %}
{%- set frei_nenner = var('geheimhaltung_nenner_nicht_personenbezogen') %}
{#- The population balance ties the movement counts of a cell to the published change of residents:
    one suppressed movement would follow from the others, so they form a margin of their own. -#}
{%- set bilanz = "case when indikator_id in ('bew_geburten', 'bew_zuzuege', 'bew_abgaenge', 'bew_umzuege_zu', 'bew_umzuege_weg') then 'bilanz' else indikator_id end" %}
with indikatoren as (
    select * from {{ ref('ind_indikatoren') }}
    where {{ im_lauf() }}
),

primaer as (
    select
        *,
        coalesce(
            (indikator_id not in ('{{ frei_zaehler | join("', '") }}')
                and zaehler between 1 and {{ var('geheimhaltung_zaehler_max') }})
            or (einheit <> 'anzahl'
                and indikator_id not in ('{{ frei_nenner | join("', '") }}')
                and nenner between 1 and {{ var('geheimhaltung_nenner_max') }}),
            false
        ) as gesperrt_primaer
    from indikatoren
),

gesperrt as (
    -- margins: the categories of one breakdown add up to its total; districts add up to the city;
    -- the movements of a cell add up to the change of its residents
    {{ sekundaersperre('primaer', 'zaehler', ['stadtteil_nr', 'indikator_id', 'merkmal', 'auspraegung'], [
        ['stichtag', 'stadtteil_nr', 'indikator_id', 'merkmal'],
        ['stichtag', 'indikator_id', 'merkmal', 'auspraegung', "stadtteil_nr = '00'"],
        ['stichtag', 'stadtteil_nr', 'merkmal', 'auspraegung', bilanz],
    ]) }}
)

select
    stichtag,
    stadtteil_nr,
    indikator_id,
    merkmal,
    auspraegung,
    zaehler,
    nenner,
    wert,
    einheit,
    gesperrt,
    hinweis
from gesperrt
