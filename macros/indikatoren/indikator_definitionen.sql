{#- How each indicator of the catalogue (seed indikatoren) is computed, read while parsing so that
    ind_indikatoren calls ref() for every fact model itself (lineage) and compiles on an empty
    warehouse. The catalogue says what is published (name, unit, breakdowns, index); this says how.
    Adding an indicator of a known form is an entry here and a row in the catalogue.

    form: anzahl (the numerator), quote (numerator / denominator, both restricted to the breakdown
      category), veraenderung (change against the previous Stichtag) or bewegung (a count of
      movements, which exist only where the previous Stichtag does).
    zaehler, nenner: modell (a fact model), spalte (the column summed), filter (rows summed: column:
      a list of values, true / false for a boolean column, {von, bis, unter} for a range,
      {bekannt: true} for a value present).
    stadtwert: summe (default: the city 00 is the sum over all rows) or gesamtzeile (the numerator's
      model has its own 00 row, the Jobcenter's exact total).
    stadtteil_99: false when district 99 (address not assignable) has no value (default true).
    aufschluesselungen: the breakdown columns each fact model offers; the catalogue chooses. -#}
{% macro indikator_definitionen() -%}
{%- set definitionen -%}
aufschluesselungen:
  fct_bevoelkerung_einzelalter: [geschlecht, herkunft, altersgruppe]
  fct_bewegungen: [geschlecht, herkunft, altersgruppe]
  fct_einrichtungen: [typ]
  fct_schuluebergaenge: [geschlecht]
  fct_seu: [geschlecht]

indikatoren:
  bev_einwohner:
    form: anzahl
    zaehler: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner}
  bev_anteil_u18:
    form: quote
    zaehler: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {unter: 18}}}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner}
  bev_jugendquotient:
    form: quote
    zaehler: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {von: 0, bis: 19}}}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {von: 20, bis: 64}}}
  bev_altenquotient:
    form: quote
    zaehler: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {von: 65}}}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {von: 20, bis: 64}}}
  bev_anteil_auslaendisch:
    form: quote
    zaehler: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {herkunft: [auslaendisch]}}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner}
  bev_anteil_migrationshinweis:
    form: quote
    zaehler:
      modell: fct_bevoelkerung_einzelalter
      spalte: einwohner
      filter: {herkunft: [auslaendisch, deutsch_mit_migrationshinweis]}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner}
  bev_veraenderung_vorjahr:
    form: veraenderung
    zaehler: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner}

  bew_geburten:
    form: bewegung
    zaehler: {modell: fct_bewegungen, spalte: geburten}
  bew_zuzuege:
    form: bewegung
    zaehler: {modell: fct_bewegungen, spalte: zuzuege}
  bew_abgaenge:
    form: bewegung
    zaehler: {modell: fct_bewegungen, spalte: abgaenge}
  bew_umzuege_zu:
    form: bewegung
    zaehler: {modell: fct_bewegungen, spalte: umzuege_zu}
  bew_umzuege_weg:
    form: bewegung
    zaehler: {modell: fct_bewegungen, spalte: umzuege_weg}
  bew_wohndauer_unter_3:
    form: quote
    zaehler: {modell: fct_wohndauer, spalte: einwohner, filter: {wohndauer: [unter_3]}}
    nenner: {modell: fct_wohndauer, spalte: einwohner}
  bew_wohndauer_ab_10:
    form: quote
    zaehler: {modell: fct_wohndauer, spalte: einwohner, filter: {wohndauer: [ab_10]}}
    nenner: {modell: fct_wohndauer, spalte: einwohner}
  bew_wohndauer_unter_3_familien:
    form: quote
    zaehler: {modell: fct_wohndauer, spalte: einwohner, filter: {mit_kindern: true, wohndauer: [unter_3]}}
    nenner: {modell: fct_wohndauer, spalte: einwohner, filter: {mit_kindern: true}}
  bew_wohndauer_ab_10_familien:
    form: quote
    zaehler: {modell: fct_wohndauer, spalte: einwohner, filter: {mit_kindern: true, wohndauer: [ab_10]}}
    nenner: {modell: fct_wohndauer, spalte: einwohner, filter: {mit_kindern: true}}

  hh_haushalte:
    form: anzahl
    zaehler: {modell: fct_haushalte, spalte: haushalte}
  hh_anteil_mit_kindern:
    form: quote
    zaehler: {modell: fct_haushalte, spalte: haushalte, filter: {mit_kindern: true}}
    nenner: {modell: fct_haushalte, spalte: haushalte}
  hh_anteil_alleinerziehend:
    form: quote
    zaehler: {modell: fct_haushalte, spalte: haushalte, filter: {alleinerziehend: true}}
    nenner: {modell: fct_haushalte, spalte: haushalte, filter: {mit_kindern: true}}

  sgb2_quote:
    form: quote
    zaehler: {modell: fct_sgb2, spalte: regelleistungsberechtigte}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {bis: 64}}}
    stadtwert: gesamtzeile
    stadtteil_99: false
  sgb2_quote_u15:
    form: quote
    zaehler: {modell: fct_sgb2, spalte: nef_unter_15}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {bis: 14}}}
    stadtwert: gesamtzeile
    stadtteil_99: false
  sgb2_elb_quote:
    form: quote
    zaehler: {modell: fct_sgb2, spalte: elb}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {von: 15, bis: 64}}}
    stadtwert: gesamtzeile
    stadtteil_99: false
  sgb2_elb_quote_u25:
    form: quote
    zaehler: {modell: fct_sgb2, spalte: elb_15_bis_24}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {von: 15, bis: 24}}}
    stadtwert: gesamtzeile
    stadtteil_99: false
  sgb2_anteil_langzeit:
    form: quote
    zaehler: {modell: fct_sgb2, spalte: elb_langzeit}
    nenner: {modell: fct_sgb2, spalte: elb}
    stadtwert: gesamtzeile
    stadtteil_99: false
  wg_quote:
    form: quote
    zaehler: {modell: fct_wohngeld, spalte: haushalte}
    nenner: {modell: fct_haushalte, spalte: haushalte}
  wg_anteil_mit_kindern:
    form: quote
    zaehler: {modell: fct_wohngeld, spalte: haushalte, filter: {mit_kindern: true}}
    nenner: {modell: fct_wohngeld, spalte: haushalte}

  kita_quote_u3:
    form: quote
    zaehler: {modell: fct_kita_betreuung, spalte: kinder, filter: {alter: {von: 0, bis: 2}}}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {von: 0, bis: 2}}}
  kita_quote_ue3:
    form: quote
    zaehler: {modell: fct_kita_betreuung, spalte: kinder, filter: {alter: {von: 3, bis: 5}}}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {von: 3, bis: 5}}}
  kita_quote_1_2:
    form: quote
    zaehler: {modell: fct_kita_betreuung, spalte: kinder, filter: {alter: {von: 1, bis: 2}}}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {von: 1, bis: 2}}}
  kita_plaetze_je_100_u6:
    form: quote
    zaehler: {modell: fct_einrichtungen, spalte: plaetze, filter: {typ: [KITA]}}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {bis: 5}}}
    stadtteil_99: false

  infra_einrichtungen:
    form: anzahl
    zaehler: {modell: fct_einrichtungen, spalte: einrichtungen}
    stadtteil_99: false
  infra_je_1000_u18:
    form: quote
    zaehler:
      modell: fct_einrichtungen
      spalte: einrichtungen
      filter: {typ: [KITA, GRUNDSCHULE, WEITERF_SCHULE, JUGENDTREFF, FAMILIENZENTRUM, SPIELPLATZ]}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {bis: 17}}}
    stadtteil_99: false

  bil_uebergang_gymnasium:
    form: quote
    zaehler: {modell: fct_schuluebergaenge, spalte: uebergaenge, filter: {schulform: [GY]}}
    nenner: {modell: fct_schuluebergaenge, spalte: uebergaenge}

  hze_quote:
    form: quote
    zaehler: {modell: fct_hze, spalte: faelle}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner, filter: {alter: {bis: 20}}}
  hze_anteil_stationaer:
    form: quote
    zaehler: {modell: fct_hze, spalte: faelle, filter: {stationaer: true}}
    nenner: {modell: fct_hze, spalte: faelle}

  seu_uebergewicht:
    form: quote
    zaehler: {modell: fct_seu, spalte: untersuchte, filter: {gewichtsklasse: [4, 5]}}
    nenner: {modell: fct_seu, spalte: untersuchte, filter: {gewichtsklasse: {von: 1, bis: 5}}}
  seu_sprachfoerderbedarf:
    form: quote
    zaehler: {modell: fct_seu, spalte: untersuchte, filter: {deutsch_foerderbedarf: true}}
    nenner: {modell: fct_seu, spalte: untersuchte}
  seu_masern_vollstaendig:
    form: quote
    zaehler: {modell: fct_seu, spalte: untersuchte, filter: {masern_impfung: [2]}}
    nenner: {modell: fct_seu, spalte: untersuchte, filter: {masern_impfung: [0, 1, 2]}}
  seu_u9_vorgelegt:
    form: quote
    zaehler: {modell: fct_seu, spalte: untersuchte, filter: {u9_vorgelegt: true}}
    nenner: {modell: fct_seu, spalte: untersuchte}
  seu_kita_unter_2_jahre:
    form: quote
    zaehler: {modell: fct_seu, spalte: untersuchte, filter: {kita_jahre: {unter: 2}}}
    nenner: {modell: fct_seu, spalte: untersuchte, filter: {kita_jahre: {bekannt: true}}}

  wohn_flaeche_je_einwohner:
    form: quote
    zaehler: {modell: fct_wohnen, spalte: wohnflaeche_qm}
    nenner: {modell: fct_bevoelkerung_einzelalter, spalte: einwohner}
    stadtteil_99: false
  wohn_anteil_gefoerdert:
    form: quote
    zaehler: {modell: fct_wohnen, spalte: gef_wohnungen}
    nenner: {modell: fct_wohnen, spalte: wohnungen}
    stadtteil_99: false
{%- endset -%}
{{ return(fromyaml(definitionen)) }}
{%- endmacro %}
