-- Early-warning flags per Stichtag and district 01-11, each with a reason a council member
-- understands (PostgreSQL may evaluate a division before the filter next to it: each divisor is
-- guarded with nullif). Only published values enter (the social index, indicators that are not suppressed,
-- the needs and movements derived from them), so a flag never reveals a suppressed value.
-- Thresholds are dbt vars (fruehwarnung_*):
--   index_steigt: the social index rose in each of the last 2 years (by fruehwarnung_index_anstieg);
--   trend_klasse: an index indicator's linear trend over the last (up to) 3 published years,
--     continued fruehwarnung_trendjahre years, would lift the index into class hoch or sehr hoch
--     (its z-score moves by the change over the districts' standard deviation, the index by that
--     over the number of its indicators);
--   kita_fehlbedarf: at today's care quota, a projected shortfall above fruehwarnung_fehlbedarf_anteil
--     per cent of the places;
--   familien_fluktuation / familien_abwanderung: turnover of minors above fruehwarnung_fluktuation_faktor
--     times the city's, or net migration of minors fruehwarnung_saldo_abstand per 100 below the city's.
{%- set trendjahre = var('fruehwarnung_trendjahre') %}
with sozialindex as (
    select stichtag, stadtteil_nr, indexwert, klasse, anzahl_indikatoren
    from {{ ref('pub_fct_sozialindex') }}
    where indexwert is not null
),

index_steigt as (
    select
        jetzt.stichtag,
        jetzt.stadtteil_nr,
        'index_steigt' as warnung,
        cast(null as varchar) as indikator_id,
        'Sozialindex steigt seit 2 Jahren: von ' || {{ zahl_de('vorvorjahr.indexwert', 2) }}
            || ' (' || cast(extract(year from vorvorjahr.stichtag) as integer) || ') über '
            || {{ zahl_de('vorjahr.indexwert', 2) }}
            || ' (' || cast(extract(year from vorjahr.stichtag) as integer) || ') auf '
            || {{ zahl_de('jetzt.indexwert', 2) }}
            || ' (' || cast(extract(year from jetzt.stichtag) as integer) || '), Klasse ' || jetzt.klasse as begruendung
    from sozialindex as jetzt
    inner join sozialindex as vorjahr
        on vorjahr.stadtteil_nr = jetzt.stadtteil_nr
        and vorjahr.stichtag = cast(jetzt.stichtag - interval '1 year' as date)
    inner join sozialindex as vorvorjahr
        on vorvorjahr.stadtteil_nr = jetzt.stadtteil_nr
        and vorvorjahr.stichtag = cast(jetzt.stichtag - interval '2 year' as date)
    where jetzt.indexwert - vorjahr.indexwert >= {{ var('fruehwarnung_index_anstieg') }}
        and vorjahr.indexwert - vorvorjahr.indexwert >= {{ var('fruehwarnung_index_anstieg') }}
),

index_werte as (
    select
        indikatoren.stichtag,
        indikatoren.stadtteil_nr,
        indikatoren.indikator_id,
        katalog.name,
        katalog.einheit,
        katalog.richtung,
        indikatoren.wert
    from {{ ref('pub_fct_indikatoren') }} as indikatoren
    inner join {{ ref('pub_dim_indikator') }} as katalog on katalog.indikator_id = indikatoren.indikator_id
    where katalog.im_index = 'ja'
        and indikatoren.merkmal = 'gesamt'
        and indikatoren.stadtteil_nr not in ('00', '99')
        and indikatoren.wert is not null
),

streuung as (
    select stichtag, indikator_id, stddev_pop(wert) as standardabweichung
    from index_werte
    group by stichtag, indikator_id
),

-- The trend from the oldest of the last 3 published years to now, per year.
trends as (
    select
        jetzt.stichtag,
        jetzt.stadtteil_nr,
        jetzt.indikator_id,
        jetzt.name,
        jetzt.einheit,
        jetzt.richtung,
        (jetzt.wert - anfang.wert) / nullif(extract(year from jetzt.stichtag) - extract(year from anfang.stichtag), 0) as je_jahr,
        cast(extract(year from jetzt.stichtag) - extract(year from anfang.stichtag) as integer) as jahre
    from index_werte as jetzt
    inner join index_werte as anfang
        on anfang.stadtteil_nr = jetzt.stadtteil_nr
        and anfang.indikator_id = jetzt.indikator_id
        and anfang.stichtag = (
            select min(frueher.stichtag)
            from index_werte as frueher
            where frueher.stadtteil_nr = jetzt.stadtteil_nr
                and frueher.indikator_id = jetzt.indikator_id
                and frueher.stichtag < jetzt.stichtag
                and frueher.stichtag >= cast(jetzt.stichtag - interval '2 year' as date)
        )
),

trend_klasse as (
    select
        trends.*,
        sozialindex.klasse,
        sozialindex.indexwert + trends.richtung * trends.je_jahr * {{ trendjahre }}
            / nullif(streuung.standardabweichung, 0) / nullif(sozialindex.anzahl_indikatoren, 0) as indexwert_trend
    from trends
    inner join sozialindex
        on sozialindex.stichtag = trends.stichtag
        and sozialindex.stadtteil_nr = trends.stadtteil_nr
    inner join streuung
        on streuung.stichtag = trends.stichtag
        and streuung.indikator_id = trends.indikator_id
    where trends.richtung * trends.je_jahr > 0 and streuung.standardabweichung > 0
),

-- class bounds from the one declaration of the class rule
grenzen as (
    select
        max(indexwert_ab) filter (where klasse = 'hoch') as hoch,
        max(indexwert_ab) filter (where klasse = 'sehr hoch') as sehr_hoch
    from {{ ref('regel_handlungsbedarf') }}
),

trend_warnung as (
    select
        stichtag,
        stadtteil_nr,
        'trend_klasse' as warnung,
        indikator_id,
        name || case when je_jahr > 0 then ' steigt' else ' sinkt' end || ' seit ' || jahre
            || case when jahre = 1 then ' Jahr' else ' Jahren' end || ' um je '
            || {{ zahl_de('abs(je_jahr)', 1) }}
            || case einheit when 'prozent' then ' Prozentpunkte' when 'je_1000' then ' je 1.000' when 'je_100' then ' je 100' else '' end
            || '; bei gleichem Trend ' || cast(extract(year from stichtag) + {{ trendjahre }} as integer)
            || ' Klasse ' || case when indexwert_trend >= grenzen.sehr_hoch then 'sehr hoch' else 'hoch' end
            || ' (heute ' || klasse || ')' as begruendung
    from trend_klasse
    cross join grenzen
    where (indexwert_trend >= grenzen.hoch and klasse not in ('hoch', 'sehr hoch'))
        or (indexwert_trend >= grenzen.sehr_hoch and klasse <> 'sehr hoch')
),

fehlbedarfe as (
    select
        stichtag,
        stadtteil_nr,
        bereich,
        zieljahr,
        fehlbedarf,
        plaetze,
        row_number() over (partition by stichtag, stadtteil_nr, bereich order by zieljahr) as erstes
    from {{ ref('pub_fct_bedarfe') }}
    where bereich like 'kita%'
        and stadtteil_nr <> '00'
        and plaetze > 0
        and fehlbedarf > plaetze * {{ var('fruehwarnung_fehlbedarf_anteil') }} / 100.0
),

kita_warnung as (
    select
        stichtag,
        stadtteil_nr,
        'kita_fehlbedarf' as warnung,
        cast(null as varchar) as indikator_id,
        'Kita: ' || cast(zieljahr as integer) || ' fehlen bei heutiger Betreuungsquote '
            || {{ zahl_de('fehlbedarf', 0) }} || case when round(fehlbedarf) = 1 then ' Platz' else ' Plätze' end || ' für Kinder von '
            || case bereich when 'kita_1_2' then '1 bis 2' else '3 bis 5' end || ' Jahren ('
            || {{ zahl_de('100.0 * fehlbedarf / nullif(plaetze, 0)', 0) }} || ' % der ' || plaetze || ' Plätze)' as begruendung
    from fehlbedarfe
    where erstes = 1
),

minderjaehrige as (
    select
        stichtag,
        stadtteil_nr,
        sum(zuzuege + abgaenge + umzuege_zu + umzuege_weg) as bewegungen,
        sum(wanderungssaldo) as saldo,
        sum(einwohner) as einwohner,
        count(*) filter (where wanderungssaldo is null or einwohner is null) as unvollstaendig
    from {{ ref('pub_fct_bewegungen') }}
    where merkmal = 'altersgruppe' and auspraegung in ('00-02', '03-05', '06-09', '10-14', '15-17')
    group by stichtag, stadtteil_nr
),

familien as (
    select
        stadtteil.stichtag,
        stadtteil.stadtteil_nr,
        100.0 * stadtteil.bewegungen / nullif(stadtteil.einwohner, 0) as fluktuation,
        100.0 * stadtteil.saldo / nullif(stadtteil.einwohner, 0) as saldo,
        100.0 * stadt.bewegungen / nullif(stadt.einwohner, 0) as fluktuation_stadt,
        100.0 * stadt.saldo / nullif(stadt.einwohner, 0) as saldo_stadt
    from minderjaehrige as stadtteil
    inner join minderjaehrige as stadt
        on stadt.stichtag = stadtteil.stichtag
        and stadt.stadtteil_nr = '00'
    where stadtteil.stadtteil_nr not in ('00', '99')
        and stadtteil.unvollstaendig = 0
        and stadt.unvollstaendig = 0
        and stadtteil.einwohner > 0
),

familien_warnung as (
    select
        stichtag,
        stadtteil_nr,
        'familien_fluktuation' as warnung,
        cast(null as varchar) as indikator_id,
        'Kinder und Jugendliche ziehen häufig zu, fort oder um: ' || {{ zahl_de('fluktuation', 1) }}
            || ' Bewegungen je 100 Minderjährige im Jahr (Stadt ' || {{ zahl_de('fluktuation_stadt', 1) }} || ')' as begruendung
    from familien
    where fluktuation > {{ var('fruehwarnung_fluktuation_faktor') }} * fluktuation_stadt
    union all
    select
        stichtag,
        stadtteil_nr,
        'familien_abwanderung',
        null,
        'Familien ziehen weg: Wanderungssaldo der Minderjährigen ' || {{ zahl_de('saldo', 1) }}
            || ' je 100 im Jahr (Stadt ' || {{ zahl_de('saldo_stadt', 1) }} || ')'
    from familien
    where saldo < saldo_stadt - {{ var('fruehwarnung_saldo_abstand') }}
)

select * from index_steigt
union all
select * from trend_warnung
union all
select * from kita_warnung
union all
select * from familien_warnung
