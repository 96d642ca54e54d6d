-- Published moves within the city (district x district, with 99) after disclosure control: flows of
-- 1 or 2 persons are suppressed, and a second flow wherever a district's published moves in or
-- out (bew_umzuege_zu, bew_umzuege_weg) would reveal a single suppressed one.
with matrix as (
    select
        *,
        personen between 1 and {{ var('geheimhaltung_zaehler_max') }} as gesperrt_primaer
    from {{ ref('fct_wanderungsmatrix') }}
),

gesperrt as (
    {{ sekundaersperre('matrix', 'personen', ['von_stadtteil_nr', 'nach_stadtteil_nr'], [
        ['stichtag', 'von_stadtteil_nr'],
        ['stichtag', 'nach_stadtteil_nr'],
    ]) }}
)

select
    stichtag,
    von_stadtteil_nr,
    nach_stadtteil_nr,
    case when not gesperrt then personen end as personen,
    gesperrt
from gesperrt
