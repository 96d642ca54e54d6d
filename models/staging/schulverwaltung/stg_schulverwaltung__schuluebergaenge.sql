with uebergaenge as (
    select * from {{ source('schulverwaltung', 'schuluebergaenge') }}
),

abgeleitet as (
    select
        stichtag,
        lade_id,
        zeile,
        schueler_pseudonym,
        geb_jahr,
        geb_monat,
        {{ alter_am_stichtag('stichtag', 'geb_jahr') }} as alter,
        geschlecht,
        str_schl,
        hnr,
        hnr_zus,
        grundschule_nr,
        schulform
    from uebergaenge
)

select * from abgeleitet
