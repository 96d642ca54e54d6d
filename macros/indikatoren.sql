{#- Indicators are computed from seed indikator_definitionen (joined with the catalogue):
    each row names the fact model, the column summed and the row filter of its numerator and
    denominator. One macro per shape (anzahl and bewegung, quote, veraenderung) emits the sums the shape
    needs as rows (rolle zaehler / nenner / vorjahr); fct_indikatoren turns them into values. -#}

{#- Compile time: the definitions as a list of rows; empty while the seeds are not loaded yet
    (dbt parse, docs generate on an empty warehouse), so every model still compiles. -#}
{% macro indikator_definitionen() %}
    {%- if not execute -%}{{ return([]) }}{%- endif -%}
    {%- if load_relation(ref('indikator_definitionen')) is none or load_relation(ref('indikatoren')) is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set abfrage -%}
        select definitionen.*, katalog.aufschluesselung
        from {{ ref('indikator_definitionen') }} as definitionen
        inner join {{ ref('indikatoren') }} as katalog using (indikator_id)
        order by definitionen.indikator_id
    {%- endset -%}
    {{ return(run_query(abfrage).rows) }}
{% endmacro %}

{#- 'gesamt' plus the breakdowns the catalogue lists for the indicator. -#}
{% macro indikator_merkmale(definition) -%}
    {%- set merkmale = ['gesamt'] -%}
    {%- for merkmal in (definition['aufschluesselung'] or '').split(',') if merkmal.strip() -%}
        {%- do merkmale.append(merkmal.strip()) -%}
    {%- endfor -%}
    {{ return(merkmale) }}
{%- endmacro %}

{#- Sum of `spalte` over the rows of `modell` matching `filter`, per Stichtag, district and
    category of each breakdown. The city (00) is the sum over all rows (stadtwert 'summe') or the
    fact's own 00 row (stadtwert 'gesamtzeile', the Jobcenter's exact total). `unbekannt` is true
    when a summed cell is unknown (NULL). `vorjahre` reads an earlier Stichtag and dates it forward. -#}
{% macro indikator_summe(definition, rolle, modell, spalte, filter, vorjahre=0) -%}
    {#- 'gesamtzeile' names the numerator's model (the Jobcenter's total row); a denominator from
        another model (population) is still summed over the whole city. -#}
    {%- set stadt_summe = definition['stadtwert'] == 'summe' or modell != definition['zaehler_modell'] -%}
    {%- for merkmal in indikator_merkmale(definition) %}
    {%- set kategorie = [] if merkmal == 'gesamt' else [merkmal] %}
    select
        '{{ definition["indikator_id"] }}' as indikator_id,
        '{{ rolle }}' as rolle,
        cast(stichtag{% if vorjahre %} + interval '{{ vorjahre }} year'{% endif %} as date) as stichtag,
        {% if stadt_summe %}case when grouping(stadtteil_nr) = 1 then '00' else stadtteil_nr end{% else %}stadtteil_nr{% endif %} as stadtteil_nr,
        '{{ merkmal }}' as merkmal,
        {% if kategorie %}cast({{ merkmal }} as varchar){% else %}'gesamt'{% endif %} as auspraegung,
        cast(sum({{ spalte }}) as double precision) as summe,
        bool_or({{ spalte }} is null) as unbekannt
    from {{ ref(modell) }}
    where {{ im_lauf(vorjahre=vorjahre) }}{% if filter %} and ({{ filter }}){% endif %}
    group by
        {%- if stadt_summe %}
        grouping sets ((stichtag, stadtteil_nr{% for k in kategorie %}, {{ k }}{% endfor %}), (stichtag{% for k in kategorie %}, {{ k }}{% endfor %}))
        {%- else %}
        stichtag, stadtteil_nr{% for k in kategorie %}, {{ k }}{% endfor %}
        {%- endif %}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- anzahl: the value is the numerator (a count or sum). -#}
{% macro indikator_anzahl(definition) -%}
    {{ indikator_summe(definition, 'zaehler', definition['zaehler_modell'], definition['zaehler_spalte'], definition['zaehler_filter']) }}
{%- endmacro %}

{#- quote: share or rate, numerator and denominator both restricted to the category. -#}
{% macro indikator_quote(definition) -%}
    {{ indikator_summe(definition, 'zaehler', definition['zaehler_modell'], definition['zaehler_spalte'], definition['zaehler_filter']) }}
    union all
    {{ indikator_summe(definition, 'nenner', definition['nenner_modell'], definition['nenner_spalte'], definition['nenner_filter']) }}
{%- endmacro %}

{#- veraenderung: change against the previous Stichtag (numerator: now minus then, denominator: then). -#}
{% macro indikator_veraenderung(definition) -%}
    {{ indikator_summe(definition, 'zaehler', definition['zaehler_modell'], definition['zaehler_spalte'], definition['zaehler_filter']) }}
    union all
    {{ indikator_summe(definition, 'vorjahr', definition['zaehler_modell'], definition['zaehler_spalte'], definition['zaehler_filter'], vorjahre=1) }}
{%- endmacro %}

{#- bewegung: a count of population movements, which exist only where the previous Stichtag does. -#}
{% macro indikator_form(definition) -%}
    {%- if definition['form'] in ('anzahl', 'bewegung') -%}{{ indikator_anzahl(definition) }}
    {%- elif definition['form'] == 'quote' -%}{{ indikator_quote(definition) }}
    {%- elif definition['form'] == 'veraenderung' -%}{{ indikator_veraenderung(definition) }}
    {%- else -%}{{ exceptions.raise_compiler_error("indikator_definitionen: unbekannte form '" ~ definition['form'] ~ "' für " ~ definition['indikator_id']) }}
    {%- endif -%}
{%- endmacro %}

{#- Value from numerator and denominator by the catalogue's unit. -#}
{% macro einheit_wert(einheit, zaehler, nenner) -%}
    case {{ einheit }}
        when 'anzahl' then {{ zaehler }}
        when 'prozent' then 100.0 * {{ zaehler }} / {{ nenner }}
        when 'je_100' then 100.0 * {{ zaehler }} / {{ nenner }}
        when 'je_1000' then 1000.0 * {{ zaehler }} / {{ nenner }}
        when 'qm' then 1.0 * {{ zaehler }} / {{ nenner }}
    end
{%- endmacro %}
