-- Facilities of the social infrastructure with the district of their address.
with einrichtungen as (
    select * from {{ source('raw', 'einrichtungen') }}
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

{{ stadtteil_zuordnung('abgeleitet') }}
