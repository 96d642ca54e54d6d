-- The plain floor's input: views straight over the delivered files of one year, clear ids, no
-- row rules. The contract floor (duckdb_vertrag.py) defines the same views over its checked,
-- pseudonymised raw tables instead (floor_raw.sql). Placeholders: {dir}, {jahr}.
CREATE OR REPLACE TEMP VIEW adressen AS
SELECT STR_SCHL AS str_schl, HNR::INT AS hnr, HNR_ZUS AS hnr_zus, STADTTEIL_NR AS stadtteil_nr,
       WOHNUNGEN::INT AS wohnungen, GEF_WOHNUNGEN::INT AS gef_wohnungen
FROM read_csv('{dir}/kataster_adressen_{jahr}1231.csv', delim=';', header=true, all_varchar=true);

CREATE OR REPLACE TEMP VIEW einwohner AS
SELECT HH_ID AS haushalt, right(GEB_DATUM, 4)::INT AS geb_jahr, STAATSANG_1 AS staatsang_1,
       STAATSANG_2 AS staatsang_2, GEBURTSLAND AS geburtsland, EINBUERGERUNG AS einbuergerung,
       STR_SCHL AS str_schl, HNR::INT AS hnr, HNR_ZUS AS hnr_zus
FROM read_csv('{dir}/ewo_einwohner_{jahr}1231.csv', delim=';', header=true, all_varchar=true, encoding='latin-1');

CREATE OR REPLACE TEMP VIEW hze AS
SELECT STR_SCHL AS str_schl, HNR::INT AS hnr, HNR_ZUS AS hnr_zus,
       strptime(BEGINN, '%d.%m.%Y')::DATE AS beginn, strptime(ENDE, '%d.%m.%Y')::DATE AS ende
FROM read_csv('{dir}/hze_faelle_{jahr}.csv', delim=';', header=true, all_varchar=true, encoding='latin-1');

CREATE OR REPLACE TEMP VIEW seu AS
SELECT STR_SCHL AS str_schl, HNR::INT AS hnr, HNR_ZUS AS hnr_zus, GEWICHTSKLASSE::INT AS gewichtsklasse,
       DEUTSCH_FOERDERBEDARF AS deutsch_foerderbedarf
FROM read_csv('{dir}/seu_{jahr}.csv', delim=';', header=true, all_varchar=true);

CREATE OR REPLACE TEMP VIEW schule AS
SELECT STR_SCHL AS str_schl, HNR::INT AS hnr, HNR_ZUS AS hnr_zus, SCHULFORM AS schulform
FROM read_csv('{dir}/schuluebergaenge_{jahr}.csv', delim=';', header=true, all_varchar=true, encoding='latin-1');
