-- The contract floor's input: the floor's views over its own raw tables (checked rows only,
-- pseudonymised ids, birth dates as year and month; columns named as in raw_spalten).
CREATE OR REPLACE TEMP VIEW adressen AS
SELECT str_schl, hnr, hnr_zus, stadtteil_nr, wohnungen, gef_wohnungen FROM raw.kataster_adressen;

CREATE OR REPLACE TEMP VIEW einwohner AS
SELECT hh_pseudonym AS haushalt, geb_jahr, staatsang_1, staatsang_2, geburtsland, einbuergerung,
       str_schl, hnr, hnr_zus
FROM raw.ewo_einwohner;

CREATE OR REPLACE TEMP VIEW hze AS SELECT str_schl, hnr, hnr_zus, beginn, ende FROM raw.hze_faelle;

CREATE OR REPLACE TEMP VIEW seu AS
SELECT str_schl, hnr, hnr_zus, gewichtsklasse, deutsch_foerderbedarf FROM raw.seu;

CREATE OR REPLACE TEMP VIEW schule AS SELECT str_schl, hnr, hnr_zus, schulform FROM raw.schuluebergaenge;
