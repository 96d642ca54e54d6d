-- z-scores of the index indicators per Stichtag and district 01-11: z = richtung * (wert - m) / s
-- with mean m and population standard deviation s of the district values as published;
-- z = 0 when s = 0, missing when the value is missing. A value that disclosure control
-- suppresses counts as missing: it enters neither m, s nor any z, so nothing published
-- (z-scores, index, its change) lets it be solved back (indicators.md, social index).
with index_indikatoren as (
    select indikator_id, richtung
    from {{ ref('dim_indikator') }}
    where im_index
),

werte as (
    select
        indikatoren.stichtag,
        indikatoren.stadtteil_nr,
        indikatoren.indikator_id,
        index_indikatoren.richtung,
        case when not indikatoren.gesperrt then indikatoren.wert end as wert
    from {{ ref('ind_indikatoren_geheimhaltung') }} as indikatoren
    inner join index_indikatoren
        on index_indikatoren.indikator_id = indikatoren.indikator_id
    inner join {{ ref('stadtteile') }} as stadtteile
        on stadtteile.stadtteil_nr = indikatoren.stadtteil_nr
    where indikatoren.merkmal = 'gesamt'
),

verteilung as (
    select
        stichtag,
        indikator_id,
        avg(wert) as mittelwert,
        stddev_pop(wert) as standardabweichung
    from werte
    group by stichtag, indikator_id
)

select
    werte.stichtag,
    werte.stadtteil_nr,
    werte.indikator_id,
    werte.richtung,
    werte.wert,
    verteilung.mittelwert,
    verteilung.standardabweichung,
    case
        when werte.wert is null then null
        when verteilung.standardabweichung = 0 then 0.0
        else werte.richtung * (werte.wert - verteilung.mittelwert) / verteilung.standardabweichung
    end as z
from werte
inner join verteilung
    on verteilung.stichtag = werte.stichtag
    and verteilung.indikator_id = werte.indikator_id
