{#- on-run-end: record a `dbt build` of the Stichtag in betrieb.bauprotokoll (release rules,
    sozialmonitor.freigabe): when it ran, whether every node passed, and whether the previous
    Stichtag was publishable when this build computed its changes against it. A full refresh
    rebuilds every Stichtag. Skipped where the table does not exist (the PostgreSQL peer), a
    partial build (--select) left out the Stichtage, or no Stichtag is set (macros/stichtag.sql). -#}
{% macro bau_protokollieren(results) -%}
    {#- outside any condition, so dbt sees the dependency when it parses the hook -#}
    {%- set stichtage = ref('int_stichtage__mit_vorjahr') -%}
    {%- if execute and flags.WHICH == 'build' and env_var('SOZIALMONITOR_STICHTAG', '') != '' -%}
        {%- set tabelle = adapter.get_relation(database=target.database, schema='betrieb', identifier='bauprotokoll') -%}
        {%- if tabelle is not none and load_relation(stichtage) is not none -%}
            {%- set fehler = results | selectattr('status', 'in', ['error', 'fail', 'runtime error', 'skipped']) | list -%}
            insert into {{ tabelle }}
            select
                gebaut.stichtag,
                now()::timestamp,
                {{ 'false' if fehler else 'true' }},
                gebaut.vorjahr_veroeffentlichbar
            from {{ stichtage }} as gebaut
            {%- if not flags.FULL_REFRESH %}
            where gebaut.stichtag = {{ stichtag() }}
            {%- endif %};
            commit  {#- dbt rolls the hook's transaction back otherwise #}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
