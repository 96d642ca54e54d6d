{#- Sum of one part (zaehler or nenner) of an indicator per Stichtag, district and category of
    'gesamt' and of each breakdown the catalogue lists for it (CTE aufschluesselungen of
    ind_indikatoren, read at run time). The city (00) is the sum over all rows, or the numerator
    model's own 00 row (stadtwert gesamtzeile); a denominator from another model (population) is
    still summed over the whole city. `unbekannt`: a summed cell is unknown (NULL). `vorjahre`
    reads an earlier Stichtag and dates it forward. -#}
{% macro indikator_summe(indikator_id, definition, rolle, teil, vorjahre=0) -%}
    {%- set modell = definition[teil]['modell'] -%}
    {%- set stadt_summe = definition.get('stadtwert', 'summe') == 'summe' or modell != definition['zaehler']['modell'] -%}
    select
        '{{ indikator_id }}' as indikator_id,
        '{{ rolle }}' as rolle,
        cast(stichtag{% if vorjahre %} + interval '{{ vorjahre }} year'{% endif %} as date) as stichtag,
        {% if stadt_summe %}case when grouping(stadtteil_nr) = 1 then '00' else stadtteil_nr end{% else %}stadtteil_nr{% endif %} as stadtteil_nr,
        merkmal,
        auspraegung,
        cast(sum(summand) as double precision) as summe,
        bool_or(summand is null) as unbekannt
    from (
        select
            fakten.stichtag,
            fakten.stadtteil_nr,
            fakten.{{ definition[teil]['spalte'] }} as summand,
            aufschluesselungen.merkmal,
            case aufschluesselungen.merkmal
                when 'gesamt' then 'gesamt'
                {%- for merkmal in indikator_definitionen()['aufschluesselungen'].get(modell, []) %}
                when '{{ merkmal }}' then cast(fakten.{{ merkmal }} as varchar)
                {%- endfor %}
            end as auspraegung
        from {{ ref(modell) }} as fakten
        inner join aufschluesselungen
            on aufschluesselungen.indikator_id = '{{ indikator_id }}'
        where {{ im_lauf('fakten.stichtag', vorjahre=vorjahre) }}
            {%- for spalte, bedingung in definition[teil].get('filter', {}).items() %}
            and {{ indikator_filter('fakten.' ~ spalte, bedingung) }}
            {%- endfor %}
    ) as zeilen
    group by
        {%- if stadt_summe %}
        grouping sets ((stichtag, stadtteil_nr, merkmal, auspraegung), (stichtag, merkmal, auspraegung))
        {%- else %}
        stichtag, stadtteil_nr, merkmal, auspraegung
        {%- endif %}
{%- endmacro %}
