{#- Every breakdown the catalogue lists for an indicator (seed indikatoren, aufschluesselung) is
    offered by the fact models of its numerator and denominator (macro indikator_definitionen,
    aufschluesselungen); otherwise its cells would count nothing. Returns the pairs that are not. -#}
{%- set definitionen = indikator_definitionen() %}
{%- set angeboten = [] %}
{%- for indikator_id, definition in definitionen['indikatoren'].items() %}
    {%- for merkmal in definitionen['aufschluesselungen'].get(definition['zaehler']['modell'], []) %}
        {%- set nenner = definition.get('nenner') %}
        {%- if not nenner or merkmal in definitionen['aufschluesselungen'].get(nenner['modell'], []) %}
            {%- do angeboten.append("('" ~ indikator_id ~ "', '" ~ merkmal ~ "')") %}
        {%- endif %}
    {%- endfor %}
{%- endfor %}
with katalog as (
    select
        katalog.indikator_id,
        merkmale.merkmal
    from {{ ref('indikatoren') }} as katalog
    inner join (select distinct merkmal from {{ ref('merkmale') }}) as merkmale
        on position(',' || merkmale.merkmal || ',' in ',' || katalog.aufschluesselung || ',') > 0
),

angeboten as (
    select * from (values {{ angeboten | join(', ') }}) as angeboten (indikator_id, merkmal)
)

select * from katalog
except
select * from angeboten
