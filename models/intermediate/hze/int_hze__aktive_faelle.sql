-- HzE cases active on the Stichtag: begun by 31.12. and not ended before it.
select *
from {{ ref('stg_hze__faelle') }}
where beginn <= stichtag
    and (ende is null or ende >= stichtag)
