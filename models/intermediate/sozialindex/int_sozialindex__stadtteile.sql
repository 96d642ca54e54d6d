-- Social index per Stichtag and district: mean of the present z-scores (missing with fewer than
-- var sozialindex_min_indikatoren = 6 present), class, change against the previous Stichtag and
-- the handlungsbedarf flag.
with z_werte as (
    select * from {{ ref('int_sozialindex__z') }}
),

-- the previous Stichtag counts only when it may be published (never a change against blocked data)
stichtage as (
    select stichtag, vorjahr_geladen, vorjahr_veroeffentlichbar from {{ ref('int_stichtage') }}
),

index_werte as (
    select
        stichtag,
        stadtteil_nr,
        count(z) as anzahl_indikatoren,
        case
            when count(z) >= {{ var('sozialindex_min_indikatoren', 6) }} then avg(z)
        end as indexwert
    from z_werte
    group by stichtag, stadtteil_nr
),

mit_vorjahr as (
    select
        aktuell.*,
        vorjahr.indexwert as indexwert_vorjahr,
        stichtage.vorjahr_geladen,
        stichtage.vorjahr_veroeffentlichbar
    from index_werte as aktuell
    inner join stichtage
        on stichtage.stichtag = aktuell.stichtag
    left join index_werte as vorjahr
        on stichtage.vorjahr_veroeffentlichbar
        and vorjahr.stadtteil_nr = aktuell.stadtteil_nr
        and vorjahr.stichtag = cast(aktuell.stichtag - interval '1 year' as date)
),

klassifiziert as (
    select
        *,
        case
            when indexwert >= 1.0 then 'sehr hoch'
            when indexwert >= 0.5 then 'hoch'
            when indexwert > -0.5 then 'mittel'
            when indexwert is not null then 'niedrig'
        end as klasse,
        indexwert - indexwert_vorjahr as veraenderung_vorjahr
    from mit_vorjahr
)

select
    stichtag,
    stadtteil_nr,
    indexwert,
    klasse,
    veraenderung_vorjahr,
    case
        when indexwert is null then null
        else klasse in ('hoch', 'sehr hoch') or coalesce(veraenderung_vorjahr >= 0.25, false)
    end as handlungsbedarf,
    anzahl_indikatoren,
    case
        when indexwert is null then 'zu_wenige_indikatoren'
        when not vorjahr_geladen then 'kein_vorjahr'
        when not vorjahr_veroeffentlichbar then 'vorjahr_nicht_veroeffentlicht'
        when indexwert_vorjahr is null then 'vorjahr_ohne_indexwert'
    end as hinweis
from klassifiziert
