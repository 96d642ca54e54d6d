{#- Form quote: share or rate, numerator and denominator both restricted to the category. -#}
{% macro indikator_quote(indikator_id, definition) -%}
    {{ indikator_summe(indikator_id, definition, 'zaehler', 'zaehler') }}
    union all
    {{ indikator_summe(indikator_id, definition, 'nenner', 'nenner') }}
{%- endmacro %}
