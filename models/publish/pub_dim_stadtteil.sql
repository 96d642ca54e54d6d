select stadtteil_nr, name
from {{ ref('dim_stadtteil') }}
