-- Published back-test of the projection: mean absolute percentage error per Stichtag, district
-- (00 = city), age group and years ahead (percentages over whole groups, no counts).
select
    stichtag,
    stadtteil_nr,
    fehlergruppe,
    jahre_voraus,
    basen,
    mape,
    verzerrung
from {{ ref('ind_vorausberechnung_fehler') }}
