with faelle as (
    select * from {{ source('hze', 'faelle') }}
),

abgeleitet as (
    select
        stichtag,
        lade_id,
        zeile,
        fall_pseudonym,
        geb_jahr,
        geb_monat,
        {{ alter_am_stichtag('stichtag', 'geb_jahr') }} as alter,
        geschlecht,
        str_schl,
        hnr,
        hnr_zus,
        hilfeart,
        -- residential care: §§ 33 (Vollzeitpflege) and 34 (Heimerziehung) SGB VIII
        hilfeart in ('33', '34') as stationaer,
        beginn,
        ende
    from faelle
)

select * from abgeleitet
