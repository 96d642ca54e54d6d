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
