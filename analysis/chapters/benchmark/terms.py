"""The names of the Jobcenterbenchmark: target groups, tables, measures, tasks and the source's
four groups (section 3.3), in the source's order and with the source's own Danish terms.

Inputs are transcribed as printed (wide: one column per municipality in printed order,
`m01` = Norddjurs, `m02`..`m10` = the unnamed peers).
"""
from __future__ import annotations

CHAPTER = "benchmark"
DOCUMENT = "BDO: Jobcenterbenchmark 2023, Norddjurs Kommune"
N_MUNICIPALITIES = 10
MCOLS = [f"m{i:02d}" for i in range(1, N_MUNICIPALITIES + 1)]
COST_UNIT = "1.000 kr. pr. fuldtidsperson"

# Target groups in the source's order, with the short Danish names used in tables and figures.
GROUPS: dict[str, str] = {
    "dagpenge": "Dagpenge",
    "kh_jobparat": "Kontanthjælp, jobparate",
    "kh_aktivitetsparat": "Kontanthjælp, aktivitetsparate",
    "uh_uddannelsesparat": "Uddannelseshjælp, uddannelsesparate",
    "uh_aktivitetsparat": "Uddannelseshjælp, aktivitetsparate",
    "sh_ydelse": "Selvforsørgelses- og hjemsendelsesydelse",
    "revalidering": "Revalidering",
    "sygedagpenge": "Sygedagpenge",
    "jobafklaring": "Jobafklaring",
    "fleksjob": "Fleksjob og ledighedsydelse",
    "ressourceforloeb": "Ressourceforløb",
}
# Section and table of chapter 5 per group (Tabel 5.10 does not exist in the source).
GROUP_TABLES = {"dagpenge": "Tabel 5.1", "kh_jobparat": "Tabel 5.2", "kh_aktivitetsparat": "Tabel 5.3",
                "uh_uddannelsesparat": "Tabel 5.4", "uh_aktivitetsparat": "Tabel 5.5",
                "sh_ydelse": "Tabel 5.6", "revalidering": "Tabel 5.7", "sygedagpenge": "Tabel 5.8",
                "jobafklaring": "Tabel 5.9", "fleksjob": "Tabel 5.11", "ressourceforloeb": "Tabel 5.12"}
T32, T33, B2 = "Tabel 3.2", "Tabel 3.3", "Bilag 2"

# Tasks of the cost profile: main tasks add up to `samlet`; sub-tasks to their main task.
MAIN_TASKS = ["sagsbehandling", "virksomhedsindsats", "beskaeftigelsestilbud", "foelgeudgifter",
              "administration", "ledelse"]
SUB_TASKS = {"virksomhedsindsats": ["udplacering", "virksomhedsindsats_oevrigt", "rekrutteringsservice"],
             "beskaeftigelsestilbud": ["ordinaer_uddannelse", "oevrig_vejledning", "mentor"]}
MEASURES: dict[str, str] = {
    "enhedsomkostning": "Enhedsomkostning",
    "sagsbehandling": "Sagsbehandling mv.",
    "rehabiliteringsteam": "heraf rehabiliteringsteam",
    "virksomhedsindsats": "Virksomhedsindsats i alt",
    "udplacering": "heraf udplacering",
    "virksomhedsindsats_oevrigt": "heraf øvrig virksomhedsindsats",
    "rekrutteringsservice": "heraf rekrutteringsservice",
    "beskaeftigelsestilbud": "Beskæftigelsestilbud i alt",
    "ordinaer_uddannelse": "heraf ordinær uddannelse",
    "oevrig_vejledning": "heraf øvrig vejledning og opkvalificering",
    "mentor": "heraf mentor",
    "foelgeudgifter": "Følgeudgifter (konto 5+6)",
    "foelgeudgifter_konto_5": "Følgeudgifter konto 5",
    "foelgeudgifter_konto_6": "Følgeudgifter konto 6",
    "administration": "Administration og møder",
    "ledelse": "Ledelse/teamledelse",
    "samlet": "Samlet",
    "samlet_ekskl_puljer": "Samlet ekskl. puljer",
    "samlet_konto_5": "Samlet konto 5",
    "samlet_konto_6": "Samlet konto 6",
    "samtaleintensitet": "Samtaleintensitet (samtaler pr. kvartal)",
    "beroert_aktivering": "Berørt af aktivering",
    "beroert_virksomhedsrettet": "Berørt af virksomhedsrettet aktivering",
    "aktiveringsgrad": "Aktiveringsgrad",
    "virksomhedsrettet_aktiveringsgrad": "Virksomhedsrettet aktiveringsgrad",
    "afgangsrate": "Afgangsrate til job og uddannelse",
    "varighed": "Gns. varighed på offentlig forsørgelse (år)",
}
QUALITY = ["samtaleintensitet", "beroert_aktivering", "beroert_virksomhedsrettet", "aktiveringsgrad",
           "virksomhedsrettet_aktiveringsgrad", "afgangsrate", "varighed"]
RESULT_MEASURE = "afgangsrate"
# Measures that may be negative as printed: the konto 5/6 split of a total (Tabel 5.6 prints a
# negative konto 6 amount for one peer); deviations are separate columns, not values.
SIGNED_MEASURES = {"samlet_konto_5", "samlet_konto_6"}
# Shares that cannot exceed 100 %. Aktiveringsgrad is a ratio of full-time persons (persons in
# activation / persons on benefit) and is printed above 100 % once (Tabel 5.7), so it is >= 0 only.
CAPPED_SHARES = {"beroert_aktivering", "beroert_virksomhedsrettet", "afgangsrate",
                 "forsoergelsestryk", "ressourcefordeling", "andel_virksomhedsindsats",
                 "andel_administration", "andel_ledelse"}

# The source's four groups (section 3.3), numbered as in the source, with its own terms.
QUADRANTS = {1: "Investeringspotentiale", 2: "Optimeringspotentiale",
             3: "Effektiviseringspotentiale", 4: "Høj omkostningseffektivitet"}
GAP_KINDS = {"printed_dash": "trykt som »-«",
             "column_not_printed": "kolonnen mangler i teksten",
             "table_not_in_text": "tabellen mangler i teksten"}

# Short names for figures and narrow tables.
GROUP_SHORT = {"dagpenge": "Dagpenge", "kh_jobparat": "KH jobparate", "kh_aktivitetsparat": "KH aktivitetsparate",
               "uh_uddannelsesparat": "UH uddannelsesparate", "uh_aktivitetsparat": "UH aktivitetsparate",
               "sh_ydelse": "SH-ydelse", "revalidering": "Revalidering", "sygedagpenge": "Sygedagpenge",
               "jobafklaring": "Jobafklaring", "fleksjob": "Fleksjob/ledighedsydelse",
               "ressourceforloeb": "Ressourceforløb"}

# The target groups as they read inside a Danish sentence.
GROUP_PHRASES = {"dagpenge": "dagpenge", "kh_jobparat": "jobparate på kontanthjælp",
                 "kh_aktivitetsparat": "aktivitetsparate på kontanthjælp",
                 "uh_uddannelsesparat": "uddannelsesparate på uddannelseshjælp",
                 "uh_aktivitetsparat": "aktivitetsparate på uddannelseshjælp",
                 "sh_ydelse": "selvforsørgelses- og hjemsendelsesydelse", "revalidering": "revalidering",
                 "sygedagpenge": "sygedagpenge", "jobafklaring": "jobafklaring",
                 "fleksjob": "fleksjob og ledighedsydelse", "ressourceforloeb": "ressourceforløb"}
