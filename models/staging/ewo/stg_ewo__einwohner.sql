with einwohner as (
    select * from {{ source('ewo', 'einwohner') }}
),

abgeleitet as (
    select
        einwohner.stichtag,
        einwohner.lade_id,
        einwohner.zeile,
        einwohner.pers_pseudonym,
        einwohner.hh_pseudonym,
        einwohner.geb_jahr,
        einwohner.geb_monat,
        {{ alter_am_stichtag('einwohner.stichtag', 'einwohner.geb_jahr') }} as alter,
        einwohner.geschlecht,
        einwohner.staatsang_1,
        einwohner.staatsang_2,
        einwohner.geburtsland,
        einwohner.einbuergerung = 'J' as eingebuergert,
        {{ herkunft('einwohner.staatsang_1', 'einwohner.staatsang_2', 'einwohner.geburtsland', 'einwohner.einbuergerung') }} as herkunft,
        einwohner.str_schl,
        einwohner.hnr,
        einwohner.hnr_zus,
        einwohner.zuzug_datum
    from einwohner
)

select * from abgeleitet
