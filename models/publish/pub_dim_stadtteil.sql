-- Published districts, with 00 (the whole city) and 99 (address not assignable).
select stadtteil_nr, name
from {{ ref('dim_stadtteil') }}
