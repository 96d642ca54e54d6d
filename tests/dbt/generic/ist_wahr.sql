{#- Every row satisfies the condition `ausdruck` (a rule that must hold, e.g. a reconciliation). -#}
{% test ist_wahr(model, ausdruck) %}
select *
from {{ model }}
where not coalesce(({{ ausdruck }}), false)
{% endtest %}
