{#- A Stichtag within the base window of a projection base: the base and the
    ausblick_basisjahre - 1 Stichtage before it. -#}
{% macro im_basisfenster(spalte, basis) -%}
    {{ spalte }} <= {{ basis }}
        and {{ spalte }} > {{ basis }} - interval '{{ var("ausblick_basisjahre") }} year'
{%- endmacro %}
