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
        case gewichtsklasse
            when 1 then 'starkes Untergewicht'
            when 2 then 'Untergewicht'
            when 3 then 'Normalgewicht'
            when 4 then 'Übergewicht'
            when 5 then 'Adipositas'
        end as gewichtsklasse_bezeichnung,
        deutsch_foerderbedarf = 'J' as deutsch_foerderbedarf,
        masern_impfung,
        case masern_impfung
            when 2 then 'vollständig'
            when 1 then 'unvollständig'
            when 0 then 'keine'
            when 9 then 'kein Impfnachweis'
        end as masern_impfung_bezeichnung,
        u9_vorgelegt = 'J' as u9_vorgelegt,
        kita_jahre
    from untersuchungen
)

select * from abgeleitet
