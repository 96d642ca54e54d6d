{#- One named filter of an indicator definition as SQL: a list of values (in), true / false (a
    boolean column), {von, bis, unter} (a range), {bekannt: true} (a value is present). -#}
{% macro indikator_filter(spalte, bedingung) -%}
    {%- if bedingung is sameas true -%}
        {{ spalte }}
    {%- elif bedingung is sameas false -%}
        not {{ spalte }}
    {%- elif bedingung is mapping -%}
        {%- set teile = [] -%}
        {%- if 'von' in bedingung and 'bis' in bedingung -%}
            {%- do teile.append(spalte ~ ' between ' ~ bedingung['von'] ~ ' and ' ~ bedingung['bis']) -%}
        {%- elif 'von' in bedingung -%}
            {%- do teile.append(spalte ~ ' >= ' ~ bedingung['von']) -%}
        {%- elif 'bis' in bedingung -%}
            {%- do teile.append(spalte ~ ' <= ' ~ bedingung['bis']) -%}
        {%- endif -%}
        {%- if 'unter' in bedingung -%}{%- do teile.append(spalte ~ ' < ' ~ bedingung['unter']) -%}{%- endif -%}
        {%- if bedingung.get('bekannt') -%}{%- do teile.append(spalte ~ ' is not null') -%}{%- endif -%}
        {%- if not teile -%}
            {{ exceptions.raise_compiler_error("indikator_definitionen: unbekannte Bedingung für " ~ spalte ~ ": " ~ bedingung) }}
        {%- endif -%}
        {{ teile | join(' and ') }}
    {%- else -%}
        {%- set werte = [] -%}
        {%- for wert in bedingung -%}
            {%- do werte.append("'" ~ wert | replace("'", "''") ~ "'" if wert is string else wert | string) -%}
        {%- endfor -%}
        {{ spalte }} in ({{ werte | join(', ') }})
    {%- endif -%}
{%- endmacro %}
