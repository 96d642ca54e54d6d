{#- A value is missing exactly when its reason is given: never a silent NULL, never a reason
    next to a value. -#}
{% test fehlt_nur_mit_hinweis(model, column_name, hinweis) %}
select *
from {{ model }}
where ({{ column_name }} is null) <> ({{ hinweis }} is not null)
{% endtest %}
