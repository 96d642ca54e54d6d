-- Social index per Stichtag and district: mean of the present z-scores (missing with fewer than
-- var sozialindex_min_indikatoren = 6 present), class, change against the previous Stichtag and
-- the handlungsbedarf flag.
with z_werte as (
    select * from {{ ref('int_sozialindex__z') }}
),

-- the previous Stichtag counts only when it may be published (never a change against blocked data)
stichtage as (
    select stichtag, vorjahr_geladen, vorjahr_veroeffentlichbar from {{ ref('int_stichtage__mit_vorjahr') }}
),

index_werte as (
    select
        stichtag,
        stadtteil_nr,
        count(z) as anzahl_indikatoren,
        case
            when count(z) >= {{ var('sozialindex_min_indikatoren') }} then avg(z)
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

-- the class rule is declared once, in seed regel_handlungsbedarf (published with the index):
-- the first class (by reihenfolge) whose lower bound the index reaches
klassen as (
    select
        mit_vorjahr.*,
        regel.klasse,
        regel.handlungsbedarf as klasse_mit_handlungsbedarf,
        regel.anstieg_ab,
        row_number() over (
            partition by mit_vorjahr.stichtag, mit_vorjahr.stadtteil_nr order by regel.reihenfolge
        ) as rang
    from mit_vorjahr
    left join {{ ref('regel_handlungsbedarf') }} as regel
        on mit_vorjahr.indexwert is not null
        and (
            regel.indexwert_ab is null
            or mit_vorjahr.indexwert > regel.indexwert_ab
            or (regel.ab_einschliesslich and mit_vorjahr.indexwert = regel.indexwert_ab)
        )
),

klassifiziert as (
    select
        *,
        indexwert - indexwert_vorjahr as veraenderung_vorjahr
    from klassen
    where rang = 1
)

select
    stichtag,
    stadtteil_nr,
    indexwert,
    klasse,
    veraenderung_vorjahr,
    case
        when indexwert is null then null
        else klasse_mit_handlungsbedarf or coalesce(veraenderung_vorjahr >= anstieg_ab, false)
    end as handlungsbedarf,
    anzahl_indikatoren,
    case
        when indexwert is null then 'zu_wenige_indikatoren'
        when not vorjahr_geladen then 'kein_vorjahr'
        when not vorjahr_veroeffentlichbar then 'vorjahr_nicht_veroeffentlicht'
        when indexwert_vorjahr is null then 'vorjahr_ohne_indexwert'
    end as hinweis
from klassifiziert
