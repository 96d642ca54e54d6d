with untersuchungen as (
    select * from {{ source('seu', 'untersuchungen') }}
),

abgeleitet as (
    select
        stichtag,
        lade_id,
        zeile,
        unters_pseudonym,
        geb_jahr,
        geb_monat,
        {{ alter_am_stichtag('stichtag', 'geb_jahr') }} as alter,
        geschlecht,
        str_schl,
        hnr,
        hnr_zus,
        unters_datum,
        groesse_cm,
        gewicht_kg,
        gewichtsklasse,
        deutsch_foerderbedarf = 'J' as deutsch_foerderbedarf,
        masern_impfung,
        u9_vorgelegt = 'J' as u9_vorgelegt,
        kita_jahre
    from untersuchungen
)

select * from abgeleitet
