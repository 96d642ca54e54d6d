select
    indikator_id,
    thema,
    name,
    zaehler,
    nenner,
    einheit,
    quelle,
    aufschluesselung,
    richtung,
    -- published as the catalogue of the specification writes it
    case when im_index then 'ja' else 'nein' end as im_index
from {{ ref('dim_indikator') }}
