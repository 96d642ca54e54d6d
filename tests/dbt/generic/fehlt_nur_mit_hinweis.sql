{#- A value is missing exactly when its reason is given: never a silent NULL, never a reason
    next to a value. Only the notes listed in `neben_wert` (e.g. zaehler_groesser_nenner, a
    plausibility note) may stand beside a value. -#}
{% test fehlt_nur_mit_hinweis(model, column_name, hinweis, neben_wert=[]) %}
select *
from {{ model }}
where ({{ column_name }} is null and {{ hinweis }} is null)
    or ({{ column_name }} is not null and {{ hinweis }} is not null
        {%- if neben_wert %} and {{ hinweis }} not in ('{{ neben_wert | join("', '") }}'){% endif %})
{% endtest %}
