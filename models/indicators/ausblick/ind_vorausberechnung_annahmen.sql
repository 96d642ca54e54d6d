-- The assumptions of the projection from each base: the settings (district 00) and the rates each
-- district is projected with (status quo of the base window).
with basen as (
    select distinct stichtag from {{ ref('fct_bewegungen') }}
    where {{ im_lauf() }}
),

fenster as (
    select
        basen.stichtag,
        string_agg(
            distinct cast(extract(year from bewegungen.stichtag) as varchar), ', '
            order by cast(extract(year from bewegungen.stichtag) as varchar)
        ) as jahre
    from basen
    inner join {{ ref('fct_bewegungen') }} as bewegungen
        on bewegungen.stichtag <= basen.stichtag
        and bewegungen.stichtag > basen.stichtag - interval '{{ var("ausblick_basisjahre") }} year'
    group by basen.stichtag
),

einstellungen as (
    select stichtag, '00' as stadtteil_nr, parameter, wert, text, beschreibung
    from fenster
    cross join (
        values
            ('jahre_voraus', {{ var('ausblick_jahre') }}, null, 'Vorausberechnete Jahre nach dem Basisstichtag'),
            ('hoechstalter', {{ var('ausblick_hoechstalter') }}, null, 'Höchstes Einzelalter; Ältere zählen darin'),
            ('pooling_personen', {{ var('ausblick_pooling_personen') }}, null,
                'Abgangs- und Wegzugsraten: Stadtteilrate = (Ereignisse + k × Stadtrate) / (Personen + k)'),
            ('pooling_geburten', {{ var('ausblick_pooling_geburten') }}, null,
                'Geburtenniveau des Stadtteils = (Geburten + k) / (erwartete Geburten zu Stadtraten + k)'),
            ('pooling_zuzuege', {{ var('ausblick_pooling_zuzuege') }}, null,
                'Alters- und Geschlechtsprofil der Zuzüge, mit dem der Stadt gepoolt (k Zuzüge)')
    ) as werte (parameter, wert, text, beschreibung)
    union all
    select stichtag, '00', 'basisjahre', null, jahre,
        'Stichtage, deren Bewegungen die Raten bestimmen (Status quo, bis zu {{ var("ausblick_basisjahre") }} Jahre)'
    from fenster
),

raten as (
    select
        basis as stichtag,
        stadtteil_nr,
        sum(abgangsrate * bestand) / nullif(sum(bestand), 0) as abgangsrate,
        sum(wegzugsrate * bestand) / nullif(sum(bestand), 0) as wegzugsrate
    from {{ ref('int_ausblick__bewegungsraten') }}
    where basis in (select stichtag from basen)
    group by basis, stadtteil_nr
),

geburten as (
    select basis as stichtag, stadtteil_nr, sum(geburtenrate) as geburtenziffer
    from {{ ref('int_ausblick__geburtenraten') }}
    where basis in (select stichtag from basen)
    group by basis, stadtteil_nr
),

zuzuege as (
    select basis as stichtag, stadtteil_nr, sum(zuzuege) as zuzuege
    from {{ ref('int_ausblick__zuzuege') }}
    where basis in (select stichtag from basen)
    group by basis, stadtteil_nr
)

select stichtag, stadtteil_nr, parameter, cast(wert as double precision) as wert, text, beschreibung
from einstellungen
union all
select stichtag, stadtteil_nr, 'abgangsrate', 100 * abgangsrate, null, 'Abgänge (Fortzug oder Tod) je 100 Einwohner und Jahr'
from raten
union all
select stichtag, stadtteil_nr, 'wegzugsrate', 100 * wegzugsrate, null, 'Umzüge in andere Stadtteile je 100 Einwohner und Jahr'
from raten
union all
select stichtag, stadtteil_nr, 'geburtenziffer', geburtenziffer, null, 'Zusammengefasste Geburtenziffer (Kinder je Frau, 15–49 Jahre)'
from geburten
union all
select stichtag, stadtteil_nr, 'zuzuege_je_jahr', zuzuege, null, 'Zuzüge von außerhalb je Jahr'
from zuzuege
