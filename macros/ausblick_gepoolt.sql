{#- A district's rate pooled with the city's, so that a small district does not project its
    chance events: (observed + k * city value) / (at risk + k). k is the weight of the city in
    persons (or events) and comes from a var per rate; the outlook's rate models use it. -#}
{% macro ausblick_gepoolt(beobachtet, bestand, stadtwert, k) -%}
    ({{ beobachtet }} + {{ k }} * {{ stadtwert }}) / ({{ bestand }} + {{ k }})
{%- endmacro %}
