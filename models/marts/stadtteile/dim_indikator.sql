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
    im_index
from {{ ref('indikatoren') }}
