{#- The balance of population movements holds exactly per district against the population counted
    at both Stichtage (fct_bevoelkerung): residents(t) = residents(t-1) + births + Zuzüge - Abgänge
    + moves in - moves out. Returns the districts where it does not. -#}
with bewegungen as (
    select
        stichtag,
        stadtteil_nr,
        sum(geburten + zuzuege - abgaenge + umzuege_zu - umzuege_weg) as saldo
    from {{ ref('fct_bewegungen') }}
    group by stichtag, stadtteil_nr
),

bestand as (
    select stichtag, stadtteil_nr, sum(einwohner) as einwohner
    from {{ ref('fct_bevoelkerung') }}
    group by stichtag, stadtteil_nr
),

bilanz as (
    select
        bewegungen.stichtag,
        bewegungen.stadtteil_nr,
        coalesce(vorjahr.einwohner, 0) + bewegungen.saldo as erwartet,
        coalesce(jetzt.einwohner, 0) as einwohner
    from bewegungen
    left join bestand as jetzt
        on jetzt.stichtag = bewegungen.stichtag
        and jetzt.stadtteil_nr = bewegungen.stadtteil_nr
    left join bestand as vorjahr
        on vorjahr.stichtag = cast(bewegungen.stichtag - interval '1 year' as date)
        and vorjahr.stadtteil_nr = bewegungen.stadtteil_nr
)

select * from bilanz where erwartet <> einwohner
