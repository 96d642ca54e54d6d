{#- The Stichtag of this run (dbt var `stichtag`, YYYY-12-31) as a DATE literal. -#}
{% macro stichtag() -%}
    {%- set wert = var('stichtag', none) -%}
    {%- if wert is none or not modules.re.fullmatch('[0-9]{4}-12-31', wert | string) -%}
        {{ exceptions.raise_compiler_error("dbt var 'stichtag' muss ein 31. Dezember sein (YYYY-12-31), ist: " ~ wert) }}
    {%- endif -%}
    date '{{ wert }}'
{%- endmacro %}

{#- Rows this run computes: on an incremental run only the Stichtag of the run (shifted back by
    `vorjahre` years to read a previous Stichtag), on a full build every Stichtag. -#}
{% macro im_lauf(spalte='stichtag', vorjahre=0) -%}
    {%- if is_incremental() -%}
        {{ spalte }} = {{ stichtag() }}{% if vorjahre %} - interval '{{ vorjahre }} year'{% endif %}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- Age on the Stichtag 31.12.: Stichtag year minus birth year (contract definition). -#}
{% macro alter_am_stichtag(stichtag_spalte, geb_jahr_spalte) -%}
    cast(extract(year from {{ stichtag_spalte }}) - {{ geb_jahr_spalte }} as smallint)
{%- endmacro %}
