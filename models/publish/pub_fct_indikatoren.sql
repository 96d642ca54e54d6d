-- Published indicators: every Stichtag, district and breakdown category after disclosure control.
-- Suppressed cells are missing with gesperrt = true; their numerator and denominator are withheld.
{%- set frei_zaehler = var('geheimhaltung_zaehler_nicht_personenbezogen') %}
{%- set frei_nenner = var('geheimhaltung_nenner_nicht_personenbezogen') %}
with indikatoren as (
    select * from {{ ref('fct_indikatoren') }}
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
    -- counts as integers; only living space is not a count (rounded to whole m², wert stays exact)
    cast(case when not gesperrt then round(zaehler) end as bigint) as zaehler,
    cast(case when not gesperrt then round(nenner) end as bigint) as nenner,
    case when not gesperrt then wert end as wert,
    einheit,
    gesperrt,
    hinweis
from gesperrt
