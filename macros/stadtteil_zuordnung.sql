{#- Address assignment, the project's central rule: one view per address-bearing source in
    models/intermediate/zuordnung calls it. `zeilen` is a relation with stichtag, str_schl, hnr, hnr_zus. Match (STR_SCHL, HNR, HNR_ZUS) exactly
    against the address register of the same Stichtag, else (STR_SCHL, HNR) without suffix, else
    district 99; rows are never dropped. With `ags_spalte`, rows whose municipality is not the one in
    seed `gemeinde` get no district ('ausserhalb_gemeinde') and stay out of district figures. -#}
{% macro stadtteil_zuordnung(zeilen, ags_spalte=none) -%}
    {%- set ausserhalb -%}
        {%- if ags_spalte %}zeilen.{{ ags_spalte }} is distinct from gemeinde.ags{% else %}false{% endif -%}
    {%- endset -%}
    select
        zeilen.*,
        case
            when {{ ausserhalb }} then null
            else coalesce(exakt.stadtteil_nr, ohne_zusatz.stadtteil_nr, '99')
        end as stadtteil_nr,
        case
            when {{ ausserhalb }} then 'ausserhalb_gemeinde'
            when exakt.stadtteil_nr is not null then 'exakt'
            when ohne_zusatz.stadtteil_nr is not null then 'ohne_zusatz'
            else 'nicht_zuordenbar'
        end as adresszuordnung
    from {{ zeilen }} as zeilen
    {%- if ags_spalte %}
    cross join {{ ref('gemeinde') }} as gemeinde
    {%- endif %}
    left join {{ ref('stg_kataster__adressen') }} as exakt
        on exakt.stichtag = zeilen.stichtag
        and exakt.str_schl = zeilen.str_schl
        and exakt.hnr = zeilen.hnr
        and coalesce(exakt.hnr_zus, '') = coalesce(zeilen.hnr_zus, '')
    left join {{ ref('stg_kataster__adressen') }} as ohne_zusatz
        on ohne_zusatz.stichtag = zeilen.stichtag
        and ohne_zusatz.str_schl = zeilen.str_schl
        and ohne_zusatz.hnr = zeilen.hnr
        and ohne_zusatz.hnr_zus is null
{%- endmacro %}
