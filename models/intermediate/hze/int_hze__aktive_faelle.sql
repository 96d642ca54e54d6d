-- HzE cases active on the Stichtag: begun by 31.12. and not ended before it.
select *
from {{ ref('int_hze_faelle__mit_stadtteil') }}
where beginn <= stichtag
    and (ende is null or ende >= stichtag)
