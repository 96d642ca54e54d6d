-- depends_on: {{ ref('indikatoren') }}
-- Social index (Sozialindex Kinder und Familien) per Stichtag and district 01-11 with one
-- z_<indikator_id> column per index indicator of the catalogue.
{%- set index_indikatoren = [] %}
{%- if execute and load_relation(ref('indikatoren')) is not none %}
    {%- set abfrage %}select indikator_id from {{ ref('indikatoren') }} where im_index order by indikator_id{% endset %}
    {%- set index_indikatoren = run_query(abfrage).columns[0].values() %}
{%- endif %}

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
