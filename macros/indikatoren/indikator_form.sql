{#- The sums an indicator's form needs, as rows (rolle zaehler / nenner / vorjahr). Movements
    (bewegung) are summed like a count; that they exist only where the previous Stichtag does is
    decided in ind_indikatoren. -#}
{% macro indikator_form(indikator_id, definition) -%}
    {%- if definition['form'] in ('anzahl', 'bewegung') -%}{{ indikator_anzahl(indikator_id, definition) }}
    {%- elif definition['form'] == 'quote' -%}{{ indikator_quote(indikator_id, definition) }}
    {%- elif definition['form'] == 'veraenderung' -%}{{ indikator_veraenderung(indikator_id, definition) }}
    {%- else -%}{{ exceptions.raise_compiler_error("indikator_definitionen: unbekannte form '" ~ definition['form'] ~ "' für " ~ indikator_id) }}
    {%- endif -%}
{%- endmacro %}
