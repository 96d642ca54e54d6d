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
    from {{ source('sgb2', 'stadtteile') }}
),

zellen as (
    -- one row per cell, empty cells included
    select stadtteile.*, kennzahlen.kennzahl, kennzahlen.zelle
    from stadtteile
    cross join lateral (values
        ('bedarfsgemeinschaften', bedarfsgemeinschaften),
        ('regelleistungsberechtigte', regelleistungsberechtigte),
        ('elb', elb),
        ('elb_frauen', elb_frauen),
        ('elb_auslaender', elb_auslaender),
        ('elb_15_bis_24', elb_15_bis_24),
        ('elb_langzeit', elb_langzeit),
        ('nef', nef),
        ('nef_unter_15', nef_unter_15)
    ) as kennzahlen (kennzahl, zelle)
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
