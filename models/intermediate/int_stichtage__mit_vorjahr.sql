with geladen as (
    select distinct stichtag
    from {{ source('ladehistorie', 'ladeprotokoll') }}
    where status = 'geladen'
)

select
    geladen.stichtag,
    vorjahr.stichtag is not null as vorjahr_geladen,
    coalesce(vorjahr.veroeffentlichbar, false) as vorjahr_veroeffentlichbar
from geladen
left join {{ source('betrieb', 'stichtag_status') }} as vorjahr
    on vorjahr.stichtag = cast(geladen.stichtag - interval '1 year' as date)
