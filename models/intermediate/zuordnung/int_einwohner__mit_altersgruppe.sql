with einwohner as (
    select * from {{ ref('stg_ewo__einwohner') }}
),

altersgruppen as (
    select
        auspraegung as altersgruppe,
        alter_von,
        alter_bis
    from {{ ref('merkmale') }}
    where merkmal = 'altersgruppe'
)

select
    einwohner.*,
    altersgruppen.altersgruppe
from einwohner
left join altersgruppen
    on einwohner.alter >= altersgruppen.alter_von
    and (altersgruppen.alter_bis is null or einwohner.alter <= altersgruppen.alter_bis)
