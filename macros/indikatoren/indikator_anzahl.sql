{#- Form anzahl (and bewegung): the value is the numerator, a count or sum. -#}
{% macro indikator_anzahl(indikator_id, definition) -%}
    {{ indikator_summe(indikator_id, definition, 'zaehler', 'zaehler') }}
{%- endmacro %}
