"""Key figures (name, value, unit) and key messages of the investeringer chapter, and the
tables it publishes as open data."""
from __future__ import annotations

import pandas as pd

from ...core import fmt
from ...core.voice import calculated
from .model import Derived, first_net_saving_year, net_saving, planned_investment, returned_funds
from .reconcile import KIND_LABELS, headline
from .texts import date_range, sentence, years_da
from .views import join_da

MIO = "mio. kr."
NUMBER_WORDS = {2: "to", 3: "tre", 4: "fire"}
SURVIVAL_FIGURES = (("week_13_pct", "share_week_13", "%"), ("week_26_pct", "share_week_26", "%"),
                    ("week_13_diff_pp", "diff_week_13_pp", "procentpoint"),
                    ("week_26_diff_pp", "diff_week_26_pp", "procentpoint"),
                    ("mean_diff_pp", "mean_diff_pp", "procentpoint"))


def _survival_figures(d: Derived) -> list[tuple[str, float, str]]:
    out = []
    for _, s in d.summary.assign(mean_diff_pp=-d.summary["mean_gap_pp"]).iterrows():
        for name, col, unit in SURVIVAL_FIGURES:
            if (s["series"] != d.baseline or name.endswith("pct")) and s[col] == s[col]:
                out.append((f"survival_{s['series']}_{name}", float(s[col]), unit))
    return out


def key_figures(d: Derived) -> list[tuple[str, float, str]]:
    """Every key figure the chapter states, as (name, value, unit)."""
    out = []
    for _, r in d.t1.iterrows():
        y = int(r["year"])
        out += [(f"investment_total_{y}", float(r["investment"]), MIO),
                (f"savings_total_{y}", float(r["savings"]), MIO),
                (f"net_total_{y}", float(r["net"]), MIO),
                (f"net_budget_total_{y}", float(r["net_budget"]), MIO)]
    out += [("net_saving_period", net_saving(d.t1), MIO),
            ("net_saving_period_budget", net_saving(d.t1, "net_budget"), MIO),
            ("planned_investment_case_tables", planned_investment(d.cy), MIO),
            ("returned_funds_total", float(returned_funds(d.cy, d.inputs.cases)["returned"].sum()), MIO)]
    for _, k in d.cum[d.cum["case"].isin(d.shown)].iterrows():
        n = int(k["case"])
        out += [(f"case_{n}_cumulative_net_forecast", float(k["net_actual"]), MIO),
                (f"case_{n}_cumulative_net_budget", float(k["net_budget"]), MIO),
                (f"case_{n}_cumulative_deviation", float(k["net_deviation"]), MIO)]
    return out + _survival_figures(d)


def open_data(d: Derived) -> list[tuple[str, pd.DataFrame]]:
    """The processed tables the chapter publishes, as (name, table)."""
    cy = d.cy[d.cy["case"].isin(d.shown) & d.cy["year"].isin(d.years)]
    return [("tabel1", d.t1), ("case_year", cy), ("cumulative", d.cum[d.cum["case"].isin(d.shown)]),
            ("survival_summary", d.summary)]


def saving_phrase(net_saving_amount: float, decimals: int = 3) -> str:
    """'en nettobesparelse på 10,529 mio. kr.' or, for a net cost, 'en nettoudgift på ...'."""
    word = "en nettobesparelse" if net_saving_amount >= 0 else "en nettoudgift"
    return f"{word} på {fmt.amount(abs(net_saving_amount), decimals=decimals)}"


def balance_message(t1: pd.DataFrame) -> str:
    """One Danish sentence on the first year shown and the year the savings overtake the
    investment, in the past tense: a result year as what happened, a forecast year as what
    the administration expected at the follow-up."""
    first = t1.iloc[0]
    y0, kind0 = int(first["year"]), first["kind"]
    verb = "gav investeringerne" if kind0 == "result" else "forventedes investeringerne at give"
    text = f"I {y0} ({KIND_LABELS[kind0]}) {verb} {saving_phrase(-float(first['net']))}"
    turn = first_net_saving_year(t1)
    if turn is None:
        return text + "; besparelsen på forsørgelsen oversteg ikke investeringen i noget af årene."
    lasting = bool((t1[t1["year"] >= turn]["net"] < 0).all())
    kind = t1.set_index("year").loc[turn, "kind"]
    tail = ("var besparelsen på forsørgelsen større end investeringen" if kind == "result"
            else "forventede forvaltningen, at besparelsen på forsørgelsen ville være større end investeringen")
    if turn == y0:
        return sentence(text + (" – besparelsen var større end investeringen i alle viste år" if lasting else ""))
    when = f"fra {turn}" if lasting else f"i {turn}"
    later = t1[(t1["year"] > turn) & (t1["kind"] == "forecast")]["year"]
    if kind == "result" and lasting and len(later):
        tail += f" (for {years_da(later)} som forventet)"
    return text + f"; {when} {tail}."


def budget_message(d: Derived) -> str:
    """The savings built into the budget (the notat's introduction) against the investment."""
    h = d.inputs.headlines
    split = h[h["item"] == "planned_savings_year"].sort_values("year")
    per_year = join_da([(f"{fmt.number(v, 1)} mio. kr." if v else "0 kr.") + f" i {int(y)}"
                        for v, y in zip(split["value"], split["year"])])
    text = sentence(f"Ifølge notatet lagde budgetaftalen for {years_da(split['year'])} besparelser på i alt "
                    f"{fmt.amount(headline(h, 'planned_savings_total'), decimals=1)} ind i budgettet ({per_year}) "
                    f"mod en investering i indsatsen på {fmt.amount(headline(h, 'planned_investment'), decimals=3)}")
    return d.inputs.claims.said("budgetaftale", text) if d.inputs.claims is not None else calculated(text)


def expectation_message(d: Derived) -> str:
    """What the administration expected at the follow-up date, in the past tense, with the
    notat's condition (»ved uforstyrret drift i resten af perioden«). From the notat's own
    figures it is the notat's claim; from a later follow-up file it is the book's calculation
    (without the notat's condition, which the later file does not state)."""
    notat = d.inputs.amounts_are_published and d.inputs.claims is not None
    text = (f"{'Ifølge notatet forventede forvaltningen ved' if notat else 'Ved'} opfølgningen "
            f"{fmt.date(d.inputs.follow_up_date)} {'' if notat else 'forventede forvaltningen '}samlet "
            f"{saving_phrase(net_saving(d.t1))} i {d.period}"
            f"{' ved uforstyrret drift i resten af perioden' if notat else ''}. "
            f"{balance_message(d.t1)}")
    return d.inputs.claims.said("nettobesparelse", text) if notat else calculated(text)


def reasons_message(d: Derived) -> str:
    """The notat's reasons in one sentence, with its judgement on the year's budget."""
    r = d.inputs.reasons
    parts = []
    if (r["kind"] == "late_start").any():
        start = r.loc[r["kind"] == "late_start", "start"].iloc[0]
        parts.append(f"driften begyndte ikke som planlagt {fmt.date(start)} (valget af leverandør blev drøftet)")
    susp = r[r["kind"] == "suspension"]
    if len(susp):
        n = "i perioden" if len(susp) == 1 else f"i {NUMBER_WORDS.get(len(susp), len(susp))} perioder"
        parts.append(f"indsatsen var delvis suspenderet {n} (" + join_da(
            [date_range(a, b) for a, b in zip(susp["start"], susp["end"])]) + ")")
    if (r["kind"] == "no_activation").any():
        parts.append("ledige i risikogrupperne for COVID-19 kunne af forsigtighed ikke komme i virksomhedsrettede "
                     "forløb, der bragte dem i kontakt med mange mennesker")
    text = f"Ifølge notatet kunne investeringerne ikke udmøntes som planlagt: {join_da(parts)}."
    for _, j in d.inputs.judgement.iterrows():
        verdict = "ikke ville blive påvirket" if j["outcome"] == "kept" else "ville blive påvirket"
        text += (f" Forvaltningen vurderede ud fra budgetopfølgningen pr. {fmt.date(j['basis_date'])}, at "
                 f"budgetoverholdelsen på forsørgelsen i {int(j['year'])} {verdict} af den mindre besparelse.")
    claims = d.inputs.claims
    if claims is None:
        return calculated(text)
    if len(d.inputs.judgement) and "budget-2021" in claims:
        claims.said("budget-2021", text)  # refuses a dropped condition of the judgement's claim
    return claims.said("aarsager", text)


def key_messages(d: Derived) -> list[str]:
    """The chapter's key messages, computed from the data: the savings built into the budget,
    what the administration expected at the follow-up, and the notat's reasons."""
    return [budget_message(d), expectation_message(d), reasons_message(d)]


_LABELS = [(r"investment_total_(\d+)", "Investering i alt {0}"), (r"savings_total_(\d+)", "Besparelse i alt {0}"),
           (r"net_total_(\d+)", "Netto i alt {0}, resultat og prognose"),
           (r"net_budget_total_(\d+)", "Netto i alt {0}, budget"),
           (r"net_saving_period", "Nettobesparelse i perioden, resultat og prognose"),
           (r"net_saving_period_budget", "Nettobesparelse i perioden, budget"),
           (r"planned_investment_case_tables", "Planlagt investering i alt (sagernes tabeller)"),
           (r"returned_funds_total", "Tilbageførte midler i alt"),
           (r"case_(\d+)_cumulative_net_forecast", "Sag {0}: netto i alt, resultat og prognose"),
           (r"case_(\d+)_cumulative_net_budget", "Sag {0}: netto i alt, budget"),
           (r"case_(\d+)_cumulative_deviation", "Sag {0}: afvigelse fra budget"),
           (r"survival_(\w+?)_week_(\d+)_diff_pp", "Forløb på dagpenge efter {1} uger, {0}: forskel i procentpoint"),
           (r"survival_(\w+?)_week_(\d+)_pct", "Andel stadig på dagpenge efter {1} uger, {0}"),
           (r"survival_(\w+?)_mean_diff_pp", "Forløb på dagpenge, {0}: gennemsnitlig forskel i procentpoint")]


def label(name: str) -> str:
    """The Danish label of an Investeringer key figure, from its name."""
    import re

    for pattern, text in _LABELS:
        m = re.fullmatch(pattern, name)
        if m:
            return text.format(*m.groups())
    return name


def described(d: Derived):
    """The key figures with label, population (the notat's, as of the follow-up date) and definition."""
    from ...core.keyfigures import SOURCE, describe

    as_of = d.inputs.follow_up_date.isoformat()
    return describe(key_figures(d), population=SOURCE, source=f"Opfølgningen pr. {as_of}", as_of=as_of,
                    label_of=label, headlines=["net_saving_period"])


def series_spec():
    """What the chapter follows across editions: the net saving forecast, by follow-up date."""
    from ...core.seriesviews import SeriesSpec

    return SeriesSpec(("net_saving_period", "net_saving_period_budget"),
                      "Nettobesparelse i perioden efter opfølgningsdato", by_as_of=True,
                      as_of_label="Opfølgningsdato")
