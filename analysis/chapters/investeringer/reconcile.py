"""Reconciliation of the investeringer chapter: every figure the notat prints that can be
derived, recomputed from the notat's own case rows (`published_amounts_file`), with the
interval the printed inputs allow (each printed amount stands for ± half a thousandth of a
million kroner), and the headline figures that cannot be recomputed, with a note.

`checks(inputs)` returns `analysis.core.check.Check`s in the order the chapter records them;
every row that does not match names a finding, and `findings(inputs, checks)` explains each
finding for a committee member (title, explanation, rows covered), computed from the data.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ...core import fmt
from ...core.check import Check
from ...core.precision import Approx, total
from .inputs import Inputs
from .schemas import ACTUAL_KINDS

CROSS_REFERENCE = "cross_reference"
PLANNED_INVESTMENT = "planlagt_investering_ikke_i_casetabellerne"
BUDGET_SAVINGS = "budgetbesparelse_ikke_fordelt_paa_investeringer"

SOURCE_DOC = "Notat 26-11-2021, Kvartalsvis opfølgning på investeringer for budget 2020–2023"
AMOUNT_DECIMALS = 3  # the case tables print thousandths of a million kroner
MIO = "mio. kr."
TABEL1_LABELS = {"investment": "investering (A)", "savings": "besparelse på forsørgelse (B)",
                 "net": "i alt"}
KIND_LABELS = {"budget": "budget", "result": "resultat", "forecast": "forventet"}


def _clean(a: Approx) -> Approx:
    """Drop binary noise far below the printed precision (4.8340000000000005 → 4.834)."""
    return Approx(round(a.value, 9) + 0.0, round(a.low, 9) + 0.0, round(a.high, 9) + 0.0)


def cells(amounts: pd.DataFrame, slot: str = "actual", **where) -> Approx | None:
    """The sum of the printed case-table cells of `slot` (`budget` or `actual` = result or
    forecast) selected by `where` (case, year, measure), as an interval; None when every
    selected cell is printed as '-'."""
    kinds = ("budget",) if slot == "budget" else ACTUAL_KINDS
    sel = amounts[amounts["kind"].isin(kinds)]
    for column, value in where.items():
        sel = sel[sel[column] == value]
    values = sel["amount"].dropna()
    if values.empty:
        return None
    return _clean(total(Approx.printed(float(v), AMOUNT_DECIMALS) for v in values))


def headline(h: pd.DataFrame, item: str, case=None, year=None) -> float:
    """The value of one figure printed in the notat's running text."""
    sel = h[h["item"] == item]
    sel = sel[sel["case"].isna()] if case is None else sel[sel["case"] == case]
    sel = sel[sel["year"].isna()] if year is None else sel[sel["year"] == year]
    if len(sel) != 1:
        raise KeyError(f"headline {item} (case {case}, year {year}) not found once in headlines")
    return float(sel["value"].iloc[0])


def _neg(a: Approx | None) -> Approx | None:
    return None if a is None else _clean(-a)


def tabel1_checks(inputs: Inputs) -> list[Check]:
    """Tabel 1's rows A, B and 'i alt' per year against the sums of the five case tables."""
    a, src = inputs.published_amounts, f"{SOURCE_DOC}, Tabel 1"
    out = []
    for _, p in inputs.tabel1.iterrows():
        y = int(p["year"])
        computed = {"investment": cells(a, year=y, measure="investment"),
                    "savings": cells(a, year=y, measure="savings"),
                    "net": cells(a, year=y)}
        for col in ("investment", "savings", "net"):
            note = "Sum af de fem casetabellers resultat/forventet."
            if col == "net":
                note += " Rækken er mærket (B-A), men tallet er A+B (besparelser har minus)."
            out.append(Check.of(f"Tabel 1: {TABEL1_LABELS[col]} {y}", src, float(p[col]),
                                computed[col], unit=MIO, note=note, decimals=AMOUNT_DECIMALS))
    return out


def case_net_checks(inputs: Inputs) -> list[Check]:
    """Each case table's printed 'I alt' (budget and result/forecast) against investment +
    savings in the same column."""
    tables = inputs.cases.set_index("case")["source_table"]
    out = []
    for _, p in inputs.published_net.dropna(subset=["net"]).iterrows():
        case, year = int(p["case"]), int(p["year"])
        slot = "budget" if p["kind"] == "budget" else "actual"
        out.append(Check.of(f"Investering {case}: i alt {year}, {KIND_LABELS[p['kind']]}",
                            f"{SOURCE_DOC}, {tables[case]}", float(p["net"]),
                            cells(inputs.published_amounts, slot, case=case, year=year),
                            unit=MIO, note="Investering + besparelse i casetabellen.",
                            decimals=AMOUNT_DECIMALS))
    return out


def text_checks(inputs: Inputs, year: int = 2021) -> list[Check]:
    """The figures of the text under Tabel 1: the period's net saving and the year's
    investment, saving and difference (printed without sign)."""
    a, h, src = inputs.published_amounts, inputs.headlines, f"{SOURCE_DOC}, tekst under Tabel 1"
    years = [int(y) for y in inputs.tabel1["year"]]
    period = _clean(total(cells(a, year=y) for y in years))
    rows = [
        ("Nettobesparelse over perioden", "net_saving_period", None, _neg(period),
         "Minus summen af i alt-rækken i Tabel 1 for 2020–2023.", AMOUNT_DECIMALS),
        (f"Investering {year} (tekst)", "investment_year", year,
         cells(a, year=year, measure="investment"), "Sum af casetabellerne.", AMOUNT_DECIMALS),
        (f"Besparelse på forsørgelsen {year} (tekst)", "savings_year", year,
         _neg(cells(a, year=year, measure="savings")), "Teksten angiver besparelsen uden fortegn.",
         AMOUNT_DECIMALS),
        (f"Forskel mellem besparelse og investering {year} (tekst)", "net_year", year,
         _neg(cells(a, year=year)), "Teksten angiver forskellen uden fortegn.", AMOUNT_DECIMALS),
        (f"Højere udgifter uden investeringen {year}, afrundet (tekst)", "savings_year_rounded", year,
         _neg(cells(a, year=year, measure="savings")),
         "Teksten runder besparelsen til én decimal (»ca. 3,8«).", 1),
    ]
    return [Check.of(item, src, headline(h, key, year=y), computed, unit=MIO, note=note, decimals=d)
            for item, key, y, computed, note, d in rows]


def intro_checks(inputs: Inputs) -> list[Check]:
    """The budget agreement's figures in the introduction: the planned investment against the
    case tables' budget columns, and the savings built into the budget per year."""
    a, h, src = inputs.published_amounts, inputs.headlines, f"{SOURCE_DOC}, indledning"
    gap = planned_investment_gap(inputs)
    out = [Check.of(
        "Planlagt investering i budgetaftalen 2020–2023", src, headline(h, "planned_investment"),
        cells(a, "budget", measure="investment"), unit=MIO, decimals=AMOUNT_DECIMALS,
        finding=PLANNED_INVESTMENT,
        note=("Summen af budgetkolonnerne i de fem casetabeller. Investering 1 (afsluttet) står med »-« "
              f"for {_years_da(gap['dash_years'])}; forskellen på {fmt.number(gap['gap'], 3)} mio. kr. er "
              f"præcis ét års budget for investering 1 ({fmt.number(gap['case_budget'], 3)} mio. kr.)."))]
    split = h[h["item"] == "planned_savings_year"]
    out.append(Check.of("Besparelse lagt ind i budgettet i alt (sum af årene)", src,
                        headline(h, "planned_savings_total"),
                        _clean(total(Approx.printed(float(v), 1) for v in split["value"])),
                        unit=MIO, decimals=1, note="Summen af de fire års beløb i teksten."))
    for _, p in split.iterrows():
        y = int(p["year"])
        b = -cells(a, "budget", year=y, measure="savings").value
        out.append(Check(f"Besparelse lagt ind i budgettet {y}", src, float(p["value"]), None,
                         unit=MIO, decimals=1, finding=BUDGET_SAVINGS,
                         note=("Budgetaftalens beløb er ikke fordelt på investeringerne i notatet; "
                               f"casetabellernes budgetterede besparelse {y} er {fmt.number(b, 3)} mio. kr.")))
    return out


def case_text_checks(inputs: Inputs) -> list[Check]:
    """Figures of the case sections: case 1's spent and returned funds, case 2's saving in
    2021, the period surpluses of cases 3 and 4, and the survival share in the text."""
    a, h = inputs.published_amounts, inputs.headlines
    sec1 = f"{SOURCE_DOC}, afsnit 1 (Tabel 3)"
    spent = cells(a, case=1, year=2021, measure="investment")
    returned = _clean(cells(a, "budget", case=1, year=2021, measure="investment") - spent)
    out = [
        Check.of("Investering 1: brugt 2021", sec1, headline(h, "case_investment_spent", 1, 2021),
                 spent, unit=MIO, decimals=AMOUNT_DECIMALS, basis=CROSS_REFERENCE,
                 note="Samme tal som den forventede investering 2021 i Tabel 3."),
        Check.of("Investering 1: midler ført tilbage til kassen", sec1, headline(h, "case_returned_funds", 1, 2021),
                 returned, unit=MIO, decimals=AMOUNT_DECIMALS,
                 note="Budgetteret minus brugt investering i de år, hvor begge er angivet."),
        Check.of("Investering 2: besparelse på forsørgelsen 2021", f"{SOURCE_DOC}, afsnit 2 (Tabel 4)",
                 headline(h, "case_savings_year", 2, 2021),
                 _neg(cells(a, case=2, year=2021, measure="savings")), unit=MIO,
                 decimals=AMOUNT_DECIMALS, basis=CROSS_REFERENCE,
                 note="Samme tal som den forventede besparelse 2021 i Tabel 4; teksten angiver den uden fortegn."),
    ]
    for case, sec in ((3, "afsnit 3 (første Tabel 5)"), (4, "afsnit 4 (anden Tabel 5)")):
        out.append(Check.of(f"Investering {case}: samlet overskud i investeringsperioden", f"{SOURCE_DOC}, {sec}",
                            headline(h, "case_surplus_period", case=case), _neg(cells(a, case=case)),
                            unit=MIO, decimals=AMOUNT_DECIMALS,
                            note="Minus summen af i alt-rækken (resultat/forventet) 2020–2023."))
    sv = inputs.survival
    share = sv[(sv["series"] == "h1_2021") & (sv["week"] == 13)]["share"]
    out.append(Check("Andel på A-dagpenge efter 13 uger, 1. halvår 2021", f"{SOURCE_DOC}, tekst under Tabel 2",
                     headline(h, "survival_share", year=2021),
                     None if share.empty or math.isnan(share.iloc[0]) else float(share.iloc[0]),
                     unit="%", decimals=1, basis=CROSS_REFERENCE,
                     note="Samme tal som Tabel 2, 1. halvår 2021, 13 uger."))
    return out


def checks(inputs: Inputs) -> list[Check]:
    """Every reconciliation check of the chapter, in the order the chapter records them."""
    return (tabel1_checks(inputs) + case_net_checks(inputs) + text_checks(inputs)
            + intro_checks(inputs) + case_text_checks(inputs))


# ---------------------------------------------------------------- findings
@dataclass(frozen=True)
class Finding:
    """A cause shared by non-matching checks: id, Danish title and explanation, rows covered."""

    name: str
    title: str
    explanation: str
    rows: int = 0


def _years_da(years) -> str:
    years = [str(int(y)) for y in years]
    return years[0] if len(years) == 1 else ", ".join(years[:-1]) + " og " + years[-1]


def planned_investment_gap(inputs: Inputs) -> dict:
    """The printed planned investment against the case tables' budget columns: the gap, the
    budget of the ended case per year (when one amount throughout) and its years printed '-'."""
    a = inputs.published_amounts
    ended = [int(c) for c in inputs.cases.loc[inputs.cases["status"] == "ended", "case"]]
    budget = a[(a["kind"] == "budget") & (a["measure"] == "investment")]
    case = budget[budget["case"].isin(ended)]
    amounts = case["amount"].dropna()
    planned = headline(inputs.headlines, "planned_investment")
    return {"planned": planned, "tables": cells(a, "budget", measure="investment").value,
            "gap": round(planned - cells(a, "budget", measure="investment").value, 9),
            "case": ended[0] if len(ended) == 1 else None,
            "decided": case_decision(inputs, ended[0]) if len(ended) == 1 else "",
            "case_budget": float(amounts.iloc[0]) if amounts.nunique() == 1 else math.nan,
            "budget_years": sorted(case.dropna(subset=["amount"])["year"].astype(int)),
            "dash_years": sorted(case[case["amount"].isna()]["year"].astype(int))}


def case_decision(inputs: Inputs, case: int) -> str:
    """The date an ended case was ended, in Danish ('28. april 2021'), or ''."""
    d = inputs.cases.set_index("case").loc[case, "decision_date"]
    return "" if pd.isna(d) else fmt.date(str(d))


def _planned_investment_finding(inputs: Inputs) -> Finding:
    g = planned_investment_gap(inputs)
    one_year = g["case"] is not None and abs(g["gap"] - g["case_budget"]) < 5e-4
    n = g["case"]
    why = (f"Forskellen er præcis ét års budget for investering {n} ({fmt.amount(g['case_budget'], decimals=3)} "
           f"om året i {_years_da(g['budget_years'])}). Investering {n} blev afsluttet ved beslutning "
           f"{g['decided']}, og dens tabel står med »-« for {_years_da(g['dash_years'])}. En mulig forklaring er "
           f"derfor, at aftalen oprindelig rummede et år mere for investering {n}, som ikke længere står i "
           "tabellen; notatet siger det ikke selv." if one_year else "Notatet forklarer ikke forskellen.")
    return Finding(
        PLANNED_INVESTMENT, "Budgetaftalens samlede investering kan ikke genfindes i casetabellerne",
        f"Notatet skriver, at budgetaftalen afsatte {fmt.amount(g['planned'], decimals=3)} til investeringerne. "
        f"Lægges budgettallene i de fem casetabeller sammen, giver det {fmt.amount(g['tables'], decimals=3)}, "
        f"altså {fmt.amount(g['gap'], decimals=3)} mindre – langt mere end afrunding kan forklare. {why}")


def _budget_savings_finding(inputs: Inputs) -> Finding:
    h, a = inputs.headlines, inputs.published_amounts
    split = h[h["item"] == "planned_savings_year"].sort_values("year")
    years = [int(y) for y in split["year"]]
    printed = " / ".join(fmt.number(v, 1) if v else "0" for v in split["value"])
    tables = " / ".join(fmt.number(-cells(a, "budget", year=y, measure="savings").value, 3) for y in years)
    return Finding(
        BUDGET_SAVINGS, "Besparelserne i budgettet er ikke fordelt på de enkelte investeringer",
        f"Notatet oplyser, at der blev lagt en besparelse på {printed} mio. kr. ind i budgettet i "
        f"{years[0]}–{years[-1]}, i alt {fmt.amount(headline(h, 'planned_savings_total'), decimals=1)} "
        "Beløbene kommer fra budgetaftalen og er ikke fordelt på investeringerne, så bogen kan ikke regne dem "
        "efter. De budgetterede besparelser i casetabellerne er et andet og større tal "
        f"({tables} mio. kr. pr. år); de to kan ikke sammenlignes direkte.")


def findings(inputs: Inputs, checks: list[Check]) -> list[Finding]:
    """The findings the checks name, each with the number of rows it covers."""
    rows: dict[str, int] = {}
    for c in checks:
        if c.finding:
            rows[c.finding] = rows.get(c.finding, 0) + 1
    known = {PLANNED_INVESTMENT: _planned_investment_finding, BUDGET_SAVINGS: _budget_savings_finding}
    return [Finding(f.name, f.title, f.explanation, rows[name])
            for name, build in known.items() if name in rows for f in [build(inputs)]]
