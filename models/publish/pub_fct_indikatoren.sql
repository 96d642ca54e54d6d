-- Published indicators: every Stichtag, district and breakdown category after disclosure control.
-- Suppressed cells are missing with gesperrt = true; their numerator and denominator are withheld.
select
    stichtag,
    stadtteil_nr,
    indikator_id,
    merkmal,
    auspraegung,
    case when not gesperrt then zaehler end as zaehler,
    case when not gesperrt then nenner end as nenner,
    case when not gesperrt then wert end as wert,
    einheit,
    gesperrt,
    hinweis
from {{ ref('fct_indikatoren_geheimhaltung') }}
