"""Key figures (name, value, unit) and key messages of the investeringer chapter, and the
tables it publishes as open data."""
from __future__ import annotations

import pandas as pd

from ...core import fmt
from .model import Derived, first_net_saving_year, net_saving, planned_investment, returned_funds
from .reconcile import KIND_LABELS

MIO = "mio. kr."
SURVIVAL_FIGURES = (("week_13_pct", "share_week_13", "%"), ("week_26_pct", "share_week_26", "%"),
                    ("week_13_diff_pp", "diff_week_13_pp", "procentpoint"),
                    ("week_26_diff_pp", "diff_week_26_pp", "procentpoint"),
                    ("area_pp_weeks", "area_pp_weeks", "procentpoint-uger"))


def _survival_figures(d: Derived) -> list[tuple[str, float, str]]:
    out = []
    for _, s in d.summary.iterrows():
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
    investment, in the tense of each year's kind (result: past; forecast: expected)."""
    first = t1.iloc[0]
    y0, kind0 = int(first["year"]), first["kind"]
    verb = "gav investeringerne" if kind0 == "result" else "ventes investeringerne at give"
    text = f"I {y0} ({KIND_LABELS[kind0]}) {verb} {saving_phrase(-float(first['net']))}"
    turn = first_net_saving_year(t1)
    if turn is None:
        return text + "; besparelsen på forsørgelsen overstiger ikke investeringen i noget af årene."
    lasting = bool((t1[t1["year"] >= turn]["net"] < 0).all())
    kind = t1.set_index("year").loc[turn, "kind"]
    is_ = "er" if kind == "result" else "ventes"
    tail = "at være større end investeringen" if kind != "result" else "større end investeringen"
    if turn == y0:
        return text + (" – besparelsen er større end investeringen i alle viste år" if lasting else "") + "."
    when = f"fra {turn}" if lasting else f"i {turn}"
    return text + f"; {when} {is_} besparelsen på forsørgelsen {tail}."


def key_messages(d: Derived) -> list[str]:
    """The chapter's key messages, computed from the data."""
    latest = d.summary[d.summary["series"] != d.baseline].iloc[-1]
    diff = latest["diff_week_13_pp"]
    return [
        f"Ved opfølgningen {fmt.date(d.inputs.follow_up_date)} ventes investeringerne samlet at give "
        f"{saving_phrase(net_saving(d.t1))} i {d.period}, mod {saving_phrase(net_saving(d.t1, 'net_budget'))} "
        "i casetabellernes budgetter.",
        balance_message(d.t1),
        f"Efter 13 uger var {fmt.percent(latest['share_week_13'])} af de ledige fra "
        f"{d.labels[latest['series']].lower()} stadig på A-dagpenge, {fmt.points(abs(diff), sign=False)} "
        f"{'færre' if diff < 0 else 'flere'} end i {d.labels[d.baseline].lower()}.",
    ]
