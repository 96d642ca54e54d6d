with einrichtungen as (
    select * from {{ source('sozialplanung', 'einrichtungen') }}
),

abgeleitet as (
    select
        stichtag,
        lade_id,
        zeile,
        einrichtung_nr,
        typ,
        name,
        traeger,
        str_schl,
        hnr,
        hnr_zus,
        plaetze,
        plaetze_u3
    from einrichtungen
)

select * from abgeleitet
