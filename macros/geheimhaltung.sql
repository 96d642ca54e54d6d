{#- Disclosure control (indicators.md): secondary suppression over published margins.

    `relation` has a boolean column `gesperrt` (primary suppression) and a numeric column `wert`
    used to pick the next smallest cell. `margins` lists the partitions whose cells add up to a
    published total (a breakdown adds up to its 'gesamt', districts add up to the city). Where a
    margin holds exactly one suppressed cell, it would be recoverable from the total, so the
    smallest other cell (preferring non-zero ones) is suppressed too. Suppressing one cell can
    leave another margin with a single one, hence `runden` passes over all margins. Ties between
    equal cells are broken by `schluessel` (the cell's key), so every run suppresses the same cells. -#}
{% macro sekundaersperre(relation, wert, schluessel, margins, runden=8) -%}
    {%- set schritte = [] -%}
    {%- for runde in range(runden) -%}
        {%- for margin in margins -%}
            {%- do schritte.append(margin) -%}
        {%- endfor -%}
    {%- endfor -%}
    with sperre_0 as (select * from {{ relation }})
    {%- for margin in schritte %},
    sperre_{{ loop.index }} as (
        select * replace (
            gesperrt or (
                count(*) filter (where gesperrt) over margin = 1
                and row_number() over (margin order by gesperrt, {{ wert }} = 0, {{ wert }}, {{ schluessel | join(', ') }}) = 1
            ) as gesperrt
        )
        from sperre_{{ loop.index0 }}
        window margin as (partition by {{ margin | join(', ') }})
    )
    {%- endfor %}
    select * from sperre_{{ schritte | length }}
{%- endmacro %}
