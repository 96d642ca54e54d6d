{#- A number as German text with `stellen` decimals (decimal comma), for reasons written to people.
    DuckDB formats with printf; PostgreSQL (the dbt-postgres benchmark peer) with to_char. -#}
{% macro zahl_de(ausdruck, stellen=1) -%}
    {{ return(adapter.dispatch('zahl_de', 'sozialmonitor')(ausdruck, stellen)) }}
{%- endmacro %}

{% macro duckdb__zahl_de(ausdruck, stellen) -%}
    replace(printf('%.{{ stellen }}f', cast({{ ausdruck }} as double)), '.', ',')
{%- endmacro %}

{% macro default__zahl_de(ausdruck, stellen) -%}
    replace(to_char(cast({{ ausdruck }} as numeric), 'FM999999990{% if stellen %}.{{ "0" * stellen }}{% endif %}'), '.', ',')
{%- endmacro %}
