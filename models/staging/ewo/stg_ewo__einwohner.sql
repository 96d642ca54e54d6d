-- Residents with age on the Stichtag, age group, origin and district of their address.
with einwohner as (
    select * from {{ source('raw', 'ewo_einwohner') }}
),

altersgruppen as (
    select auspraegung as altersgruppe, alter_von, alter_bis
    from {{ ref('merkmale') }}
    where merkmal = 'altersgruppe'
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
),

mit_altersgruppe as (
    select
        abgeleitet.*,
        altersgruppen.altersgruppe
    from abgeleitet
    left join altersgruppen
        on abgeleitet.alter >= altersgruppen.alter_von
        and (altersgruppen.alter_bis is null or abgeleitet.alter <= altersgruppen.alter_bis)
)

{{ stadtteil_zuordnung('mit_altersgruppe') }}
