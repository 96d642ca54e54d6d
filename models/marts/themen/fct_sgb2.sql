with zellen as (
    select * from {{ ref('int_sgb2__kennzahlen') }}
    where {{ im_lauf() }}
)

select
    stichtag,
    stadtteil_nr,
    {%- for kennzahl in ['bedarfsgemeinschaften', 'regelleistungsberechtigte', 'elb', 'elb_frauen',
        'elb_auslaender', 'elb_15_bis_24', 'elb_langzeit', 'nef', 'nef_unter_15'] %}
    max(anzahl) filter (where kennzahl = '{{ kennzahl }}') as {{ kennzahl }},
    {%- endfor %}
    cast(count(*) filter (where gesperrt) as bigint) as gesperrte_zellen
from zellen
group by stichtag, stadtteil_nr
