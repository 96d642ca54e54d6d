-- Every Stichtag with at least one accepted delivery (the Stichtage a full build computes), and
-- whether its previous Stichtag may be published: a change against the previous year is
-- computed only then, never against blocked data (release rules: betrieb.stichtag_status).
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
