with kinder as (
    select * from {{ source('kita', 'kinder') }}
),

abgeleitet as (
    select
        stichtag,
        lade_id,
        zeile,
        kind_pseudonym,
        geb_jahr,
        geb_monat,
        {{ alter_am_stichtag('stichtag', 'geb_jahr') }} as alter,
        geschlecht,
        wohnort_ags,
        str_schl,
        hnr,
        hnr_zus,
        einrichtung_nr,
        betreuungsart,
        wochenstunden,
        aufnahme_datum
    from kinder
)

select * from abgeleitet
