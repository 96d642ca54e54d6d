-- The floor: one hand-written DuckDB script computing zaehler and nenner of fourteen indicators
-- per district (01-11, 99) and for the city (00): every indicator of the resident register (age,
-- origin, households) and one of each other CSV delivery, with the contract's rules: age = year -
-- birth year, address match exact, else without suffix, else district 99; a household's district
-- is that of most of its members (ties: the lower code). It reads the views adressen, einwohner,
-- hze, seu and schule: over the delivered files (floor_dateien.sql, the plain floor) or over the
-- contract floor's raw tables (floor_raw.sql). Placeholder: {jahr}.
CREATE OR REPLACE TEMP TABLE adr AS
SELECT str_schl AS s, hnr AS h, coalesce(hnr_zus, '') AS z, stadtteil_nr AS st, wohnungen, gef_wohnungen AS gef
FROM adressen;

CREATE OR REPLACE TEMP TABLE ew AS
SELECT e.*, {jahr} - e.geb_jahr AS alter_, coalesce(a1.st, a2.st, '99') AS st
FROM einwohner e
LEFT JOIN adr a1 ON a1.s = e.str_schl AND a1.h = e.hnr AND a1.z = coalesce(e.hnr_zus, '')
LEFT JOIN adr a2 ON a1.st IS NULL AND a2.s = e.str_schl AND a2.h = e.hnr AND a2.z = '';

CREATE OR REPLACE TEMP TABLE hh AS
WITH je_stadtteil AS (
    SELECT haushalt, st, count(*) AS personen, count(*) FILTER (alter_ < 18) AS kinder FROM ew GROUP BY ALL
)
SELECT first(st ORDER BY personen DESC, st) AS st, sum(kinder) AS kinder, sum(personen) - sum(kinder) AS erwachsene
FROM je_stadtteil GROUP BY haushalt;

CREATE OR REPLACE TEMP TABLE hze_ AS
SELECT coalesce(a1.st, a2.st, '99') AS st
FROM hze h
LEFT JOIN adr a1 ON a1.s = h.str_schl AND a1.h = h.hnr AND a1.z = coalesce(h.hnr_zus, '')
LEFT JOIN adr a2 ON a1.st IS NULL AND a2.s = h.str_schl AND a2.h = h.hnr AND a2.z = ''
WHERE h.beginn <= DATE '{jahr}-12-31' AND (h.ende IS NULL OR h.ende >= DATE '{jahr}-12-31');

CREATE OR REPLACE TEMP TABLE seu_ AS
SELECT coalesce(a1.st, a2.st, '99') AS st, u.gewichtsklasse, u.deutsch_foerderbedarf
FROM seu u
LEFT JOIN adr a1 ON a1.s = u.str_schl AND a1.h = u.hnr AND a1.z = coalesce(u.hnr_zus, '')
LEFT JOIN adr a2 ON a1.st IS NULL AND a2.s = u.str_schl AND a2.h = u.hnr AND a2.z = '';

CREATE OR REPLACE TEMP TABLE schule_ AS
SELECT coalesce(a1.st, a2.st, '99') AS st, t.schulform
FROM schule t
LEFT JOIN adr a1 ON a1.s = t.str_schl AND a1.h = t.hnr AND a1.z = coalesce(t.hnr_zus, '')
LEFT JOIN adr a2 ON a1.st IS NULL AND a2.s = t.str_schl AND a2.h = t.hnr AND a2.z = '';

CREATE OR REPLACE TEMP TABLE ergebnis AS
WITH je AS (
    SELECT 'bev_einwohner' AS indikator_id, st, count(*)::DOUBLE AS zaehler, NULL::DOUBLE AS nenner FROM ew GROUP BY ALL
    UNION ALL SELECT 'bev_anteil_u18', st, count(*) FILTER (alter_ < 18), count(*) FROM ew GROUP BY ALL
    UNION ALL SELECT 'bev_altenquotient', st, count(*) FILTER (alter_ >= 65), count(*) FILTER (alter_ BETWEEN 20 AND 64) FROM ew GROUP BY ALL
    UNION ALL SELECT 'bev_jugendquotient', st, count(*) FILTER (alter_ <= 19), count(*) FILTER (alter_ BETWEEN 20 AND 64) FROM ew GROUP BY ALL
    UNION ALL SELECT 'bev_anteil_auslaendisch', st,
        count(*) FILTER (staatsang_1 <> 'DE' AND coalesce(staatsang_2, '') <> 'DE'), count(*) FROM ew GROUP BY ALL
    UNION ALL SELECT 'bev_anteil_migrationshinweis', st,
        count(*) FILTER (NOT (staatsang_1 = 'DE' AND coalesce(staatsang_2, 'DE') = 'DE'
                              AND coalesce(geburtsland, 'DE') = 'DE' AND coalesce(einbuergerung, '') <> 'J')),
        count(*) FROM ew GROUP BY ALL
    UNION ALL SELECT 'hh_haushalte', st, count(*), NULL FROM hh GROUP BY ALL
    UNION ALL SELECT 'hh_anteil_mit_kindern', st, count(*) FILTER (kinder > 0), count(*) FROM hh GROUP BY ALL
    UNION ALL SELECT 'hh_anteil_alleinerziehend', st, count(*) FILTER (kinder > 0 AND erwachsene = 1),
        count(*) FILTER (kinder > 0) FROM hh GROUP BY ALL
    UNION ALL SELECT 'hze_quote', e.st, coalesce(f.n, 0), e.n FROM
        (SELECT st, count(*) FILTER (alter_ <= 20) AS n FROM ew GROUP BY ALL) e
        LEFT JOIN (SELECT st, count(*) AS n FROM hze_ GROUP BY ALL) f USING (st)
    UNION ALL SELECT 'seu_uebergewicht', st, count(*) FILTER (gewichtsklasse IN (4, 5)),
        count(*) FILTER (gewichtsklasse BETWEEN 1 AND 5) FROM seu_ GROUP BY ALL
    UNION ALL SELECT 'seu_sprachfoerderbedarf', st, count(*) FILTER (deutsch_foerderbedarf = 'J'), count(*) FROM seu_ GROUP BY ALL
    UNION ALL SELECT 'bil_uebergang_gymnasium', st, count(*) FILTER (schulform = 'GY'), count(*) FROM schule_ GROUP BY ALL
    UNION ALL SELECT 'wohn_anteil_gefoerdert', st, sum(gef), sum(wohnungen) FROM adr GROUP BY ALL
)
SELECT indikator_id, st AS stadtteil_nr, zaehler, nenner FROM je
UNION ALL
SELECT indikator_id, '00', sum(zaehler), sum(nenner) FROM je GROUP BY indikator_id;
