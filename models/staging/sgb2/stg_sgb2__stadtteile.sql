-- Jobcenter cells, one row per district (or total row 00) and Kennzahl; the cell text stays as
-- delivered and is decoded in int_sgb2__kennzahlen.
with stadtteile as (
    select
        stichtag,
        lade_id,
        zeile,
        stadtteil_nr,
        stadtteil_bezeichnung,
        bedarfsgemeinschaften,
        regelleistungsberechtigte,
        elb,
        elb_frauen,
        elb_auslaender,
        elb_15_bis_24,
        elb_langzeit,
        nef,
        nef_unter_15
    from {{ source('raw', 'sgb2_stadtteile') }}
),

zellen as (
    select * from stadtteile
    unpivot include nulls (zelle for kennzahl in (
        bedarfsgemeinschaften, regelleistungsberechtigte, elb, elb_frauen, elb_auslaender,
        elb_15_bis_24, elb_langzeit, nef, nef_unter_15
    ))
)

select
    stichtag,
    lade_id,
    zeile,
    stadtteil_nr,
    stadtteil_bezeichnung,
    kennzahl,
    trim(zelle) as zelle
from zellen
