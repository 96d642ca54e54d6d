select *
from {{ ref('int_hze_faelle__mit_stadtteil') }}
where beginn <= stichtag
    and (ende is null or ende >= stichtag)
