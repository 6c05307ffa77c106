"""Tables, figures and alt texts of the investeringer chapter, ready for the notebook: each
`*_table` returns the keyword arguments of `report.table`, each `*_figure` those of
`report.figure` (the running texts are in `texts`)."""
from __future__ import annotations

import re

import pandas as pd

from ...core import fmt
from ...core.provenance import lookup
from . import figures
from .model import Derived, changes
from .reconcile import KIND_LABELS
from .schemas import MEASURES

STATUS_LABELS = {"running": "igangværende", "ended": "afsluttet"}
SURVIVAL_SOURCE = "Notat 26-11-2021, Tabel 2 (Jobindsats.dk, 5. november 2021)"
NOTAT_TABLES = ("Notat 26-11-2021 om kvartalsvis opfølgning på investeringer for budget 2020–2023, "
                "Tabel 3–6 (Budgetaftale 2020–2023, Fasit, DREAM og KMD Opus)")


def join_da(items: list[str]) -> str:
    """'a', 'a og b', 'a, b og c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def dash(text: str) -> str:
    """Year ranges with an en dash ('2020-2023' → '2020–2023')."""
    return re.sub(r"(?<=\d)-(?=\d)", "–", str(text))


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
    return f"budget: {NOTAT_TABLES}; resultat/forventet: forvaltningens opfølgning pr. {date_da(d)}"


def has_provenance(path: str) -> bool:
    """True when an input file is registered in a provenance registry of data/raw."""
    return lookup(path) is not None


# ---------------------------------------------------------------- tables
def tabel1_table(d: Derived) -> dict:
    """Tabel 1 as the notat lays it out (rows A, B, A+B and the budgeted net; years as
    columns plus the period total)."""
    t1 = d.t1
    heads = [year_heading(int(y), k) for y, k in zip(t1["year"], t1["kind"])]
    rows = [("Investering i indsats (A)", "investment"), ("Besparelse på forsørgelse (B)", "savings"),
            ("I alt (A+B)", "net"), ("Budgetteret i alt (bogens sum af casetabellerne)", "net_budget")]
    data = {"Post": [r[0] for r in rows]}
    for h, (_, r) in zip(heads, t1.iterrows()):
        data[h] = [float(r[c]) for _, c in rows]
    data[f"I alt {d.period} (bogens sum)"] = [float(t1[c].sum()) for _, c in rows]
    return dict(df=pd.DataFrame(data), decimals=3,
                caption=f"Investering og besparelse pr. år for alle investeringer, mio. kr. (opgjort {date_da(d)})",
                source=amounts_source(d) + "; som Tabel 1 i notatet, her lagt sammen fra casetabellerne",
                note="Rækken »Budgetteret i alt« og kolonnen »I alt« er bogens egne summer; notatet trykker dem ikke.")


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
    alt = (f"Vandrette søjler for hver investering: den budgetterede samlede nettoeffekt {d.period} og den, "
           f"forvaltningen forventede pr. {date_da(d)}, i mio. kr. Negative værdier er besparelser. " + " ".join(
               f"Nr. {r['Nr.']}: budget {fmt.number(r['Budget, netto'], 1)}, "
               f"forventet {fmt.number(r['Resultat/forventet, netto'], 1)}." for _, r in ov.iterrows()))
    return dict(fig=figures.cumulative_figure(ov, d.years), alt=alt, source=amounts_source(d),
                caption=(f"Samlet nettoeffekt {d.period} pr. investering, budget og resultat/forventet "
                         f"(opgjort {date_da(d)})"))


def survival_figure(d: Derived) -> dict:
    """The survival curves figure, with its alt text."""
    alt = (f"Linjediagram med {fmt.integer(len(d.summary))} kurver fra 100 % i uge 0, der viser andelen, der stadig "
           "får A-dagpenge. " + " ".join(
               f"{dash(d.labels[r['series']])}: {fmt.percent(r['share_week_13'])} efter 13 uger, "
               f"tal til og med uge {r['last_week']}." for _, r in d.summary.iterrows()))
    return dict(fig=figures.survival_figure(d.inputs.survival, d.baseline), alt=alt, source=SURVIVAL_SOURCE,
                caption=("Andel af nye A-dagpengemodtagere i Norddjurs Kommune, der stadig fik ydelsen (med "
                         "tilbagefald til samme ydelse), efter antal uger"))


def survival_table(d: Derived) -> dict:
    """Shares still on benefit at weeks 13 and 26, the differences to the baseline, and the
    average difference over the weeks observed, with plain Danish headings."""
    s = d.summary
    base = d.labels[d.baseline].lower()
    other = s["series"] != d.baseline
    df = pd.DataFrame({
        "Ledige fra": s["series"].map(d.labels).map(dash),
        "Efter 13 uger, %": s["share_week_13"],
        "Forskel efter 13 uger, procentpoint": s["diff_week_13_pp"].where(other),
        "Efter 26 uger, %": s["share_week_26"],
        "Forskel efter 26 uger, procentpoint": s["diff_week_26_pp"].where(other),
        "Tal til og med uge": s["last_week"].astype(int),
        "Forskel i gennemsnit over ugerne, procentpoint": -s["mean_gap_pp"].where(other),
    })
    return dict(df=df, decimals={c: 1 for c in df.columns[1:] if c != "Tal til og med uge"},
                caption=dash("Andel af de ledige, der stadig fik A-dagpenge efter 13 og 26 uger, "
                             f"og forskel til {base}"),
                source=SURVIVAL_SOURCE + "; forskelle beregnet af bogen",
                note=("Minus betyder, at færre stadig fik A-dagpenge end i sammenligningsperioden, dvs. at de ledige "
                      "kom hurtigere videre. Gennemsnittet er taget over de uger, der er tal for."))


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
