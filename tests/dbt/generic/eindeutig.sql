{#- The combination of `spalten` identifies a row (NULLs compare equal, as in a key). -#}
{% test eindeutig(model, spalten) %}
select {{ spalten | join(', ') }}, count(*) as anzahl
from {{ model }}
group by {{ spalten | join(', ') }}
having count(*) > 1
{% endtest %}
