{#- Form veraenderung: change against the previous Stichtag; the numerator's sum now and then
    (rolle vorjahr), ind_indikatoren takes the difference and divides by the earlier sum. -#}
{% macro indikator_veraenderung(indikator_id, definition) -%}
    {{ indikator_summe(indikator_id, definition, 'zaehler', 'zaehler') }}
    union all
    {{ indikator_summe(indikator_id, definition, 'vorjahr', 'zaehler', vorjahre=1) }}
{%- endmacro %}
