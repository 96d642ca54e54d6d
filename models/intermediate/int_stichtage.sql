-- Every Stichtag with at least one accepted delivery: the Stichtage a full build computes.
select distinct stichtag
from {{ source('raw', 'ladeprotokoll') }}
where status = 'geladen'
