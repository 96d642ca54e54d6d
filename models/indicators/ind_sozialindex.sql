-- Social index (Sozialindex Kinder und Familien) per Stichtag and district 01-11 with one
-- z_<indikator_id> column per index indicator: the columns this model's contract declares
-- (models/indicators/_indicators__models.yml); test sozialindex_spalten holds them equal to the
-- catalogue's index indicators (seed indikatoren, im_index).
{%- set index_indikatoren = [] %}
{%- for spalte in model.columns if spalte.startswith('z_') %}
    {%- do index_indikatoren.append(spalte[2:]) %}
{%- endfor %}

with stadtteile as (
    select * from {{ ref('int_sozialindex__stadtteile') }}
    where {{ im_lauf() }}
),

z_spalten as (
    select
        stichtag,
        stadtteil_nr
        {%- for indikator_id in index_indikatoren %},
        max(z) filter (where indikator_id = '{{ indikator_id }}') as z_{{ indikator_id }}
        {%- endfor %}
    from {{ ref('int_sozialindex__z') }}
    where {{ im_lauf() }}
    group by stichtag, stadtteil_nr
)

select
    stadtteile.stichtag,
    stadtteile.stadtteil_nr,
    stadtteile.indexwert,
    stadtteile.klasse,
    stadtteile.veraenderung_vorjahr,
    stadtteile.handlungsbedarf,
    {%- for indikator_id in index_indikatoren %}
    z_spalten.z_{{ indikator_id }},
    {%- endfor %}
    stadtteile.anzahl_indikatoren,
    stadtteile.hinweis
from stadtteile
inner join z_spalten
    on z_spalten.stichtag = stadtteile.stichtag
    and z_spalten.stadtteil_nr = stadtteile.stadtteil_nr
