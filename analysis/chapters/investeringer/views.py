"""Tables, figures, alt texts and Danish texts of the investeringer chapter, ready for the
notebook: each `*_table` returns the keyword arguments of `report.table`, each `*_figure` those
of `report.figure`, each `*_text` a Markdown string."""
from __future__ import annotations

import pandas as pd

from ...core import fmt
from ...core.check import Check
from ...core.provenance import lookup
from ...core.tables import escape_markdown
from . import figures
from .model import (
    Derived,
    case_year,
    changed_cases,
    changes,
    cumulative,
    net_label_is_sum,
    planned_investment,
    returned_funds,
)
from .reconcile import KIND_LABELS
from .schemas import MEASURES

ACTIVITY_LABELS = {
    "planned_participants": "planlagt antal deltagere",
    "expected_participants": "forventet antal deltagere",
    "participants": "antal deltagere",
    "business_leaders_kickoff": "erhvervsledere ved kick-off",
    "small_jobs_created": "småjob skabt",
}
STATUS_LABELS = {"running": "igangværende", "ended": "afsluttet"}
SURVIVAL_SOURCE = "Notat 26-11-2021, Tabel 2 (Jobindsats.dk, 5. november 2021)"
NOTAT_TABLES = ("Notat 26-11-2021 om kvartalsvis opfølgning på investeringer for budget 2020-2023, "
                "Tabel 3-6 (Budgetaftale 2020-2023, Fasit, DREAM og KMD Opus)")


def join_da(items: list[str]) -> str:
    """'a', 'a og b', 'a, b og c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def year_heading(year: int, kind: str) -> str:
    """A column heading such as '2021 forventet'."""
    return f"{year} {KIND_LABELS[kind]}"


def date_da(d: Derived) -> str:
    """The follow-up date in Danish ('26. november 2021')."""
    return fmt.date(d.inputs.follow_up_date)


def amounts_source(d: Derived) -> str:
    """The 'Kilde' text for figures built from the quarter's amounts."""
    if d.inputs.amounts_are_published:
        return NOTAT_TABLES
    return (f"budget: {NOTAT_TABLES}; resultat/forventet: opfølgningsfilen {d.inputs.files['amounts_file']} "
            f"pr. {d.inputs.follow_up_date.isoformat()}")


def has_provenance(path: str) -> bool:
    """True when an input file is registered in a provenance registry of data/raw."""
    return lookup(path) is not None


# ---------------------------------------------------------------- texts
def status_text(d: Derived) -> str:
    """How the figures are stated (date, unit, sign, result vs forecast) and what is shown."""
    text = (f"Tallene er opgjort pr. {date_da(d)}. Beløb er i mio. kr. i løbende priser, og minus betyder en "
            "indtægt eller et mindreforbrug, dvs. en besparelse. Et år er et *resultat*, når året er afsluttet "
            "ved opfølgningen; ellers er tallet en *forventning*.")
    inputs = d.inputs
    if len(d.shown) < len(inputs.cases):
        text += (" Oversigten og hovedbudskaberne omfatter alle investeringer; enkeltvis vises investering "
                 f"{join_da([str(c) for c in d.shown])}.")
    if not inputs.amounts_are_published:
        changed = changed_cases(inputs.amounts, inputs.published_amounts)
        text += (f" Resultater og forventninger kommer fra opfølgningsfilen `{inputs.files['amounts_file']}`; "
                 "i forhold til notatet af 26. november 2021 er tallene ændret for investering "
                 f"{join_da([str(c) for c in changed])}.")
        if not has_provenance(inputs.files["amounts_file"]):
            text += " Filen er ikke registreret med kildeangivelse i datagrundlaget (data/raw)."
    return text


def totals_text(d: Derived) -> str:
    """The period's investment and saving, the Tabel 1 label remark and the planned investment."""
    hl = d.inputs.headlines.set_index("item")["value"]
    label_note = ("I notatets Tabel 1 er summen mærket (B-A), men tallene er A+B, fordi besparelser står med minus. "
                  if net_label_is_sum(d.inputs.tabel1) else "")
    return (f"Over {d.period} ventes investeringerne at koste {fmt.amount(d.t1['investment'].sum(), decimals=3)} og at "
            f"spare {fmt.amount(-d.t1['savings'].sum(), decimals=3)} på forsørgelsen. {label_note}"
            f"Budgetaftalen nævner en samlet investering på {fmt.amount(hl['planned_investment'], decimals=3)}, mens "
            f"budgetkolonnerne i casetabellerne summer til {fmt.amount(planned_investment(d.cy), decimals=3)}; "
            "forskellen er beskrevet i afstemningen sidst i kapitlet.")


def activity_sentence(activity: pd.DataFrame, case: int) -> str:
    """The case's activity figures in one Danish clause, e.g. 'planlagt antal deltagere: 40
    fuldtidspersoner (2021)'."""
    parts = []
    for _, r in activity[activity["case"] == case].iterrows():
        yr = "" if pd.isna(r["year"]) else f" ({int(r['year'])})"
        parts.append(f"{ACTIVITY_LABELS.get(r['measure'], r['measure'])}: "
                     f"{fmt.integer(r['value'])} {r['unit']}{yr}")
    return "; ".join(parts)


def case_text(d: Derived, case: int) -> str:
    """The heading and the paragraph of one case: target group, net effect, status, activity."""
    c = d.inputs.cases.set_index("case").loc[case]
    k = d.cum.set_index("case").loc[case]
    text = (f"Målgruppe: {c['target_group']}. Samlet nettoeffekt {d.period} i mio. kr.: budget "
            f"{fmt.number(k['net_budget'], 3)}, resultat/forventet {fmt.number(k['net_actual'], 3)}.")
    if c["status"] == "ended":
        rf = returned_funds(d.cy, d.inputs.cases).set_index("case")["returned"]
        text += (f" Investeringen blev afsluttet ved beslutning {fmt.date(c['decision_date'])}; "
                 f"{fmt.amount(rf.get(case, 0.0), decimals=3)} af budgettet blev ført tilbage til kassen.")
    act = activity_sentence(d.inputs.activity, case)
    if act:
        text += f" Notatet af 26. november 2021 oplyser: {act}."
    return f"### {case}. {c['short_name']}\n\n{text}"


def changes_text(d: Derived) -> str:
    """The heading and sentence of the changes since the notat (a later follow-up only)."""
    inputs = d.inputs
    cum_pub = cumulative(case_year(inputs.published_amounts), d.years).set_index("case")["net_actual"]
    delta = d.cum.set_index("case")["net_actual"] - cum_pub
    parts = [f"investering {c}: {fmt.amount(delta[c], decimals=3, sign=True)}"
             for c in changed_cases(inputs.amounts, inputs.published_amounts)]
    return ("## Ændringer siden notatet af 26. november 2021\n\n"
            f"Ændringen i samlet nettoeffekt {d.period} i forhold til notatet: {join_da(parts)} "
            "(minus er en større besparelse).")


def survival_text(d: Derived) -> str:
    """What a survival curve is and why the baseline is the chosen period."""
    return ("Effekten af investeringerne måles mod, hvor hurtigt ledige forlader ydelsen. En overlevelseskurve "
            "viser andelen af dem, der blev ledige, som stadig får A-dagpenge et antal uger efter. Jo lavere "
            f"kurven er, jo hurtigere kommer de ledige videre. Sammenligningen er med {d.labels[d.baseline].lower()}, "
            "så effekten ikke vurderes mod en periode med højkonjunktur alene. Kurverne for de seneste perioder er "
            "endnu ikke fulde, fordi ikke alle uger er gået.")


def reconciliation_text(checks: list[Check]) -> str:
    """How many of the notat's printed figures the book recomputed and how many agree; figures
    printed twice count apart, never as verification."""
    rec = [c for c in checks if c.basis == "recomputed"]
    same = [c for c in checks if c.basis == "cross_reference"]
    n = {s: sum(c.status == s for c in rec) for s in ("match", "within_rounding", "differs", "not_reproducible")}
    text = (f"Bogen har regnet {fmt.integer(len(rec))} af notatets trykte tal efter ud fra notatets egne "
            f"casetabeller: {fmt.integer(n['match'])} stemmer")
    if n["within_rounding"]:
        text += f", {fmt.integer(n['within_rounding'])} stemmer inden for afrunding"
    text += (f", {fmt.integer(n['differs'])} afviger, og {fmt.integer(n['not_reproducible'])} kan ikke regnes "
             "efter, fordi notatet ikke har tallene bag.")
    if same:
        text += (f" Yderligere {fmt.integer(len(same))} tal i teksten er blot gentaget fra en tabel; de er "
                 "sammenholdt, men tæller ikke som efterregning.")
    return text + " Tallene er vist, som notatet trykker dem, ikke rettet."


def findings_text(findings: list) -> str:
    """The chapter's findings as Markdown: title, plain explanation, rows covered."""
    if not findings:
        return "Alle efterregnede tal stemmer med notatet."
    parts = []
    for f in findings:
        rows = "ét tal" if f.rows == 1 else f"{fmt.integer(f.rows)} tal"
        parts.append(f"**{escape_markdown(f.title)}** ({rows})\n\n{escape_markdown(f.explanation)}")
    return "\n\n".join(parts)


# ---------------------------------------------------------------- tables
def tabel1_table(d: Derived) -> dict:
    """Tabel 1 as the notat lays it out (rows A, B, A+B and the budgeted net; years as
    columns plus the period total)."""
    t1 = d.t1
    heads = [year_heading(int(y), k) for y, k in zip(t1["year"], t1["kind"])]
    rows = [("Investering i indsats (A)", "investment"), ("Besparelse på forsørgelse (B)", "savings"),
            ("I alt (A+B)", "net"), ("Budgetteret i alt (casetabeller)", "net_budget")]
    data = {"Post": [r[0] for r in rows]}
    for h, (_, r) in zip(heads, t1.iterrows()):
        data[h] = [float(r[c]) for _, c in rows]
    data["I alt"] = [float(t1[c].sum()) for _, c in rows]
    return dict(df=pd.DataFrame(data), decimals=3,
                caption=f"Investering og besparelse pr. år for alle investeringer, mio. kr. (opgjort {date_da(d)})",
                source=amounts_source(d) + "; som Tabel 1 i notatet, her lagt sammen fra casetabellerne")


def case_table(d: Derived, case: int) -> dict:
    """One case: budget, result-or-forecast and deviation of investment, savings and net,
    years as columns plus the period total."""
    sel = d.cy[(d.cy["case"] == case) & d.cy["year"].isin(list(d.years))].sort_values("year")
    heads = [year_heading(int(y), k) for y, k in zip(sel["year"], sel["kind"])]
    rows = []
    for m in (*MEASURES, "net"):
        name = {"investment": "Investering", "savings": "Besparelse", "net": "I alt"}[m]
        for s, lab in (("budget", "budget"), ("actual", "resultat/forventet"), ("deviation", "afvigelse")):
            vals = [float(v) for v in sel[f"{m}_{s}"]]
            rows.append([f"{name}: {lab}", *vals, pd.Series(vals, dtype=float).sum(min_count=1)])
    short = d.inputs.cases.set_index("case").loc[case, "short_name"]
    return dict(df=pd.DataFrame(rows, columns=["Post", *heads, "I alt"]), decimals=3,
                caption=(f"Investering {case}, {short.lower()}: budget, resultat/forventet og afvigelse, "
                         f"mio. kr. (opgjort {date_da(d)})"),
                source=amounts_source(d),
                note="Afvigelse = resultat/forventet minus budget; minus er bedre end budget.")


def overview(d: Derived) -> pd.DataFrame:
    """Per case shown: number, name, status and the cumulative net effect (budget, actual,
    deviation)."""
    c = d.inputs.cases.merge(d.cum, on="case")
    c = c[c["case"].isin(list(d.shown))]
    return pd.DataFrame({
        "Nr.": c["case"].astype(str),
        "Investering": c["short_name"],
        "Status": c["status"].map(STATUS_LABELS),
        "Budget, netto": c["net_budget"].astype(float),
        "Resultat/forventet, netto": c["net_actual"].astype(float),
        "Afvigelse": c["net_deviation"].astype(float),
    })


def overview_table(d: Derived) -> dict:
    """The overview table of the cases' cumulative net effect."""
    return dict(df=overview(d), decimals=3, source=amounts_source(d),
                caption=(f"Nettoeffekt pr. investering {d.period}, budget og resultat/forventet, mio. kr. "
                         f"(opgjort {date_da(d)})"))


def cumulative_figure(d: Derived) -> dict:
    """The bar figure of the cases' cumulative net effect, with its alt text."""
    ov = overview(d)
    alt = ("Vandrette søjler for hver investering: den budgetterede og den forventede samlede nettoeffekt i mio. kr. "
           "Negative værdier er besparelser. " + " ".join(
               f"Nr. {r['Nr.']}: budget {fmt.number(r['Budget, netto'], 1)}, "
               f"forventet {fmt.number(r['Resultat/forventet, netto'], 1)}." for _, r in ov.iterrows()))
    return dict(fig=figures.cumulative_figure(ov, d.years), alt=alt, source=amounts_source(d),
                caption=(f"Samlet nettoeffekt {d.period} pr. investering, budget og resultat/forventet "
                         f"(opgjort {date_da(d)})"))


def survival_figure(d: Derived) -> dict:
    """The survival curves figure, with its alt text."""
    alt = ("Linjediagram med tre overlevelseskurver fra 100 % i uge 0. " + " ".join(
        f"{d.labels[r['series']]}: {fmt.percent(r['share_week_13'])} efter 13 uger, "
        f"observeret til uge {r['last_week']}."
        for _, r in d.summary.iterrows()))
    return dict(fig=figures.survival_figure(d.inputs.survival, d.baseline), alt=alt, source=SURVIVAL_SOURCE,
                caption=("Andel af nye A-dagpengemodtagere i Norddjurs Kommune, der stadig får ydelsen, "
                         "efter antal uger"))


def survival_table(d: Derived) -> dict:
    """Shares at weeks 13 and 26, differences to the baseline and the area between curves."""
    s = d.summary
    df = pd.DataFrame({
        "Periode": s["series"].map(d.labels),
        "Uge 13, %": s["share_week_13"],
        "Forskel uge 13, pct.-point": s["diff_week_13_pp"],
        "Uge 26, %": s["share_week_26"],
        "Forskel uge 26, pct.-point": s["diff_week_26_pp"],
        "Observeret til uge": s["last_week"].astype(int),
        "Areal, pct.-point × uger": s["area_pp_weeks"],
    })
    return dict(df=df, decimals={c: 1 for c in df.columns[1:] if c != "Observeret til uge"},
                caption=f"Andel stadig på A-dagpenge efter 13 og 26 uger og forskel til {d.labels[d.baseline].lower()}",
                source=SURVIVAL_SOURCE + "; forskelle og arealer beregnet",
                note=("Arealet mellem kurverne er opgjort over de uger, perioden er observeret; positivt betyder "
                      "hurtigere afgang end sammenligningsperioden."))


def changes_table(d: Derived) -> dict:
    """The result/forecast rows changed since the notat (a later follow-up only)."""
    ch = changes(d.inputs.amounts, d.inputs.published_amounts)
    names = d.inputs.cases.set_index("case")["short_name"]
    df = pd.DataFrame({
        "Investering": [f"{c}. {names[c]}" for c in ch["case"]],
        "År": ch["year"].astype(str),
        "Post": ch["measure"].map({"investment": "Investering", "savings": "Besparelse"}),
        "Notat 26-11-2021": ch["amount_old"].astype(float),
        "Denne opfølgning": ch["amount_new"].astype(float),
        "Ændring": ch["change"].astype(float),
    })
    return dict(df=df, decimals=3, source=amounts_source(d),
                caption=f"Resultater og forventninger, der er ændret siden notatet, mio. kr. (opgjort {date_da(d)})")
