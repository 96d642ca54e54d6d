with haushalte as (
    select * from {{ source('wohngeld', 'haushalte') }}
),

abgeleitet as (
    select
        stichtag,
        lade_id,
        zeile,
        wg_fall_pseudonym,
        str_schl,
        hnr,
        hnr_zus,
        haushalt_personen,
        kinder_unter_18,
        coalesce(kinder_unter_18, 0) > 0 as mit_kindern,
        wohngeld_eur,
        art,
        bewilligt_ab,
        bewilligt_bis
    from haushalte
)

select * from abgeleitet
