-- Published moves within the city (district x district, with 99) after disclosure control: flows of
-- 1 or 2 persons are suppressed, and a second flow wherever a district's moves out (a row) or in
-- (a column) would reveal a single suppressed one. The row and column totals are published too,
-- as bew_umzuege_weg and bew_umzuege_zu: each joins its margin as a cell suppressed exactly when
-- the indicator is, so a suppressed total is never the sum of published flows.
with flows as (
    select
        stichtag,
        von_stadtteil_nr,
        nach_stadtteil_nr,
        personen,
        personen between 1 and {{ var('geheimhaltung_zaehler_max') }} as gesperrt_primaer
    from {{ ref('fct_wanderungsmatrix') }}
),

-- the totals as cells of their margin only; never picked for suppression (they are published
-- or suppressed in fct_indikatoren), hence the largest value
summen as (
    select
        stichtag,
        -- the other key is unique, so a total sits in its own margin only
        case when indikator_id = 'bew_umzuege_weg' then stadtteil_nr else 'summe_' || stadtteil_nr end as von_stadtteil_nr,
        case when indikator_id = 'bew_umzuege_zu' then stadtteil_nr else 'summe_' || stadtteil_nr end as nach_stadtteil_nr,
        {{ 2 ** 62 }} as personen,
        gesperrt as gesperrt_primaer
    from {{ ref('ind_indikatoren_geheimhaltung') }}
    where indikator_id in ('bew_umzuege_weg', 'bew_umzuege_zu')
        and merkmal = 'gesamt'
        and stadtteil_nr <> '00'
),

matrix as (
    select * from flows
    union all
    select * from summen
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
where not (starts_with(von_stadtteil_nr, 'summe_') or starts_with(nach_stadtteil_nr, 'summe_'))
