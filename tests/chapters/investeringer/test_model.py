"""The chapter's computations: the notat's totals recomputed from its case rows, cumulative
effects, returned funds, changes of a later follow-up, and the survival curves."""
# ruff: noqa: F401, F811  (the shared fixtures are imported, then requested by name)
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.chapters.investeringer import model
from analysis.chapters.investeringer.schemas import BUDGET_PERIOD
from analysis.core.paths import ROOT

from .investeringer_fixtures import cy, derived, example, example_params, headline, inputs  # pytest fixtures

TOL = 5e-4


def test_tabel1_recomputed_from_case_rows(inputs, cy):
    t1 = model.tabel1(cy).set_index("year")
    pub = inputs.tabel1.set_index("year")
    assert list(t1.index) == list(pub.index)
    for col in ("investment", "savings", "net"):
        assert np.allclose(t1[col], pub[col], atol=TOL), col
    assert list(t1["kind"]) == list(pub["kind"])


def test_tabel1_columns_are_independent_sums(inputs):
    """The same totals from the raw long table by a plain groupby, not via case_year."""
    a = inputs.amounts[inputs.amounts["kind"] != "budget"]
    by = a.pivot_table(index="year", columns="measure", values="amount", aggfunc="sum")
    pub = inputs.tabel1.set_index("year")
    assert np.allclose(by["investment"], pub["investment"], atol=TOL)
    assert np.allclose(by["savings"], pub["savings"], atol=TOL)


def test_case_net_rows_match_printed_i_alt(inputs, cy):
    pub = inputs.published_net.dropna(subset=["net"])
    assert len(pub) > 0
    for _, p in pub.iterrows():
        row = cy[(cy["case"] == p["case"]) & (cy["year"] == p["year"])].iloc[0]
        col = "net_budget" if p["kind"] == "budget" else "net_actual"
        assert abs(row[col] - p["net"]) < TOL, (p["case"], p["year"], p["kind"])
    for _, p in inputs.published_net[inputs.published_net["net"].isna()].iterrows():
        row = cy[(cy["case"] == p["case"]) & (cy["year"] == p["year"])].iloc[0]
        assert np.isnan(row["net_budget" if p["kind"] == "budget" else "net_actual"])


def test_net_saving_returned_funds_and_surpluses(inputs, cy, headline):
    t1 = model.tabel1(cy)
    assert abs(model.net_saving(t1) - headline("net_saving_period")) < TOL
    rf = model.returned_funds(cy, inputs.cases)
    assert list(rf["case"]) == list(inputs.cases.loc[inputs.cases["status"] == "ended", "case"])
    assert abs(rf["returned"].sum() - headline("case_returned_funds", case=1)) < TOL
    cum = model.cumulative(cy, BUDGET_PERIOD).set_index("case")
    for case in (3, 4):
        assert abs(-cum.loc[case, "net_actual"] - headline("case_surplus_period", case=case)) < TOL
    assert abs(cum["net_actual"].sum() + model.net_saving(t1)) < TOL


def test_deviation_is_actual_minus_budget(cy):
    for m in ("investment", "savings", "net"):
        d = cy[f"{m}_actual"] - cy[f"{m}_budget"]
        assert np.allclose(cy[f"{m}_deviation"].dropna(), d.dropna())


def test_cumulative_by_year_ends_at_cumulative(cy):
    years = list(BUDGET_PERIOD)
    last = model.cumulative_by_year(cy, years).groupby("case").last()
    cum = model.cumulative(cy, years).set_index("case")
    assert np.allclose(last["net_actual_cumulative"], cum["net_actual"])
    assert np.allclose(last["net_budget_cumulative"], cum["net_budget"])


def test_planned_investment_gap_is_one_year_of_case_1(cy, headline):
    gap = headline("planned_investment") - model.planned_investment(cy)
    case1 = cy[cy["case"] == 1]["investment_budget"].dropna()
    assert abs(gap - case1.iloc[0]) < TOL and case1.nunique() == 1


def test_tabel1_net_label_says_b_minus_a_but_is_a_plus_b(inputs):
    assert model.net_label_is_sum(inputs.tabel1)
    t = inputs.tabel1
    assert not np.allclose(t["savings"] - t["investment"], t["net"], atol=TOL)


def test_first_net_saving_year(cy):
    assert model.first_net_saving_year(model.tabel1(cy)) == 2021
    assert model.first_net_saving_year(model.tabel1(cy, [2020])) is None


def test_survival_checkpoints_and_differences(inputs, headline):
    s = model.survival_summary(inputs.survival, "avg_2017_2019").set_index("series")
    wide = model.survival_wide(inputs.survival)
    for series in s.index:
        for wk in model.CHECKPOINT_WEEKS:
            v = wide.loc[wk, series]
            got = s.loc[series, f"share_week_{wk}"]
            assert (np.isnan(v) and np.isnan(got)) or v == got
            d = v - wide.loc[wk, "avg_2017_2019"]
            got = s.loc[series, f"diff_week_{wk}_pp"]
            assert (np.isnan(d) and np.isnan(got)) or abs(d - got) < 1e-9
    assert abs(s.loc["h1_2021", "share_week_13"] - headline("survival_share", year=2021)) < 0.05
    assert s.loc["y2020", "last_week"] == wide["y2020"].last_valid_index()


def test_area_between_curves():
    base = pd.DataFrame({"series": "b", "label": "b", "week": [0, 4, 8], "share": [100.0, 60.0, 40.0]})
    shifted = base.assign(series="s", share=base["share"] - 2.0)
    shifted.loc[2, "share"] = np.nan  # the series ends after week 4
    surv = pd.concat([base, shifted], ignore_index=True)
    a = model.area_between(surv, "s", "b")
    assert a["last_week"] == 4 and a["area_pp_weeks"] == pytest.approx(2.0 * 4)
    assert a["mean_gap_pp"] == pytest.approx(2.0)
    assert model.area_between(surv, "b", "b")["area_pp_weeks"] == 0.0


def test_derive_selects_and_period(inputs):
    d = model.derive(inputs, [2, 4], [2021, 2020])
    assert d.shown == (2, 4) and d.years == (2020, 2021) and d.period == "2020–2021"
    assert list(d.t1["year"]) == [2020, 2021]


# ---------------------------------------------------------------- a later follow-up (example edition)
def test_example_changes_exactly_two_cases(inputs, example):
    assert not example.amounts_are_published
    assert example.follow_up_date > inputs.follow_up_date
    changed = model.changed_cases(example.amounts, example.published_amounts)
    assert len(changed) == 2
    new = model.cumulative(model.case_year(example.amounts), BUDGET_PERIOD).set_index("case")
    old = model.cumulative(model.case_year(inputs.amounts), BUDGET_PERIOD).set_index("case")
    for case in old.index:
        assert (abs(new.loc[case, "net_actual"] - old.loc[case, "net_actual"]) < TOL) == (case not in changed)
        assert new.loc[case, "net_budget"] == pytest.approx(old.loc[case, "net_budget"])


def test_example_tabel1_from_its_own_rows(example):
    raw = pd.read_csv(ROOT / "data/examples/investeringer/case_amounts_invented_2022-05-31.csv")
    act = raw[raw["kind"] != "budget"]
    t1 = model.tabel1(model.case_year(example.amounts)).set_index("year")
    sums = act.pivot_table(index="year", columns="measure", values="amount", aggfunc="sum")
    assert np.allclose(t1["investment"], sums["investment"], atol=1e-9)
    assert np.allclose(t1["net"], sums["investment"] + sums["savings"], atol=1e-9)
    assert t1.loc[2021, "kind"] == "result" and set(t1.loc[[2022, 2023], "kind"]) == {"forecast"}
