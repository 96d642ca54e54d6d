{{ config(materialized='incremental') }}
-- Disclosure control of every indicator cell (indicators.md): primary suppression of small
-- counts and denominators, secondary suppression over both kinds of published margins. The
-- exact values stay; `gesperrt` says which cells are published as missing. The social index
-- reads the values as published from here, so no suppressed value enters it.
{%- set frei_zaehler = var('geheimhaltung_zaehler_nicht_personenbezogen') %}
{%- set frei_nenner = var('geheimhaltung_nenner_nicht_personenbezogen') %}
with indikatoren as (
    select * from {{ ref('fct_indikatoren') }}
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
    -- margins: the categories of one breakdown add up to its total; districts add up to the city
    {{ sekundaersperre('primaer', 'zaehler', ['stadtteil_nr', 'indikator_id', 'merkmal', 'auspraegung'], [
        ['stichtag', 'stadtteil_nr', 'indikator_id', 'merkmal'],
        ['stichtag', 'indikator_id', 'merkmal', 'auspraegung', "stadtteil_nr = '00'"],
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
