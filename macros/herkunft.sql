{#- Origin (Herkunft) by the contract rule: no German nationality -> auslaendisch; German with a
    second foreign nationality, foreign birth country or naturalisation -> deutsch_mit_migrationshinweis. -#}
{% macro herkunft(staatsang_1, staatsang_2, geburtsland, einbuergerung) -%}
    case
        when coalesce({{ staatsang_1 }}, '') <> 'DE' and coalesce({{ staatsang_2 }}, '') <> 'DE'
            then 'auslaendisch'
        when coalesce({{ staatsang_1 }}, 'DE') <> 'DE'
            or coalesce({{ staatsang_2 }}, 'DE') <> 'DE'
            or coalesce({{ geburtsland }}, 'DE') <> 'DE'
            or {{ einbuergerung }} = 'J'
            then 'deutsch_mit_migrationshinweis'
        else 'deutsch'
    end
{%- endmacro %}
