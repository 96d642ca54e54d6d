{#- Sex for publication (the official statistics' practice for small areas, as in the Zensus and the
    population statistics): the rare entries d (divers) and x (ohne Angabe) would be suppressed in every
    district and pull whole breakdowns into secondary suppression, so each such person is assigned to
    m or w. The assignment is deterministic per pseudonym (the last hex digit of its MD5 hash: even -> m,
    odd -> w), so a person keeps it in every run and year, and it is SQL DuckDB and PostgreSQL accept.
    Exact entries stay in staging; the marts count the assigned sex. -#}
{% macro geschlecht_veroeffentlicht(geschlecht, pseudonym) -%}
    case
        when {{ geschlecht }} in ('{{ geschlecht_zugeordnet() | join("', '") }}')
            then case when position(right(md5({{ pseudonym }}), 1) in '02468ace') > 0 then 'm' else 'w' end
        else {{ geschlecht }}
    end
{%- endmacro %}

{#- The entries assigned to m or w for publication: no published breakdown has them. -#}
{% macro geschlecht_zugeordnet() %}{{ return(['d', 'x']) }}{% endmacro %}
