{#- Disclosure control (indicators.md): secondary suppression over published margins.

    `relation` has a boolean column `gesperrt_primaer` (primary suppression) and a numeric column `wert`
    used to pick the next smallest cell. `margins` lists the partitions whose cells add up to a
    published total (a breakdown adds up to its 'gesamt', districts add up to the city). Where a
    margin holds exactly one suppressed cell, it would be recoverable from the total, so the
    smallest other cell (preferring non-zero ones) is suppressed too. Suppressing one cell can
    leave another margin with a single one, hence `runden` passes over all margins. Ties between
    equal cells are broken by `schluessel` (the cell's key), so every run suppresses the same cells.
    Each pass adds its result as a new column (gesperrt_1, ...; the last one is `gesperrt`), SQL
    that DuckDB and PostgreSQL both accept; callers select the columns they publish. -#}
{% macro sekundaersperre(relation, wert, schluessel, margins, runden=8) -%}
    {%- set schritte = [] -%}
    {%- for runde in range(runden) -%}
        {%- for margin in margins -%}
            {%- do schritte.append(margin) -%}
        {%- endfor -%}
    {%- endfor -%}
    with sperre_0 as (select * from {{ relation }})
    {%- for margin in schritte %}
    {%- set vorher = 'gesperrt_primaer' if loop.first else 'gesperrt_' ~ loop.index0 %},
    sperre_{{ loop.index }} as (
        select
            *,
            {{ vorher }} or (
                count(*) filter (where {{ vorher }}) over margin = 1
                and row_number() over (margin order by {{ vorher }}, {{ wert }} = 0, {{ wert }}, {{ schluessel | join(', ') }}) = 1
            ) as {{ 'gesperrt' if loop.last else 'gesperrt_' ~ loop.index }}
        from sperre_{{ loop.index0 }}
        window margin as (partition by {{ margin | join(', ') }})
    )
    {%- endfor %}
    select * from sperre_{{ schritte | length }}
{%- endmacro %}
