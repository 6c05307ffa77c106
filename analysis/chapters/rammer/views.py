"""Tables and Danish texts of the Rammer chapter, for the notebook to show."""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from ...core import fmt
from ...core.precision import printed_decimals
from ...core.tables import escape_markdown
from . import model
from .figures import MONTHS_DA
from .inputs import Inputs
from .opening import dashes

INTRO = ("Kapitlet samler de rammer og nøgletal, som bogens øvrige analyser skal læses i lyset af: "
         "udvalgets opgaver, råderum og økonomi, kommunens resultater i forhold til det forventede og "
         "udvalgets møder og arbejdsgang i løbet af året.")


def _share(shares: pd.DataFrame, split: str, category: str) -> str:
    v = model.share_of(shares, split, category)
    return fmt.percent(v, printed_decimals(v))


def economy_text(inputs: Inputs) -> str:
    """The section on the committee's economy."""
    s = inputs.budget_shares
    return f"""
## Udvalgets økonomi

Arbejdsmarkedsudvalget rådede i {escape_markdown(block_period(inputs, "oekonomi"))} over
{_share(s, "udvalg", "Arbejdsmarkedsudvalget")} af kommunens budget. Indtægterne på
beskæftigelsesområdet kom som bloktilskud ({_share(s, "indtaegter", "Bloktilskud")}) og som statslig
refusion ({_share(s, "indtaegter", "Refusion")}). Næsten hele udgiften gik til ydelser
({_share(s, "udgifter", "Ydelser")}); lønsum og indsatsmidler udgjorde {_share(s, "udgifter", "Lønsum")}
og {_share(s, "udgifter", "Indsatsmidler")}. Kilden markerer selv budgetfordelingen som foreløbig, indtil
budgettet for de nye udvalg var lagt.

Refusionen aftager, jo længere en borger har været på offentlig forsørgelse (refusionstrappen).
Trappens satser står kun som billede i kilden og gengives derfor ikke her. Budgetgarantien
kompenserer kommunerne under ét for overførselsudgifterne; bruger Norddjurs mindre end
gennemsnittet, bliver kommunen overkompenseret, og omvendt.
"""


def benchmark_period(inputs: Inputs) -> str:
    """The period of the minister's benchmark, as the source prints it."""
    return model.figure_row(inputs.intro_figures, "benchmark_mindreforbrug")["period"]


def benchmark_text(inputs: Inputs) -> str:
    """The section on the minister's benchmark."""
    t = model.benchmark_table(inputs.benchmark)
    total, groups = model.benchmark_total(t), model.benchmark_groups(t)
    best = groups.loc[groups["rank"].idxmin()]
    saving = model.figure_row(inputs.intro_figures, "benchmark_mindreforbrug")
    word = "færre" if total["difference_computed"] < 0 else "flere"
    return f"""
## Forventet og faktisk antal på offentlig forsørgelse

Beskæftigelsesministerens benchmark sammenholder et forventet antal fuldtidspersoner på offentlig
forsørgelse i kommunen med det faktiske antal. Introduktionen til udvalget forklarer ikke, hvordan
det forventede antal er beregnet. I {escape_markdown(dashes(saving["period"]))} havde Norddjurs
{fmt.integer(abs(total["difference_computed"]))} {word} fuldtidspersoner på forsørgelse end forventet
og lå som nr. {fmt.integer(total["rank"])} på ranglisten; {_rank_reading(groups)} Bedst placeret var
{escape_markdown(best["group"])} (nr. {fmt.integer(best["rank"])},
{fmt.integer(best["difference_computed"], sign=True)}).

Ifølge introduktionen betyder placeringen, at kommunen brugte
{fmt.amount(saving["value"], saving["unit"], 1)} mindre på offentlig forsørgelse end forventet i
perioden. Beløbet kan ikke regnes efter ud fra tabellen (se Bilag C: Afstemning).

Forskellen er faktisk minus forventet antal, som i kilden: et negativt tal betyder færre på
forsørgelse end forventet. Alle tabellens antal ender på 0; de er altså afrundet, og procenterne
i tabellen er derfor kun omtrentlige. Sygedagpenge mv. omfatter også jobafklaringsforløb;
kontanthjælp mv. omfatter bl.a. uddannelseshjælp, revalidering, selvforsørgelses- og
hjemrejseydelse, overgangsydelse, ressourceforløb og ledighedsydelse.
"""


def _rank_reading(groups: pd.DataFrame) -> str:
    """What the ranks say, when the groups' ranks follow their differences (lower = better)."""
    by_rank = groups.sort_values("rank")["difference_pct"].tolist()
    if by_rank == sorted(by_rank):
        return ("grupperne med færrest på forsørgelse i forhold til det forventede har de laveste "
                "numre, så et lavt nummer er en god placering. Antallet af kommuner på listen står "
                "ikke i kilden.")
    return "kilden siger ikke, om et lavt nummer er en god placering, og antallet af kommuner står ikke i kilden."


def benchmark_display(benchmark: pd.DataFrame) -> pd.DataFrame:
    """The benchmark table for the reader: counts, difference, difference in percent, rank."""
    t = model.benchmark_table(benchmark)
    return pd.DataFrame({
        "Ydelsesgruppe": t["group"],
        "Forventet": t["expected"],
        "Faktisk": t["actual"],
        "Forskel": [fmt.integer(v, sign=True) for v in t["difference"]],
        "Forskel, %": [fmt.percent(v, 1, sign=True) for v in t["difference_pct"]],
        "Placering": t["rank"],
    }).reset_index(drop=True)


def _nth_worst(rank: int) -> str:
    return "de vanskeligste" if rank == 1 else f"de {fmt.integer(rank)}. vanskeligste"


def framework_text(inputs: Inputs) -> str:
    """The section on VIVE's framework conditions."""
    f = inputs.framework.set_index("scope_id")["rank_from_worst"]
    return f"""
## Rammevilkår

Det Nationale Forsknings- og Analysecenter for Velfærd (VIVE) har analyseret kommunernes
rammevilkår for beskæftigelsesindsatsen for {escape_markdown(_framework_period(inputs))}. Analysen
viser, hvilke kommuner der har de vanskeligste eller de mest gunstige rammevilkår. Ser man på alle
ydelser under ét, har Norddjurs {_nth_worst(f["alle_ydelser"])} rammevilkår;
på sygedagpenge har kommunen {_nth_worst(f["sygedagpenge"])} blandt alle kommuner. Introduktionen
nævner analysen og ministerens benchmark hver for sig; den siger ikke, om benchmarkens forventede
antal tager højde for rammevilkårene.
"""


def _framework_period(inputs: Inputs) -> str:
    return block_period(inputs, "rammevilkaar")


def block_period(inputs: Inputs, block: str) -> str:
    """The period a block's figures refer to, as the source writes it (en dash in ranges)."""
    p = inputs.periods.set_index("block")["period"]
    return dashes(p[block]) if block in p.index else ""


def framework_display(framework: pd.DataFrame) -> pd.DataFrame:
    """VIVE's ranking for the reader."""
    table = framework.rename(columns={"scope": "Område", "rank_from_worst": "Placering"})
    return table[["Område", "Placering"]].reset_index(drop=True)


def contact_text(inputs: Inputs) -> str:
    """The section on citizens in contact with the jobcenter."""
    c = model.contact_ratios(inputs.contact).set_index("group_id")
    parts = [f"{fmt.number(r['ratio_to_group'], 2)} gange så mange som antallet af "
             f"{escape_markdown(r['group'].lower())} ({fmt.integer(r['count'])})"
             for _, r in c.drop(index=model.CONTACT_GROUP).iterrows()]
    return f"""
## Borgere i kontakt med jobcentret

Introduktionen sammenligner antallet af borgere i kontakt med jobcentret med to kendte grupper for
at vise, hvor mange borgere området berører. {fmt.integer(c.loc[model.CONTACT_GROUP, "count"])}
borgere havde i {escape_markdown(block_period(inputs, "kontakt"))} et kontaktforløb i jobcentret.
Det er {" og ".join(parts)}. Forholdstallene sammenligner gruppernes størrelse; de siger ikke, hvor
mange kontaktforløb den enkelte borger har.
"""


RATIO_COLUMN = "Borgere med kontaktforløb i forhold til gruppen"


def contact_display(contact: pd.DataFrame) -> pd.DataFrame:
    """The contact table for the reader."""
    t = model.contact_ratios(contact)
    return pd.DataFrame({
        "Gruppe": t["group"],
        "Antal": t["count"],
        RATIO_COLUMN: [
            fmt.MISSING if g == model.CONTACT_GROUP else fmt.number(v, 2)
            for g, v in zip(t["group_id"], t["ratio_to_group"])],
    }).reset_index(drop=True)


def rank_text(rank, rank_of, order) -> str:
    """'8. laveste af 89' / '10. bedste'; '–' when there is no rank."""
    if pd.isna(rank):
        return fmt.MISSING
    text = f"{int(rank)}.\u00a0{order}"
    return text + (f" af {int(rank_of)}" if not pd.isna(rank_of) else "")


def value_text(value, unit, qualifier, sign: bool = False) -> str:
    """A key figure as the reader sees it: `ca. 38 %`, `+58 %`, `4,9 mio. kr.`."""
    if pd.isna(value):
        return fmt.MISSING
    d = printed_decimals(value)
    if unit == "%":
        text = fmt.percent(value, d, sign=sign)
    elif unit == "mio. kr.":
        text = fmt.amount(value, "mio. kr.", max(d, 1))
    else:
        text = fmt.number(value, d)
    return f"{qualifier} {text}" if isinstance(qualifier, str) and qualifier else text


def self_support_sentence(key_figures: pd.DataFrame) -> str:
    """The self-support ranks as one clause: 'den 8. laveste af 89 og den 5. laveste af 87'."""
    rows = key_figures[key_figures["indicator_id"].str.startswith("selvforsoergelse_")]
    return " og ".join(f"den {rank_text(r['rank'], r['rank_of'], r['rank_order'])}"
                       for _, r in rows.iterrows() if not pd.isna(r["rank"]))


def key_figures_text(inputs: Inputs, shown: Iterable[str] | None = None) -> str:
    """The section on key figures from KL and VIVE, with the agenda's own reading and caveats
    (VIVE is spelt out here unless the section on framework conditions, shown before, did it)."""
    shown = inputs.shown if shown is None else shown
    vive = ("VIVE" if "rammevilkaar" in shown else
            "Det Nationale Forsknings- og Analysecenter for Velfærd (VIVE)")
    return f"""
## Nøgletal fra KL og VIVE

I budgetproceduren får alle udvalg en sag om nøgletal, også med sammenligninger med andre
kommuner; tallene kan give inspiration til budgetanalyser og til at prioritere om inden for
udvalgets ramme. Tallene nedenfor stammer fra Kommunernes Landsforenings (KL's) publikation
*Kend din kommune* (forbrug og aktivitet til og med {escape_markdown(block_period(inputs, "noegletal"))})
og fra udvalgets nøgletalsrapport, der bygger på regnskabstal fra {vive} (ECO-nøgletal).
Andelene, der er selvforsørgende et år efter dagpenge og efter kontanthjælp mv., er henholdsvis
{self_support_sentence(inputs.key_figures)} kommuner. Forvaltningen skriver, at placeringen svarer
til kommunens socioøkonomiske placering.
Kontanthjælp mv. dækker her jobparat overgangsydelse, kontanthjælp og uddannelsesparat
uddannelseshjælp.

Dagsordenen understreger, at nøgletal sjældent giver hele forklaringen, og VIVE anbefaler at
bruge dem som afsæt for spørgsmål, ikke alene som grundlag for politisk prioritering. VIVE
sammenligner hvert nøgletal med sin egen gruppe af sammenlignelige kommuner.
"""


CHANGE_NOTE = "Ændringer pr. {who} er fra {start} til {end}: + = højere, − = lavere."


def _change_note(k: pd.DataFrame) -> str:
    rows = k[k["indicator_id"].str.startswith("udvikling_")]
    start, _, end = dashes(rows["period"].iloc[0]).partition("–")
    who = dashes(rows["indicator"].iloc[0].split(" pr. ")[-1])
    return CHANGE_NOTE.format(who=escape_markdown(who), start=escape_markdown(start),
                              end=escape_markdown(end))


def key_figures_tables(key_figures: pd.DataFrame) -> list[tuple[str, pd.DataFrame, str | None]]:
    """One compact table per publication: (publication, table, note)."""
    out = []
    for pub, k in key_figures.groupby("publication", sort=False):
        changes = k["indicator_id"].str.startswith("udvikling_")
        table = pd.DataFrame({
            "Nøgletal": [f"{dashes(i)} ({dashes(p)})" for i, p in zip(k["indicator"], k["period"])],
            "Værdi": [value_text(v, u, q, sign=c) for v, u, q, c in
                      zip(k["value"], k["unit"], k["qualifier"], changes)],
            "Placering": [rank_text(r, n, o) for r, n, o in zip(k["rank"], k["rank_of"], k["rank_order"])],
        }).reset_index(drop=True)
        out.append((pub, table, _change_note(k) if changes.any() else None))
    return out


def akasse_as_of(inputs: Inputs) -> str:
    """The date of the a-kasse figures as the source says it ('medio februar 2024')."""
    return inputs.akasse_coverage["as_of"].iloc[0]


def akasse_text(inputs: Inputs) -> str:
    """The section on cooperation agreements with the a-kasser: why (the agenda's own account,
    with its dates), how many, and whether they cover more of the members than of the a-kasser
    (said from the figures, either way)."""
    c = model.akasse_coverage(inputs.akasse_agreements, inputs.akasse_coverage)
    as_of = escape_markdown(akasse_as_of(inputs))
    names = ", ".join(escape_markdown(a) for a in inputs.akasse_agreements["akasse"])
    members, akasser = c["andel_medlemmer_printed"], c["andel_akasser"]
    cover = ("så aftalerne dækker en større del af medlemmerne end af a-kasserne" if members > akasser else
             "så aftalerne dækker en mindre del af medlemmerne end af a-kasserne" if members < akasser else
             "så aftalerne dækker lige så stor en del af medlemmerne som af a-kasserne")
    return f"""
## Samarbejde med a-kasserne

Ifølge dagsordenen fik a-kasserne med den forenklede beskæftigelsesindsats ansvaret for kontaktforløbet
med forsikrede ledige i den første del af ledigheden. Jobcentret henvendte sig derfor til alle a-kasser
i kommunen for at formalisere samarbejdet i samarbejdsaftaler. Aftalerne skal ifølge dagsordenen
understøtte en klar arbejdsdeling, gøre det tydeligt, hvilke svarfrister der kan forventes, og lette
dialogen mellem medarbejderne; de lægger op til faste dialogmøder, først kvartalsvise, siden halvårlige.
{as_of[0].upper() + as_of[1:]}
var der aftaler med {fmt.integer(c["aftaler"])} af {fmt.integer(c["akasser_i_alt"])} a-kasser
({fmt.percent(akasser, 1)}; kilden afrunder til {fmt.percent(c["andel_akasser_printed"], 0)}).
De a-kasser, der har aftale, har {fmt.percent(members, 1)} af a-kassemedlemmerne, {cover}.

A-kasser med aftale: {names}.
"""


def akasse_display(agreements: pd.DataFrame, coverage: pd.DataFrame) -> pd.DataFrame:
    """The a-kasse coverage for the reader (computed and as printed)."""
    c = model.akasse_coverage(agreements, coverage)
    return pd.DataFrame({
        "Mål": ["A-kasser med samarbejdsaftale", "A-kasser i Norddjurs Kommune",
                "Andel af a-kasserne (beregnet)", "Andel af a-kasserne (som trykt)",
                "Andel af a-kassemedlemmerne (som trykt)"],
        "Værdi": [fmt.integer(c["aftaler"]), fmt.integer(c["akasser_i_alt"]),
                  fmt.percent(c["andel_akasser"], 1), fmt.percent(c["andel_akasser_printed"], 0),
                  fmt.percent(c["andel_medlemmer_printed"], 1)],
    })


ABBREVIATIONS = {"AU": "Arbejdsmarkedsudvalget", "FGU": "Forberedende Grunduddannelse"}


def cycle_text(inputs: Inputs) -> str:
    """The section on the committee's annual cycle, with the book's edition months (`inputs.months`)."""
    cycle, months = inputs.annual_cycle, inputs.months
    eds = ", ".join(MONTHS_DA[m - 1] for m in months)
    used = [f"{a} for {meaning}" for a, meaning in ABBREVIATIONS.items()
            if cycle["activity"].str.contains(rf"\b{a}\b", regex=True).any()]
    spelt = f" I årshjulet står {' og '.join(used)}." if used else ""
    return f"""
## Udvalgets årshjul

Årshjulet viser, hvornår udvalget arbejder med de faste emner: introduktion i årets start,
strategi og budgetanalyser i foråret, budgetforhandling og beskæftigelsesplan i efteråret og
budgetopfølgning og puljefrister hen over året. De stiplede linjer viser, hvornår denne bog
udkommer ({eds}), så man kan se, hvilke af udvalgets opgaver en udgave kan give grundlag for.{spelt}
"""


def edition_overview(inputs: Inputs) -> pd.DataFrame:
    """For each edition month (`inputs.months`): the activities of the annual cycle in that month."""
    cycle, months = inputs.annual_cycle, inputs.months
    return pd.DataFrame([{"Udgavens måned": MONTHS_DA[m - 1],
                          "Aktiviteter i årshjulet samme måned": "; ".join(acts) or fmt.MISSING}
                         for m, acts in model.activities_by_month(cycle, months)])


def unplaced_text(cycle: pd.DataFrame) -> str | None:
    """The activities without a month, as a list; None when every activity has a month."""
    loose = model.unplaced_activities(cycle)["activity"]
    if not len(loose):
        return None
    return ("Årshjulet nævner også disse punkter uden fast måned; de er ikke placeret i "
            "tidslinjen:\n\n" + "\n".join(f"- {escape_markdown(a)}" for a in loose))


# ---------------------------------------------------------------- captions, notes, open data
CAPTIONS = {
    "oekonomi": "Udvalgets andel af budgettet (foreløbig fordeling) og fordelingen af indtægter og udgifter "
                "på beskæftigelsesområdet, {period} (procent)",
    "benchmark_figure": "Forventet og faktisk antal fuldtidspersoner pr. ydelsesgruppe, med forskellen "
                        "(faktisk − forventet)",
    "rammevilkaar": "Norddjurs Kommunes placering efter rammevilkår for beskæftigelsesindsatsen "
                    "(VIVE, {period})",
    "kontakt": "Borgere med kontaktforløb i jobcentret sammenlignet med {groups}, {period}",
    "aarshjul_figure": "Arbejdsmarkedsudvalgets årshjul {period} med bogens udgaver markeret",
    "aarshjul_table": "Aktiviteter i årshjulet {period} i de måneder, hvor bogen udkommer",
    "raaderum": "Eksempler på udvalgets politiske råderum",
}
NOTES = {
    "benchmark": "Forskel = faktisk − forventet antal; Forskel, % = i procent af forventet antal. "
                 "Antallene er afrundet i kilden, så procenterne er omtrentlige.",
    "rammevilkaar": "Placering 1 = de vanskeligste rammevilkår.",
    "kontakt": "Forholdstallet er antallet af borgere med kontaktforløb divideret med antallet i "
               "gruppen; det sammenligner gruppernes størrelse.",
}


def caption(inputs: Inputs, key: str) -> str:
    """A caption with the period (and groups) of its block filled in from the data (plain text:
    `report.table` and `report.figure` escape captions)."""
    block = key.split("_")[0]
    groups = inputs.contact[inputs.contact["group_id"] != model.CONTACT_GROUP]["group"].str.lower()
    return CAPTIONS[key].format(period=block_period(inputs, block), groups=" og ".join(groups))


def benchmark_caption(inputs: Inputs) -> str:
    """Caption of the benchmark table, with the benchmark's period."""
    return ("Forventet og faktisk antal fuldtidspersoner på offentlig forsørgelse, "
            f"{dashes(benchmark_period(inputs))}")  # a caption is escaped by report.table


def akasse_caption(inputs: Inputs) -> str:
    """Caption of the a-kasse table, with the date of the figures."""
    return f"Samarbejdsaftaler mellem jobcentret og a-kasserne, {akasse_as_of(inputs)}"


def benchmark_data(inputs: Inputs) -> pd.DataFrame:
    """The benchmark table as open data (printed and recomputed columns)."""
    return model.benchmark_table(inputs.benchmark).reset_index(drop=True)


def contact_data(inputs: Inputs) -> pd.DataFrame:
    """The contact table as open data (with the computed ratios)."""
    return model.contact_ratios(inputs.contact).reset_index(drop=True)
