-- The floor: one hand-written DuckDB script straight over the delivered files of one year.
-- Computes zaehler and nenner of fourteen indicators per district (01-11, 99) and for the city
-- (00): every indicator of the resident register (age, origin, households) and one of each
-- other CSV delivery, with the contract's rules: age = year - birth year, address match exact,
-- else without suffix, else district 99; a household's district is that of most of its members
-- (ties: the lower code). Placeholders: {dir} (the year folder), {jahr}.
CREATE OR REPLACE TEMP TABLE adr AS
SELECT STR_SCHL AS s, HNR::INT AS h, coalesce(HNR_ZUS, '') AS z, STADTTEIL_NR AS st,
       WOHNUNGEN::INT AS wohnungen, GEF_WOHNUNGEN::INT AS gef
FROM read_csv('{dir}/kataster_adressen_{jahr}1231.csv', delim=';', header=true, all_varchar=true);


CREATE OR REPLACE TEMP TABLE ew AS
SELECT e.*, {jahr} - right(GEB_DATUM, 4)::INT AS alter_,
       coalesce(a1.st, a2.st, '99') AS st
FROM read_csv('{dir}/ewo_einwohner_{jahr}1231.csv', delim=';', header=true, all_varchar=true, encoding='latin-1') e
LEFT JOIN adr a1 ON a1.s = e.STR_SCHL AND a1.h = e.HNR::INT AND a1.z = coalesce(e.HNR_ZUS, '')
LEFT JOIN adr a2 ON a1.st IS NULL AND a2.s = e.STR_SCHL AND a2.h = e.HNR::INT AND a2.z = '';

CREATE OR REPLACE TEMP TABLE hh AS
WITH je_stadtteil AS (
    SELECT HH_ID, st, count(*) AS personen, count(*) FILTER (alter_ < 18) AS kinder FROM ew GROUP BY ALL
)
SELECT first(st ORDER BY personen DESC, st) AS st, sum(kinder) AS kinder, sum(personen) - sum(kinder) AS erwachsene
FROM je_stadtteil GROUP BY HH_ID;

CREATE OR REPLACE TEMP TABLE hze AS
SELECT coalesce(a1.st, a2.st, '99') AS st, h.HILFEART
FROM read_csv('{dir}/hze_faelle_{jahr}.csv', delim=';', header=true, all_varchar=true, encoding='latin-1') h
LEFT JOIN adr a1 ON a1.s = h.STR_SCHL AND a1.h = h.HNR::INT AND a1.z = coalesce(h.HNR_ZUS, '')
LEFT JOIN adr a2 ON a1.st IS NULL AND a2.s = h.STR_SCHL AND a2.h = h.HNR::INT AND a2.z = ''
WHERE strptime(BEGINN, '%d.%m.%Y') <= DATE '{jahr}-12-31'
  AND (ENDE IS NULL OR strptime(ENDE, '%d.%m.%Y') >= DATE '{jahr}-12-31');

CREATE OR REPLACE TEMP TABLE seu AS
SELECT coalesce(a1.st, a2.st, '99') AS st, u.GEWICHTSKLASSE, u.DEUTSCH_FOERDERBEDARF
FROM read_csv('{dir}/seu_{jahr}.csv', delim=';', header=true, all_varchar=true) u
LEFT JOIN adr a1 ON a1.s = u.STR_SCHL AND a1.h = u.HNR::INT AND a1.z = coalesce(u.HNR_ZUS, '')
LEFT JOIN adr a2 ON a1.st IS NULL AND a2.s = u.STR_SCHL AND a2.h = u.HNR::INT AND a2.z = '';

CREATE OR REPLACE TEMP TABLE schule AS
SELECT coalesce(a1.st, a2.st, '99') AS st, t.SCHULFORM
FROM read_csv('{dir}/schuluebergaenge_{jahr}.csv', delim=';', header=true, all_varchar=true, encoding='latin-1') t
LEFT JOIN adr a1 ON a1.s = t.STR_SCHL AND a1.h = t.HNR::INT AND a1.z = coalesce(t.HNR_ZUS, '')
LEFT JOIN adr a2 ON a1.st IS NULL AND a2.s = t.STR_SCHL AND a2.h = t.HNR::INT AND a2.z = '';

CREATE OR REPLACE TEMP TABLE ergebnis AS
WITH je AS (
    SELECT 'bev_einwohner' AS indikator_id, st, count(*)::DOUBLE AS zaehler, NULL::DOUBLE AS nenner FROM ew GROUP BY ALL
    UNION ALL SELECT 'bev_anteil_u18', st, count(*) FILTER (alter_ < 18), count(*) FROM ew GROUP BY ALL
    UNION ALL SELECT 'bev_altenquotient', st, count(*) FILTER (alter_ >= 65), count(*) FILTER (alter_ BETWEEN 20 AND 64) FROM ew GROUP BY ALL
    UNION ALL SELECT 'bev_jugendquotient', st, count(*) FILTER (alter_ <= 19), count(*) FILTER (alter_ BETWEEN 20 AND 64) FROM ew GROUP BY ALL
    UNION ALL SELECT 'bev_anteil_auslaendisch', st,
        count(*) FILTER (STAATSANG_1 <> 'DE' AND coalesce(STAATSANG_2, '') <> 'DE'), count(*) FROM ew GROUP BY ALL
    UNION ALL SELECT 'bev_anteil_migrationshinweis', st,
        count(*) FILTER (NOT (STAATSANG_1 = 'DE' AND coalesce(STAATSANG_2, 'DE') = 'DE'
                              AND coalesce(GEBURTSLAND, 'DE') = 'DE' AND coalesce(EINBUERGERUNG, '') <> 'J')),
        count(*) FROM ew GROUP BY ALL
    UNION ALL SELECT 'hh_haushalte', st, count(*), NULL FROM hh GROUP BY ALL
    UNION ALL SELECT 'hh_anteil_mit_kindern', st, count(*) FILTER (kinder > 0), count(*) FROM hh GROUP BY ALL
    UNION ALL SELECT 'hh_anteil_alleinerziehend', st, count(*) FILTER (kinder > 0 AND erwachsene = 1),
        count(*) FILTER (kinder > 0) FROM hh GROUP BY ALL
    UNION ALL SELECT 'hze_quote', e.st, coalesce(f.n, 0), e.n FROM
        (SELECT st, count(*) FILTER (alter_ <= 20) AS n FROM ew GROUP BY ALL) e
        LEFT JOIN (SELECT st, count(*) AS n FROM hze GROUP BY ALL) f USING (st)
    UNION ALL SELECT 'seu_uebergewicht', st, count(*) FILTER (GEWICHTSKLASSE IN ('4', '5')),
        count(*) FILTER (GEWICHTSKLASSE IN ('1', '2', '3', '4', '5')) FROM seu GROUP BY ALL
    UNION ALL SELECT 'seu_sprachfoerderbedarf', st, count(*) FILTER (DEUTSCH_FOERDERBEDARF = 'J'), count(*) FROM seu GROUP BY ALL
    UNION ALL SELECT 'bil_uebergang_gymnasium', st, count(*) FILTER (SCHULFORM = 'GY'), count(*) FROM schule GROUP BY ALL
    UNION ALL SELECT 'wohn_anteil_gefoerdert', st, sum(gef), sum(wohnungen) FROM adr GROUP BY ALL
)
SELECT indikator_id, st AS stadtteil_nr, zaehler, nenner FROM je
UNION ALL
SELECT indikator_id, '00', sum(zaehler), sum(nenner) FROM je GROUP BY indikator_id;
