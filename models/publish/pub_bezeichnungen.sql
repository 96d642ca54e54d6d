-- German labels of every code in the published tables: the categories of the breakdowns (spalte =
-- the merkmal, as in fct_bevoelkerung's columns) and the codes of seed bezeichnungen.
select
    merkmal as spalte,
    auspraegung as code,
    bezeichnung,
    case
        when merkmal = 'geschlecht' and auspraegung in ('{{ geschlecht_zugeordnet() | join("', '") }}')  -- noqa: LT05
            then 'kommt in veröffentlichten Zahlen nicht vor: für die Veröffentlichung m oder w zugeordnet'
        when merkmal = 'altersgruppe' then 'Alter am Stichtag'
    end as erlaeuterung,
    reihenfolge
from {{ ref('merkmale') }}
union all
select
    spalte,
    code,
    bezeichnung,
    erlaeuterung,
    cast(row_number() over (partition by spalte) as integer) as reihenfolge
from {{ ref('bezeichnungen') }}
