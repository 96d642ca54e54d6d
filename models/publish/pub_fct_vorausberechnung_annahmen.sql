select * from {{ ref('fct_vorausberechnung_annahmen') }}
