{#- The Stichtag of this run (YYYY-12-31) as a DATE literal, from the environment variable
    SOZIALMONITOR_STICHTAG (set per build by the CLI and Dagster: transform.ENV_STICHTAG).
    Read only while executing, never while parsing: dbt parses the whole project again when
    --vars change, and a file again when an environment variable its parse read changes; so
    one parsed manifest serves every Stichtag (partial parsing). -#}
{% macro stichtag() -%}
    {%- if execute -%}
        {%- set wert = env_var('SOZIALMONITOR_STICHTAG', '') -%}
        {%- if not modules.re.fullmatch('[0-9]{4}-12-31', wert) -%}
            {{ exceptions.raise_compiler_error("Umgebungsvariable SOZIALMONITOR_STICHTAG muss ein 31. Dezember sein (JJJJ-12-31), ist: '" ~ wert ~ "'") }}
        {%- endif -%}
        date '{{ wert }}'
    {%- else -%}
        cast(null as date)  {#- parsing: only the shape of the SQL matters -#}
    {%- endif -%}
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
