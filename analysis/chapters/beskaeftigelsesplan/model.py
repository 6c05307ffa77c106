"""Pure computations of the chapter: which round to show, each goal evaluated by its own rule,
counts per status, and the derived figures printed inside goal texts.

Comparators and the rule that evaluates them (m = measured, t = target, b = baseline,
n = national/reference figure):
  at_least m >= t | more_than m > t | at_most m <= t | increase m > b | decrease m < b |
  not_above_baseline m <= b (kept at the current level) |
  follow_national m >= n when better = higher, m <= n when better = lower |
  max_pp_above_national m - n <= t (t in percentage points).
A printed lower bound (`mindst`) can only prove at_least / more_than. A goal is not evaluable
when it is qualitative, removed, or a needed value (m, b or n) is missing. Reached gives
"nået"; not reached gives "ikke nået" in the plan year's last round and "endnu ikke nået"
before it (rounds planned come from the summary table).
"""
from __future__ import annotations

import math
from decimal import Decimal
from typing import Mapping

import pandas as pd

from ...core.precision import Approx
from .inputs import Inputs, selected_rounds  # noqa: F401 - re-exported: which round each plan year shows
from .schemas import (
    BASELINE_COMPARATORS,
    LOWER_BOUND,
    NATIONAL_COMPARATORS,
    NOT_REACHED,
    NOT_YET,
    REACHED,
    REMOVED,
    STATUSES,
    VERDICTS,
    missing,
)


# ---------------------------------------------------------------- rounds
def rounds_planned(summary: pd.DataFrame, plan_year: int) -> int | None:
    """The number of follow-up rounds the plan year's case text announces (None if not printed)."""
    hit = summary[(summary["plan_year"] == plan_year) & (summary["measure"] == "rounds_planned")]
    return None if hit.empty else int(hit["value"].iloc[0])


# ---------------------------------------------------------------- evaluation
def threshold(g: Mapping, national) -> float | None:
    """The value a goal's measurement is compared with: its target, its baseline, the national
    figure, or the national figure plus the allowed percentage points (None when missing)."""
    comp = g["comparator"]
    if comp in ("at_least", "more_than", "at_most"):
        return g["target_value"]
    if comp in BASELINE_COMPARATORS:
        return None if missing(g["baseline_value"]) else g["baseline_value"]
    if comp == "follow_national":
        return None if missing(national) else national
    if comp == "max_pp_above_national":
        return None if missing(national) else float(Decimal(str(national)) + Decimal(str(g["target_value"])))
    return None


def rule_verdict(comparator, measured, threshold, better=None, lower_bound=False):
    """(reached: bool | None, reason: str). None when the rule cannot decide."""
    if missing(comparator):
        return None, "kvalitativt mål"
    if missing(measured):
        return None, "ingen måling"
    if missing(threshold):
        if comparator in NATIONAL_COMPARATORS:
            return None, "intet landstal"
        return None, "ingen basislinje"
    m, t = Decimal(str(measured)), Decimal(str(threshold))
    if comparator == "follow_national":
        comparator = "at_least" if better == "higher" else "at_most"
    tests = {"at_least": m >= t, "more_than": m > t, "at_most": m <= t, "increase": m > t,
             "decrease": m < t, "not_above_baseline": m <= t, "max_pp_above_national": m <= t}
    reached = tests[comparator]
    if lower_bound:
        if comparator in ("at_least", "more_than") and reached:
            return True, ""
        return None, "kun en nedre grænse er oplyst"
    return bool(reached), ""


def evaluate(inputs: Inputs, plan_year: int, round_: int) -> pd.DataFrame:
    """Every goal of one plan year and round, joined with its register row and evaluated by
    its rule. Adds `threshold`, `rule_reached` (1/0/NA), `evaluated_status`, `reason`,
    `published_reached` (1/0/NA) and `agrees` (True/False/NA)."""
    f = inputs.followup[(inputs.followup["plan_year"] == plan_year)
                        & (inputs.followup["round"] == round_)]
    df = f.merge(inputs.goals, on=["plan_year", "goal_id"], how="left", validate="one_to_one",
                 suffixes=("", "_goal"))
    final = rounds_planned(inputs.summary, plan_year)
    is_final = final is None or round_ >= final
    rows = []
    for _, r in df.iterrows():
        thr = threshold(r, r["national_value"])
        if r["status"] == REMOVED:
            reached, reason = None, "udgået"
        else:
            reached, reason = rule_verdict(r["comparator"], r["measured_value"], thr, r["better"],
                                           r["measured_qualifier"] == LOWER_BOUND)
        status = (None if reached is None else REACHED if reached
                  else NOT_REACHED if is_final else NOT_YET)
        pub = VERDICTS.get(r["status"])
        rows.append({"threshold": thr,
                     "rule_reached": pd.NA if reached is None else int(reached),
                     "evaluated_status": status, "reason": reason or None,
                     "published_reached": pd.NA if pub is None else pub,
                     "agrees": pd.NA if (reached is None or pub is None) else (pub == int(reached))})
    extra = pd.DataFrame(rows, index=df.index)
    out = pd.concat([df, extra], axis=1)
    out["rule_reached"] = out["rule_reached"].astype("Int64")
    out["published_reached"] = out["published_reached"].astype("Int64")
    out["agrees"] = out["agrees"].astype("boolean")
    order = out["goal_id"].map(lambda s: tuple(int(p) for p in s.split(".")))
    return out.assign(_o=order).sort_values("_o", kind="stable").drop(columns="_o").reset_index(drop=True)


def evaluated(inputs: Inputs) -> dict[int, pd.DataFrame]:
    """Every plan year shown (`inputs.shown`, the `plan_years` and `rounds` parameters resolved)
    evaluated at its round, in the order of the plan years."""
    return {year: evaluate(inputs, year, round_) for year, round_ in inputs.shown.items()}


# Units whose figures are printed rounded (a percentage, an average score); in other units a
# whole number is an exact count (cases, persons) and a decimal number is rounded as printed.
ROUNDED_UNITS = ("%", "point")


def printed_figure(value, unit: str) -> Approx:
    """A printed measurement, baseline or national figure with the interval its printing
    allows: `51,9 %` stands for [51,85; 51,95]; `10 sager` is exact."""
    v = float(value)
    if unit in ROUNDED_UNITS or not v.is_integer():
        return Approx.printed(v)
    return Approx.exact(v)


def verdict_range(r: Mapping) -> Approx:
    """The rule's verdict (1 = reached, 0 = not) with the verdicts the printed figures allow:
    the rule applied at the corners of the measured value and of the baseline or national
    figure it is compared with (a target is a definition, exact; a printed lower bound is a
    bound, not a rounded figure). Low 0 and high 1 mean that rounding alone decides."""
    unit = r["unit"]
    bound = r["measured_qualifier"] == LOWER_BOUND
    m = Approx.exact(r["measured_value"]) if bound else printed_figure(r["measured_value"], unit)
    comp = r["comparator"]
    if comp in BASELINE_COMPARATORS:
        t = printed_figure(r["baseline_value"], unit)
    elif comp in NATIONAL_COMPARATORS:
        t = printed_figure(r["national_value"], unit)
        t = t + (Approx.exact(r["target_value"]) if comp == "max_pp_above_national" else 0)
    else:
        t = Approx.exact(r["target_value"])
    verdicts = [rule_verdict(comp, mv, tv, r["better"], bound)[0]
                for mv in (m.low, m.high) for tv in (t.low, t.high)]
    known = [int(v) for v in verdicts if v is not None]
    value = int(r["rule_reached"])
    return Approx(value, min(known + [value]), max(known + [value]))


def status_counts(evaluated: pd.DataFrame, summary: pd.DataFrame | None = None) -> pd.DataFrame:
    """Counts and shares (percent of goals not removed) per published status, in the fixed
    status order; with the printed count (NA where none) and the count when the rule's
    status replaces the published one wherever the rule can decide."""
    active = evaluated[evaluated["status"] != REMOVED]
    total = len(active)
    by_rule = active["evaluated_status"].where(active["evaluated_status"].notna(), active["status"])
    printed = {}
    if summary is not None and not evaluated.empty:
        year, rnd = int(evaluated["plan_year"].iloc[0]), int(evaluated["round"].iloc[0])
        s = summary[(summary["plan_year"] == year) & (summary["round"] == rnd)
                    & (summary["measure"] == "status_count")]
        printed = dict(zip(s["status"], s["value"]))
    rows = []
    for st in STATUSES[:-1]:
        n = int((active["status"] == st).sum())
        if n == 0 and st not in printed and int((by_rule == st).sum()) == 0:
            continue
        rows.append({"status": st, "count": n, "share": 100 * n / total if total else math.nan,
                     "printed_count": printed.get(st, pd.NA),
                     "rule_count": int((by_rule == st).sum())})
    out = pd.DataFrame(rows, columns=["status", "count", "share", "printed_count", "rule_count"])
    out["printed_count"] = out["printed_count"].astype("Int64")
    return out


def removed_goals(evaluated: pd.DataFrame) -> pd.DataFrame:
    """The goals taken out of the plan (status udgået)."""
    return evaluated[evaluated["status"] == REMOVED]


def derived_value(kind: str, a, b, c=None, d=None) -> float:
    """A derived figure from the printed numbers it comes from: share = a / b * 100, sum = a + b,
    change_pct = (a - b) / b * 100, annual_pp_reduction = (a - (b + c)) / d."""
    if kind == "share":
        return 100 * a / b
    if kind == "sum":
        return a + b
    if kind == "change_pct":
        return 100 * (a - b) / b
    if kind == "annual_pp_reduction":
        return (a - (b + c)) / d
    raise ValueError(f"unknown kind of derived figure: {kind}")


def themes(evaluated: pd.DataFrame) -> list[str]:
    """The themes (indsatsområder) of a plan year, in printed order."""
    return list(dict.fromkeys(evaluated["theme"]))


SELF_JUDGED = "stikprøve"


def self_judged(r) -> bool:
    """True when the goal's »measured« value is the administration's own judgement from samples
    (its data source names »stikprøver«): comparing it with the published verdict checks the
    administration against itself, so it is no verification."""
    src = r.get("data_source") if hasattr(r, "get") else None
    return isinstance(src, str) and SELF_JUDGED in src.lower()


def target_points(evaluated: pd.DataFrame) -> pd.DataFrame:
    """The goals the measured-vs-requirement figure shows: unit %, evaluable by the rule."""
    ok = (evaluated["unit"] == "%") & evaluated["rule_reached"].notna() & evaluated["threshold"].notna()
    return evaluated[ok]


