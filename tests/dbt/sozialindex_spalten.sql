{#- ind_sozialindex has a z column for exactly the catalogue's index indicators (seed indikatoren,
    im_index): its columns are declared in its contract. Returns each indicator on one side only. -#}
with spalten as (
    select substr(column_name, 3) as indikator_id
    from information_schema.columns
    where table_schema = '{{ ref("ind_sozialindex").schema }}'
        and table_name = '{{ ref("ind_sozialindex").identifier }}'
        and left(column_name, 2) = 'z_'
),

index_indikatoren as (
    select indikator_id from {{ ref('indikatoren') }}
    where im_index
),

nur_spalte as (
    select indikator_id from spalten
    except
    select indikator_id from index_indikatoren
),

nur_katalog as (
    select indikator_id from index_indikatoren
    except
    select indikator_id from spalten
)

select 'nur_z_spalte' as seite, indikator_id from nur_spalte
union all
select 'nur_katalog', indikator_id from nur_katalog
