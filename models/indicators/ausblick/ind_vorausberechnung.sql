-- The projection per base, target year, district, age group and sex, with bounds from the
-- back-test known at the base: projected residents ± the mean absolute percentage error of the
-- district and age group (0-2, 3-5, 6-9, 10-17, else all ages) for as many years ahead; beyond the
-- horizon the back-test reaches, its longest error grows in proportion to the years ahead.
with vorausberechnung as (
    select
        stichtag,
        zieljahr,
        jahre_voraus,
        stadtteil_nr,
        altersgruppe,
        geschlecht,
        sum(einwohner) as einwohner,
        case
            when altersgruppe in ('00-02', '03-05', '06-09') then altersgruppe
            when altersgruppe in ('10-14', '15-17') then '10-17'
            else 'alle'
        end as fehlergruppe
    from {{ ref('ind_vorausberechnung_einzelalter') }}
    where {{ im_lauf() }}
    group by stichtag, zieljahr, jahre_voraus, stadtteil_nr, altersgruppe, geschlecht
),

fehler as (
    select
        fehler.*,
        max(jahre_voraus) over (partition by stichtag, stadtteil_nr, fehlergruppe) as laengster_horizont
    from {{ ref('ind_vorausberechnung_fehler') }} as fehler
),

mit_fehler as (
    select
        vorausberechnung.*,
        coalesce(genau.mape, laengster.mape * vorausberechnung.jahre_voraus / laengster.jahre_voraus) as fehler_prozent
    from vorausberechnung
    left join fehler as genau
        on genau.stichtag = vorausberechnung.stichtag
        and genau.stadtteil_nr = vorausberechnung.stadtteil_nr
        and genau.fehlergruppe = vorausberechnung.fehlergruppe
        and genau.jahre_voraus = vorausberechnung.jahre_voraus
    left join fehler as laengster
        on laengster.stichtag = vorausberechnung.stichtag
        and laengster.stadtteil_nr = vorausberechnung.stadtteil_nr
        and laengster.fehlergruppe = vorausberechnung.fehlergruppe
        and laengster.jahre_voraus = laengster.laengster_horizont
)

select
    stichtag,
    zieljahr,
    jahre_voraus,
    stadtteil_nr,
    altersgruppe,
    geschlecht,
    einwohner,
    einwohner * (1 - fehler_prozent / 100) as untergrenze,
    einwohner * (1 + fehler_prozent / 100) as obergrenze,
    fehler_prozent,
    case when fehler_prozent is null then 'kein_rueckblick' end as hinweis
from mit_fehler
