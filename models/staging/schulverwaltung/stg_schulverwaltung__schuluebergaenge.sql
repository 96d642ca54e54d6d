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
        schulform,
        case schulform
            when 'GY' then 'Gymnasium'
            when 'GE' then 'Gesamtschule'
            when 'RS' then 'Realschule'
            when 'HS' then 'Hauptschule'
            when 'SK' then 'Sekundarschule'
            when 'FS' then 'Förderschule'
            when 'SO' then 'sonstige oder verzogen'
        end as schulform_bezeichnung
    from uebergaenge
)

select * from abgeleitet
