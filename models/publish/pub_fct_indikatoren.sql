-- Published indicators: every Stichtag, district and breakdown category after disclosure control.
-- Suppressed cells are missing with gesperrt = true; their numerator and denominator are withheld.
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
    case
        when not gesperrt then hinweis
        -- "numerator above denominator" would bound a suppressed value: withheld, other notes stay
        else nullif(regexp_replace(hinweis, '(; )?zaehler_groesser_nenner$', ''), '')
    end as hinweis
from {{ ref('ind_indikatoren_geheimhaltung') }}
