-- The indicator catalogue as delivered in the specification (seed indikatoren).
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
