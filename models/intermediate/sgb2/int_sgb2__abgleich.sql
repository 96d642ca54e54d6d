with zellen as (
    select * from {{ ref('int_sgb2__kennzahlen') }}
),

abgleich as (
    select
        stichtag,
        kennzahl,
        max(anzahl) filter (where stadtteil_nr = '00') as gesamt,
        coalesce(sum(anzahl) filter (where stadtteil_nr <> '00'), 0) as summe_bekannt,
        count(*) filter (where stadtteil_nr <> '00' and gesperrt) as gesperrte_zellen
    from zellen
    group by stichtag, kennzahl
)

select
    stichtag,
    kennzahl,
    gesamt,
    cast(summe_bekannt as bigint) as summe_bekannt,
    gesperrte_zellen,
    gesamt - summe_bekannt as differenz,
    coalesce(
        gesamt - summe_bekannt between gesperrte_zellen and 2 * gesperrte_zellen,
        false
    ) as abgeglichen
from abgleich
