-- Published assumptions and parameters of the projection per base Stichtag.
select * from {{ ref('ind_vorausberechnung_annahmen') }}
