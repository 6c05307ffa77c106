"""Pure computations of the investeringer chapter: the case rows per year, Tabel 1, the
cumulative effects, the funds returned, changes against the notat, and the survival curves.

Every function takes DataFrames and returns new ones; nothing is mutated.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from .inputs import Inputs, select_cases, select_series, select_years
from .schemas import BUDGET_PERIOD, MEASURES

CHECKPOINT_WEEKS = (13, 26)


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Round float columns to 9 decimals: removes binary noise (4.8340000000000005), far below
    the printed precision of a thousandth of a million kroner."""
    floats = df.select_dtypes("float").columns
    return df.assign(**{c: df[c].round(9) for c in floats})


def _kind(kinds: pd.Series) -> str:
    return "result" if (kinds == "result").all() else "forecast"


def case_year(amounts: pd.DataFrame) -> pd.DataFrame:
    """One row per case and year: budget and result-or-forecast of investment, savings and net
    (investment + savings), the kind of the actual figure, and the deviations
    (result-or-forecast minus budget; negative = better than budget)."""
    a = amounts.assign(slot=np.where(amounts["kind"] == "budget", "budget", "actual"))
    wide = a.pivot_table(index=["case", "year"], columns=["measure", "slot"], values="amount",
                         aggfunc="first", dropna=False)
    wide.columns = [f"{m}_{s}" for m, s in wide.columns]
    wide = wide.reindex(columns=[f"{m}_{s}" for m in MEASURES for s in ("budget", "actual")])
    kinds = a[a["slot"] == "actual"].groupby(["case", "year"])["kind"].agg(_kind)
    out = wide.reset_index()
    out["kind"] = [kinds.get((c, y), "forecast") for c, y in zip(out["case"], out["year"])]
    for s in ("budget", "actual"):
        out[f"net_{s}"] = out[[f"investment_{s}", f"savings_{s}"]].sum(axis=1, min_count=1)
    for m in (*MEASURES, "net"):
        out[f"{m}_deviation"] = out[f"{m}_actual"] - out[f"{m}_budget"]
    return _tidy(out.sort_values(["case", "year"]).reset_index(drop=True))


def cumulative(cy: pd.DataFrame, years) -> pd.DataFrame:
    """Per case: the net effect summed over `years`, budget and result-or-forecast, and the
    deviation (negative = more saved than budgeted)."""
    g = cy[cy["year"].isin(list(years))].groupby("case")
    out = pd.DataFrame({c: g[c].sum(min_count=1) for c in
                        ("net_budget", "net_actual", "investment_budget", "investment_actual")})
    out["net_deviation"] = out["net_actual"] - out["net_budget"]
    return _tidy(out.reset_index())


def cumulative_by_year(cy: pd.DataFrame, years) -> pd.DataFrame:
    """Per case and year: the running sum of the net effect, budget and result-or-forecast."""
    sel = cy[cy["year"].isin(list(years))].sort_values(["case", "year"])
    out = sel[["case", "year"]].copy()
    for s in ("budget", "actual"):
        out[f"net_{s}_cumulative"] = sel.groupby("case")[f"net_{s}"].transform(
            lambda v: v.fillna(0).cumsum())
    return _tidy(out.reset_index(drop=True))


def tabel1(cy: pd.DataFrame, years=BUDGET_PERIOD) -> pd.DataFrame:
    """Tabel 1 from the case rows: per year the result-or-forecast of investment (A), savings
    (B) and the net effect A + B, summed over all cases, with the year's kind."""
    g = cy[cy["year"].isin(list(years))].groupby("year")
    out = pd.DataFrame({
        "kind": g["kind"].agg(_kind),
        "investment": g["investment_actual"].sum(min_count=1),
        "savings": g["savings_actual"].sum(min_count=1),
        "investment_budget": g["investment_budget"].sum(min_count=1),
        "savings_budget": g["savings_budget"].sum(min_count=1),
    })
    out["net"] = out[["investment", "savings"]].sum(axis=1, min_count=1)
    out["net_budget"] = out[["investment_budget", "savings_budget"]].sum(axis=1, min_count=1)
    return _tidy(out.reset_index())


def net_saving(t1: pd.DataFrame, column: str = "net") -> float:
    """The net saving over the period as a positive amount (minus = saving in the tables)."""
    return round(-float(t1[column].sum()), 9)


def planned_investment(cy: pd.DataFrame) -> float:
    """The budgeted investment summed over the case tables."""
    return round(float(cy["investment_budget"].sum()), 9)


def returned_funds(cy: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    """Per ended case: budgeted minus spent investment over the years where both are given
    (the funds returned to the treasury)."""
    ended = cases.loc[cases["status"] == "ended", "case"]
    sel = cy[cy["case"].isin(ended)].dropna(subset=["investment_budget", "investment_actual"])
    sel = sel.assign(returned=sel["investment_budget"] - sel["investment_actual"])
    return _tidy(sel.groupby("case", as_index=False)["returned"].sum())


def _same(x: pd.Series, y: pd.Series) -> pd.Series:
    return (x.isna() & y.isna()) | np.isclose(x.fillna(0), y.fillna(0), atol=5e-4)


def changes(amounts: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Result-or-forecast rows whose amount (or budget) differs from the published notat (for a
    later follow-up); a change of kind alone (forecast → result) is not a change."""
    key = ["case", "year", "measure"]
    a = amounts[amounts["kind"] != "budget"][key + ["kind", "amount"]]
    p = published[published["kind"] != "budget"][key + ["kind", "amount"]]
    ab = amounts[amounts["kind"] == "budget"][key + ["amount"]].rename(columns={"amount": "budget_new"})
    pb = published[published["kind"] == "budget"][key + ["amount"]].rename(columns={"amount": "budget_old"})
    m = p.merge(a, on=key, suffixes=("_old", "_new")).merge(pb, on=key).merge(ab, on=key)
    changed = ~_same(m["amount_old"], m["amount_new"]) | ~_same(m["budget_old"], m["budget_new"])
    out = m[changed].assign(change=lambda d: d["amount_new"] - d["amount_old"])
    return out.sort_values(key).reset_index(drop=True)


def changed_cases(amounts: pd.DataFrame, published: pd.DataFrame) -> list[int]:
    """The cases whose result-or-forecast (or budget) differs from the published notat."""
    return sorted(int(c) for c in changes(amounts, published)["case"].unique())


def net_label_is_sum(published_tabel1: pd.DataFrame) -> bool:
    """True when Tabel 1's net row (labelled B-A) equals A + B at the printed precision."""
    s = (published_tabel1["investment"] + published_tabel1["savings"]).round(3)
    return bool(np.allclose(s, published_tabel1["net"], atol=5e-4))


def first_net_saving_year(t1: pd.DataFrame) -> int | None:
    """The first year whose net effect (result or forecast) is a saving (negative)."""
    hit = t1[t1["net"] < 0]
    return None if hit.empty else int(hit["year"].iloc[0])


# ---------------------------------------------------------------- survival curves
def survival_wide(survival: pd.DataFrame) -> pd.DataFrame:
    """Weeks as rows, series as columns (share in per cent; NaN where a series has ended)."""
    return survival.pivot(index="week", columns="series", values="share").sort_index()


def series_labels(survival: pd.DataFrame) -> dict[str, str]:
    """Series id → its printed label (e.g. 'avg_2017_2019' → 'Gennemsnit 2017-2019')."""
    return dict(survival.drop_duplicates("series")[["series", "label"]].itertuples(index=False))


def share_at(survival: pd.DataFrame, series: str, week: int) -> float:
    """The share of a series at a week (NaN where not printed)."""
    hit = survival[(survival["series"] == series) & (survival["week"] == week)]["share"]
    return float(hit.iloc[0]) if len(hit) else float("nan")


def area_between(survival: pd.DataFrame, series: str, baseline: str) -> dict:
    """Area between the baseline curve and a series over the weeks the series is observed
    (trapezoid rule, in percentage point × weeks; positive = fewer still on benefit, i.e.
    faster exits), and the same as an average gap in percentage points."""
    gap_all = (survival_wide(survival)[baseline] - survival_wide(survival)[series]).dropna()
    weeks = gap_all.index.to_numpy(dtype=float)
    gap = gap_all.to_numpy(dtype=float)
    area = float(np.sum((gap[1:] + gap[:-1]) / 2 * np.diff(weeks))) if len(weeks) > 1 else 0.0
    span = float(weeks[-1] - weeks[0]) if len(weeks) > 1 else float("nan")
    return {"series": series, "last_week": int(weeks[-1]), "area_pp_weeks": area,
            "mean_gap_pp": area / span if span else float("nan")}


def survival_summary(survival: pd.DataFrame, baseline: str, weeks=CHECKPOINT_WEEKS) -> pd.DataFrame:
    """Per series: share at the checkpoint weeks, difference to the baseline in percentage
    points, last week observed and the area between the curves."""
    rows = []
    for s in survival["series"].drop_duplicates():
        row = {"series": s}
        for wk in weeks:
            v = share_at(survival, s, wk)
            row[f"share_week_{wk}"] = v
            row[f"diff_week_{wk}_pp"] = v - share_at(survival, baseline, wk)
        row.update({k: v for k, v in area_between(survival, s, baseline).items() if k != "series"})
        rows.append(row)
    return _tidy(pd.DataFrame(rows))


# ---------------------------------------------------------------- the chapter's derived state
@dataclass(frozen=True)
class Derived:
    """Everything the chapter shows, computed once from the inputs and the selection
    parameters (cases and years shown, the baseline survival series)."""

    inputs: Inputs
    shown: tuple[int, ...]
    years: tuple[int, ...]
    baseline: str
    cy: pd.DataFrame
    t1: pd.DataFrame
    cum: pd.DataFrame
    summary: pd.DataFrame
    labels: Mapping[str, str]

    @property
    def period(self) -> str:
        """The years shown, as '2020–2023' (en dash; or one year)."""
        return f"{self.years[0]}–{self.years[-1]}" if len(self.years) > 1 else str(self.years[0])


def derive(inputs: Inputs, cases=None, years=None, baseline: str | None = None) -> Derived:
    """The chapter's computed state for the selected cases, years and baseline series (by
    default the selection the inputs were read with: `cases`, `years`, `baseline_series`)."""
    cases = inputs.shown_cases if cases is None else cases
    years = inputs.years if years is None else years
    baseline = (inputs.baseline_series or "avg_2017_2019") if baseline is None else baseline
    yrs = tuple(select_years(list(years)))
    cy = case_year(inputs.amounts)
    return Derived(inputs, tuple(select_cases(inputs, list(cases))), yrs,
                   select_series(inputs, baseline), cy, tabel1(cy, yrs), cumulative(cy, yrs),
                   survival_summary(inputs.survival, baseline), series_labels(inputs.survival))
