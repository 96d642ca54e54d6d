{#- The value of `spalte` in the first row of the group by `ordnung` (an ORDER BY list).
    DuckDB has the aggregate first(); PostgreSQL (the dbt-postgres benchmark peer) takes the
    first element of the ordered array. -#}
{% macro erster(spalte, ordnung) -%}
    {{ return(adapter.dispatch('erster', 'sozialmonitor')(spalte, ordnung)) }}
{%- endmacro %}

{% macro duckdb__erster(spalte, ordnung) -%}
    first({{ spalte }} order by {{ ordnung }})
{%- endmacro %}

{% macro default__erster(spalte, ordnung) -%}
    (array_agg({{ spalte }} order by {{ ordnung }}))[1]
{%- endmacro %}
