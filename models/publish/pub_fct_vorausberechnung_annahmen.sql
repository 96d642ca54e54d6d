-- Published assumptions and parameters of the projection per base Stichtag.
select * from {{ ref('fct_vorausberechnung_annahmen') }}
