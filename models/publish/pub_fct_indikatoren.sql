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
    case
        when not gesperrt then hinweis
        -- "numerator above denominator" would bound a suppressed value: withheld, other notes stay
        else nullif(regexp_replace(hinweis, '(; )?zaehler_groesser_nenner$', ''), '')
    end as hinweis
from {{ ref('fct_indikatoren_geheimhaltung') }}
