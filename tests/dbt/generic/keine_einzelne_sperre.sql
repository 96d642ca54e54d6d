{#- Disclosure control: in no published margin is exactly one cell suppressed while others are
    shown, because the total would reveal it (the only cell of a margin is its total). -#}
{% test keine_einzelne_sperre(model, margin) %}
select {{ margin | join(', ') }}, count(*) as zellen
from {{ model }}
group by {{ margin | join(', ') }}
having count(*) filter (where gesperrt) = 1 and count(*) > 1
{% endtest %}
