"""The open data's words: a Danish title, description and unit for every column name the book
publishes (one name means one thing in every table: lower snake case, English, `_pct` for a
share in per cent, `_pp` for percentage points), the column types, and the stated precision.
The build writes them into each edition's `datapackage.json` (Frictionless Data Package)."""
from __future__ import annotations

import re

import pandas as pd

DECIMALS = 6  # published numbers are rounded to at most this many decimals
PRECISION_DA = f"Tal med decimaler er afrundet til højst {DECIMALS} decimaler."

_T = "1.000 kr. pr. fuldtidsperson"
_M = "mio. kr."
# name: (title, description, unit or None when the unit is in the row's `unit` column or none)
COLUMNS: dict[str, tuple[str, str, str | None]] = {
    "activity": ("Aktivitet", "Aktiviteten i udvalgets årshjul", None),
    "actual": ("Faktisk", "Det faktiske antal fuldtidspersoner på ydelsen", "fuldtidspersoner"),
    "akasse": ("A-kasse", "A-kassen, som kommunen har en samarbejdsaftale med", None),
    "area": ("Område", "Direktørområdet", None),
    "area_pp_weeks": ("Areal mellem kurverne", "Arealet mellem kurven og sammenligningskurven", "procentpoint × uger"),
    "average": ("Gennemsnit", "Gennemsnittet af sammenligningskommunerne, beregnet af bogen", None),
    "baseline_value": ("Udgangspunkt", "Målets udgangspunkt (baseline)", None),
    "basis": ("Grundlag", "Hvad kontrollen sammenligner med: recomputed (genberegnet fra kildens detaljer), "
              "cross_reference (samme tal trykt to steder) eller synthetic (opdigtede eksempeldata)", None),
    "bytes": ("Bytes", "Filens størrelse", "bytes"),
    "case": ("Investering", "Investeringens nummer i notatet", None),
    "category": ("Kategori", "Kategorien, som kilden skriver den", None),
    "change": ("Ændring", "Parameterens ændring siden forrige udgave", None),
    "chapter": ("Kapitel", "Kapitlet (bogens id for det)", None),
    "column": ("Kolonne", "Kolonnens nummer i kildens tabel (1 er Norddjurs)", None),
    "comparator": ("Sammenligning", "Hvordan målet vurderes (fx decrease: tallet skal falde)", None),
    "computed": ("Beregnet", "Tallet, som bogen beregner ud fra kildens detaljer", None),
    "count": ("Antal", "Antallet", "antal"),
    "deviation": ("Afvigelse", "Afvigelsen fra gennemsnittet", None),
    "deviation_pct": ("Afvigelse i procent", "Afvigelsen fra gennemsnittet i procent af gennemsnittet", "%"),
    "diff_week_13_pp": ("Forskel uge 13", "Forskel til sammenligningskurven i uge 13", "procentpoint"),
    "diff_week_26_pp": ("Forskel uge 26", "Forskel til sammenligningskurven i uge 26", "procentpoint"),
    "difference": ("Forskel", "Forskellen mellem faktisk og forventet, som kilden trykker den", "fuldtidspersoner"),
    "difference_computed": ("Forskel, beregnet", "Faktisk minus forventet, beregnet af bogen", "fuldtidspersoner"),
    "difference_pct": ("Forskel i procent", "Forskellen i procent af det forventede", "%"),
    "document": ("Dokument", "Kildedokumentet", None),
    "employees": ("Ansatte", "Antal ansatte", "personer"),
    "employees_printed": ("Ansatte, trykt", "Antal ansatte, som kilden trykker det", "personer"),
    "employees_roster": ("Ansatte, enhedslisten", "Antal ansatte ifølge enhedslisten", "personer"),
    "end_month": ("Slutmåned", "Måneden, aktiviteten slutter (1–12)", "måned"),
    "evaluated_status": ("Status efter reglen", "Status, som bogen vurderer den ud fra målets regel", None),
    "expected": ("Forventet", "Det forventede antal fuldtidspersoner (ministeriets benchmark)", "fuldtidspersoner"),
    "expenditure": ("Udgift", "Udgiften til målgruppen", "1.000 kr."),
    "expenditure_excl_pools": ("Udgift uden puljer", "Udgiften til målgruppen uden puljemidler", "1.000 kr."),
    "explanation": ("Forklaring", "Fundets forklaring i almindeligt dansk", None),
    "finding": ("Fund", "Id for fundet, som forklarer en forskel", None),
    "fte": ("Fuldtidspersoner", "Antal fuldtidspersoner", "fuldtidspersoner"),
    "gap": ("Forskel til kvote / hul", "Kvoter: pladser i forhold til kvoten (negativ: flere end kvoten); "
            "benchmark: hvorfor en celle er tom i kilden", None),
    "goal_id": ("Mål", "Målets nummer i beskæftigelsesplanen", None),
    "group": ("Gruppe", "Målgruppen eller gruppen, som kilden skriver den", None),
    "group_id": ("Gruppe-id", "Gruppens id", None),
    "held": ("Besatte pladser", "Antal besatte pladser", "pladser"),
    "high": ("Øvre grænse", "Den højeste værdi, de trykte tal tillader efter afrunding", None),
    "indicator": ("Nøgletal", "Nøgletallet, som kilden skriver det", None),
    "indicator_id": ("Nøgletal-id", "Nøgletallets id", None),
    "investment": ("Investering", "Investering (resultat eller forventning)", _M),
    "investment_actual": ("Investering, faktisk", "Investering, resultat eller forventning", _M),
    "investment_budget": ("Investering, budget", "Investering ifølge budgettet", _M),
    "investment_deviation": ("Investering, afvigelse", "Faktisk minus budget", _M),
    "item": ("Tal", "Det kontrollerede tal: tabel, række og kolonne i kilden", None),
    "kind": ("Art", "Om tallet er et resultat (result) eller en forventning (forecast), eller rækkens art", None),
    "label": ("Betegnelse", "Den danske betegnelse", None),
    "last_week": ("Sidste uge", "Den sidste uge, kurven går til", "uge"),
    "law": ("Loven", "Hvad loven fastsætter", None),
    "low": ("Nedre grænse", "Den laveste værdi, de trykte tal tillader efter afrunding", None),
    "mean_gap_pp": ("Gennemsnitlig forskel", "Gennemsnitlig forskel til sammenligningskurven", "procentpoint"),
    "measure": ("Mål", "Hvad tallet måler", None),
    "measured_period": ("Måleperiode", "Perioden, målingen gælder", None),
    "measured_qualifier": ("Kvalifikation", "Fx at målingen er en nedre grænse", None),
    "measured_value": ("Målt værdi", "Den målte værdi ved opfølgningen", None),
    "model_difference": ("Forskel mellem modellerne", "Nye pladser efter enhedsmodellen minus områdemodellen",
                         "pladser"),
    "municipality": ("Kommune", "Kommunen (sammenligningskommunerne er anonyme i kilden)", None),
    "n_ranked": ("Antal rangeret", "Antal kommuner med en værdi", "kommuner"),
    "name": ("Navn", "Navnet", None),
    "national_value": ("Landstal", "Værdien for hele landet", None),
    "net": ("Netto", "Investering plus besparelse (minus er en besparelse)", _M),
    "net_actual": ("Netto, faktisk", "Netto, resultat eller forventning", _M),
    "net_budget": ("Netto, budget", "Netto ifølge budgettet", _M),
    "net_deviation": ("Netto, afvigelse", "Faktisk minus budget", _M),
    "new_places_area_model": ("Nye pladser, områdemodel", "Nye pladser, når kvoten gælder pr. direktørområde",
                              "pladser"),
    "new_places_municipality": ("Nye pladser, kommunen", "Nye pladser, når kvoten gælder kommunen samlet",
                                "pladser"),
    "new_places_unit_model": ("Nye pladser, enhedsmodel", "Nye pladser, når kvoten gælder hver enhed", "pladser"),
    "note": ("Note", "Bemærkning", None),
    "notes": ("Noter", "Bemærkninger til kilden", None),
    "others_share_excl_pools_pct": ("Andre kommuners andel uden puljer", "Sammenligningskommunernes andel af "
                                    "udgiften uden puljemidler", "%"),
    "others_share_pct": ("Andre kommuners andel", "Sammenligningskommunernes andel af udgiften", "%"),
    "page": ("Side", "Siden i kilden", None),
    "parameter": ("Parameter", "Parameterens navn i programmet", None),
    "part": ("Del", "Bogens del (kapitel eller bilag)", None),
    "path": ("Fil", "Filens sti i projektet", None),
    "period": ("Periode", "Perioden, tallet gælder", None),
    "placement_type": ("Pladstype", "Pladstypens id", None),
    "placements": ("Pladser", "Antal pladser", "pladser"),
    "plan_year": ("Planår", "Beskæftigelsesplanens år", "år"),
    "printed_average": ("Trykt gennemsnit", "Gennemsnittet, som kilden trykker det", None),
    "printed_count": ("Trykt antal", "Antallet, som kilden trykker det", "antal"),
    "printed_total": ("Trykt total", "Totalen, som kilden trykker den", None),
    "publication": ("Publikation", "Publikationen, tallet er fra", None),
    "published": ("Trykt", "Tallet, som kilden trykker det", None),
    "qualifier": ("Kvalifikation", "Fx at tallet er et skøn", None),
    "quadrant": ("Kvadrant", "Kvadranten i figuren over omkostning og resultat (1–4)", None),
    "quota": ("Kvote", "Pladser, kvoten kræver", "pladser"),
    "quota_printed": ("Kvote, trykt", "Kvoten, som kilden trykker den", "pladser"),
    "quota_roster": ("Kvote, enhedslisten", "Kvoten regnet enhed for enhed ud fra enhedslisten", "pladser"),
    "quota_naive": ("Kvote samlet", "Pladser, kvoten kræver, regnet på alle ansatte samlet", "pladser"),
    "quota_per_unit": ("Kvote pr. enhed", "Pladser, kvoten kræver, regnet enhed for enhed", "pladser"),
    "rank": ("Placering", "Placeringen blandt kommunerne", None),
    "rank_from_worst": ("Placering fra dårligst", "Placering regnet fra de dårligste rammevilkår", None),
    "rank_highest": ("Placering fra højeste", "Placering regnet fra den højeste værdi", None),
    "rank_lowest": ("Placering fra laveste", "Placering regnet fra den laveste værdi", None),
    "rank_of": ("Ud af", "Antal kommuner i placeringen", "kommuner"),
    "rank_order": ("Rækkefølge", "Om placeringen regnes fra laveste eller højeste", None),
    "ratio_to_group": ("Forhold", "Antallet i forhold til gruppens", None),
    "reason": ("Begrundelse", "Hvorfor status er som den er", None),
    "result_gap": ("Afgangsrate mangler", "Hvorfor rapporten ikke har en afgangsrate for fokuskommunen i rækken "
                   "(fx trykt som »-«); tom, når tallet findes", None),
    "result": ("Resultat", "Resultatindikatoren (afgangsrate)", "%"),
    "result_average": ("Resultat, gennemsnit", "Gennemsnittets resultat", "%"),
    "result_deviation_pct": ("Resultat, afvigelse", "Afvigelse fra gennemsnittets resultat i procent", "%"),
    "room": ("Råderum", "Hvad udvalget selv kan bestemme", None),
    "round": ("Opfølgning", "Opfølgningens nummer i planåret", None),
    "rows": ("Rækker", "Antal rækker i afstemningen, fundet forklarer", "rækker"),
    "rule_count": ("Antal efter reglen", "Antallet, når hvert mål vurderes efter sin regel", "antal"),
    "savings": ("Besparelse", "Besparelse (minus er en besparelse)", _M),
    "savings_actual": ("Besparelse, faktisk", "Besparelse, resultat eller forventning", _M),
    "savings_budget": ("Besparelse, budget", "Besparelse ifølge budgettet", _M),
    "savings_deviation": ("Besparelse, afvigelse", "Faktisk minus budget", _M),
    "scope": ("Ydelse", "Ydelsen, rammevilkåret gælder", None),
    "scope_id": ("Ydelse-id", "Ydelsens id", None),
    "section": ("Afsnit", "Afsnittet i kilden", None),
    "series": ("Serie", "Kurven eller rækken af tal", None),
    "sha256": ("Kontrolsum", "SHA-256 af filens indhold", None),
    "share_excl_pools_pct": ("Andel uden puljer", "Norddjurs' andel af udgiften uden puljemidler", "%"),
    "share_pct": ("Andel", "Andelen i procent", "%"),
    "share_units_without_shortfall_pct": ("Andel enheder uden mangel", "Andel af enhederne uden mangel på "
                                          "pladser", "%"),
    "share_week_13_pct": ("Andel i uge 13", "Andel stadig på ydelsen i uge 13", "%"),
    "share_week_26_pct": ("Andel i uge 26", "Andel stadig på ydelsen i uge 26", "%"),
    "shortfall": ("Mangel", "Pladser, enheden mangler for at nå kvoten", "pladser"),
    "source": ("Kilde", "Kilden: dokument og tabel", None),
    "split": ("Fordeling", "Hvilken fordeling rækken hører til", None),
    "start_month": ("Startmåned", "Måneden, aktiviteten begynder (1–12)", "måned"),
    "status": ("Status", "Status: for afstemningen match, within_rounding, differs eller not_reproducible; "
               "for målene som kilden skriver den", None),
    "surplus": ("Overskud", "Pladser ud over kvoten", "pladser"),
    "table": ("Tabel", "Tabellen i kilden", None),
    "theme": ("Tema", "Temaet", None),
    "threshold": ("Grænse", "Antal ansatte pr. plads (1 plads pr. N ansatte)", "ansatte pr. plads"),
    "title": ("Titel", "Titlen", None),
    "target_value": ("Målværdi", "Målets værdi", None),
    "unit": ("Enhed", "Enheden, rækkens tal er angivet i", None),
    "unit_cost_gap": ("Enhedsomkostning mangler", "Hvorfor rapporten ikke har en enhedsomkostning for "
                      "fokuskommunen i rækken (fx trykt som »-«); tom, når tallet findes", None),
    "unit_cost": ("Enhedsomkostning", "Norddjurs' enhedsomkostning", _T),
    "unit_id": ("Enhed-id", "Enhedens id", None),
    "unit_name": ("Enhed", "Enhedens navn", None),
    "units": ("Enheder", "Antal enheder", "enheder"),
    "units_with_quota_zero": ("Enheder med kvote 0", "Antal enheder, hvis kvote er 0", "enheder"),
    "units_without_shortfall": ("Enheder uden mangel", "Antal enheder uden mangel på pladser", "enheder"),
    "value": ("Værdi", "Tallet", None),
    "year": ("År", "Året", "år"),
}
_TYPES = (("boolean", pd.api.types.is_bool_dtype), ("integer", pd.api.types.is_integer_dtype),
          ("number", pd.api.types.is_float_dtype), ("datetime", pd.api.types.is_datetime64_any_dtype))


def field(name: str, type_: str) -> dict:
    """The Table Schema field of a column of a known type (the build's contract files)."""
    title, description, unit = COLUMNS.get(name, ("", "", None))
    return {"name": name, "type": type_, "title": title, "description": description} | ({"unit": unit} if unit else {})


def field_type(series: pd.Series) -> str:
    """The Table Schema type of a column: integer, number, boolean, datetime or string."""
    return next((name for name, test in _TYPES if test(series.dtype)), "string")


def fields(df: pd.DataFrame) -> list[dict]:
    """The Table Schema fields of a published table: name, type, Danish title, description and
    unit (empty title and description for a column the glossary lacks: a test then fails)."""
    return [field(str(name), field_type(df[name])) for name in df.columns]


# Columns whose name does not yet say their unit, renamed where the book publishes them
PUBLISHED_NAMES = {"share": "share_pct", "share_week_13": "share_week_13_pct", "share_week_26": "share_week_26_pct",
                   "share_units_without_shortfall": "share_units_without_shortfall_pct"}


def published(df: pd.DataFrame) -> pd.DataFrame:
    """The table as the open data publishes it: one naming style (PUBLISHED_NAMES) and numbers
    rounded to DECIMALS decimals."""
    return rounded(df.rename(columns={k: v for k, v in PUBLISHED_NAMES.items() if k in df.columns}))


def rounded(df: pd.DataFrame) -> pd.DataFrame:
    """The table with every decimal number rounded to DECIMALS decimals (2.6000000000000014 →
    2.6), the precision datapackage.json states."""
    floats = [c for c in df.columns if pd.api.types.is_float_dtype(df[c].dtype)]
    return df.assign(**{c: df[c].round(DECIMALS) for c in floats}) if floats else df


_SYNTHETIC = (" Bygger på den syntetiske eksempel-enhedsliste (opdigtede enheder med kildens totaler), ikke på "
              "kommunens egne data.")
_BM, _BP, _INV, _KV, _RA = "Jobcenterbenchmark", "Beskæftigelsesplan", "Investeringer", "Kvoter", "Rammer og nøgletal"
# file name (without .csv) as a regular expression: (Danish title, description); `\1` is a group.
TABLES: tuple[tuple[str, str, str], ...] = (
    (r"benchmark_afstemning", f"{_BM}: rapportens tal regnet efter",
     "Hvert tal i benchmarkrapporten, som kapitlet har regnet efter: det trykte tal, bogens beregning, det "
     "interval, de trykte tal tillader, og status."),
    (r"benchmark_enhedsomkostninger", f"{_BM}: enhedsomkostninger pr. målgruppe",
     "Fokuskommunens enhedsomkostning pr. målgruppe mod gennemsnittet af sammenligningskommunerne, med "
     "afvigelse, placering og resultater."),
    (r"benchmark_udgiftsfordeling_norddjurs", f"{_BM}: Norddjurs' udgifter pr. målgruppe",
     "Fuldtidspersoner og udgifter pr. målgruppe, med og uden puljer, og andelen mod de øvrige kommuner."),
    (r"benchmark_vaerdier", f"{_BM}: rapportens tabelværdier",
     "Rapportens tabeller i lang form: én række pr. tabel, målgruppe, mål og kommune; huller i kilden markeret."),
    (r"beskaeftigelsesplan_opfoelgning_(\d{4})", rf"{_BP} \1: målene ved opfølgningen",
     r"Hvert mål i Beskæftigelsesplan \1 ved den viste opfølgning: mål, udgangspunkt, målt værdi og status."),
    (r"beskaeftigelsesplan_status_(\d{4})", rf"{_BP} \1: mål fordelt på status",
     r"Antal og andel af målene i Beskæftigelsesplan \1 pr. status, som kilden tæller dem og efter reglen."),
    (r"datagrundlag_input_files", "Datagrundlag: udgavens inputfiler",
     "Hver fil, udgaven læser: kapitel, parameter, sti, sha256, størrelse og kilden (dokument, afsnit, "
     "tabel, side)."),
    (r"investeringer_case_year", f"{_INV}: budget og resultat pr. investering og år",
     "Investering, besparelse og netto pr. investering og år, budget og resultat eller forventning, med "
     "afvigelserne."),
    (r"investeringer_cumulative", f"{_INV}: samlet netto pr. investering",
     "Investeringernes samlede netto over årene, budget og resultat eller forventning, og afvigelsen."),
    (r"investeringer_survival_summary", f"{_INV}: tid på ydelse, sammenfattet",
     "Andelen på ydelse i uge 13 og 26 og forskellen til sammenligningskurven pr. kurve."),
    (r"investeringer_tabel1", f"{_INV}: Tabel 1 genberegnet",
     "Notatets Tabel 1 pr. år: investering, besparelse og netto, som budgetteret og som opgjort."),
    (r"kvoter_(synthetic_)?by_area", f"{_KV}: kvote og pladser pr. direktørområde",
     "Ansatte, pladser, kvote, mangel og nye pladser efter de to fordelingsmodeller pr. direktørområde og grænse."),
    (r"kvoter_placement_mix", f"{_KV}: pladser på særlige vilkår fordelt på type",
     "Antal pladser pr. type (løntilskud, fleksjob, virksomhedspraktik, voksenlærling) og andelen."),
    (r"kvoter_(synthetic_)?tabel1_recomputed", f"{_KV}: Tabel 1 genberegnet",
     "Budgetanalysens Tabel 1 pr. direktørområde og grænse: ansatte og kvote som trykt og efter enhedslisten."),
    (r"kvoter_(synthetic_)?threshold_sweep", f"{_KV}: kvote og nye pladser efter grænse",
     "For hver grænse (én plads pr. N ansatte): kvote, mangel og nye pladser efter de to fordelingsmodeller."),
    (r"kvoter_(synthetic_)?top_shortfall", f"{_KV}: enheder med størst mangel",
     "Enhederne med størst mangel på pladser ved den viste grænse (små tal skjult af hensyn til diskretion)."),
    (r"parametre_parameters", "Parametre: udgavens parametre",
     "Hver parameter i udgaven med dens værdi og ændringen siden forrige udgave."),
    (r"rammer_aarshjul", f"{_RA}: udvalgets årshjul", "Udvalgets faste aktiviteter med start- og slutmåned."),
    (r"rammer_akasser", f"{_RA}: a-kasser med samarbejdsaftale", "De a-kasser, kommunen har en samarbejdsaftale med."),
    (r"rammer_benchmark", f"{_RA}: ministerens benchmark",
     "Forventet og faktisk antal fuldtidspersoner på ydelse pr. målgruppe, forskellen og placeringen."),
    (r"rammer_budgetandele", f"{_RA}: budgetfordelingen", "Budgettets fordeling på kategorier i procent."),
    (r"rammer_kontakt", f"{_RA}: borgere i kontakt med jobcentret",
     "Antal borgere i kontakt med jobcentret pr. gruppe."),
    (r"rammer_noegletal", f"{_RA}: udvalgte nøgletal",
     "Nøgletal om kommunens arbejdsmarked med enhed, placering, periode og publikation."),
    (r"rammer_raaderum", f"{_RA}: udvalgets politiske råderum", "Pr. tema: loven og det råderum, udvalget har."),
    (r"rammer_rammevilkaar", f"{_RA}: kommunernes rammevilkår",
     "Kommunens placering (fra den dårligste) i analysen af kommunernes rammevilkår."),
)


def table_words(file: str) -> tuple[str, str] | None:
    """The Danish title and description of a published table (`kvoter_by_area.csv`), from
    TABLES; a table from synthetic example data says so. None for a table TABLES does not know."""
    stem = file.removesuffix(".csv")
    for pattern, title, description in TABLES:
        m = re.fullmatch(pattern, stem)
        if m:
            synthetic = "_synthetic_" in f"_{stem}_"
            return (m.expand(title) + (" (syntetiske eksempeldata)" if synthetic else ""),
                    m.expand(description) + (_SYNTHETIC if synthetic else ""))
    return None
