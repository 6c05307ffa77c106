"""Chapter `beskaeftigelsesplan`: follow-up of the local goals of Norddjurs Kommune's
Beskæftigelsesplan, per plan year and follow-up round.

Inputs (all three analyst-editable; UTF-8 CSV, Danish Excel CSV or .xlsx)
------------------------------------------------------------------------
* goal register (`register_file`): one row per plan year and goal. The target is structured:
  `comparator` (below), `target_value`, `better` (`higher`/`lower`: which side of a reference
  counts as reached), `reference_label` (what the "national figure" is when it is not the
  landstal, e.g. a ministry benchmark), `baseline_value`/`baseline_period`,
  `national_baseline`. An empty comparator marks a qualitative goal. A goal taken out of the
  plan stays in the register with its `removed_date`.
* follow-up table (`followup_file`): one row per plan year, round and goal: the published
  `status`, `measured_value` (with `measured_qualifier` = `mindst` when only a lower bound is
  printed), `measured_period`, `national_value`, `measured_text` (printed figures that are not
  the goal's own measure), `data_source`, `document` (the source document, shown as "Kilde").
  A new round is new rows (or a new file with all rounds) plus an edition pointing at it.
* published summary (`summary_file`): the counts printed in the case texts (goals planned,
  goals remaining after removals, follow-ups planned, status counts and shares per round).
  A round without printed counts is allowed; its counts are then shown but not reconciled.
* printed derived figures (`derived_file`, transcription only): shares, sums and changes
  printed inside goal texts, with the numbers they come from (`kind`: share = a / b * 100,
  sum = a + b, change_pct = (a - b) / b * 100, annual_pp_reduction = (a - (b + c)) / d).

Statuses (the published vocabulary): nået, ikke nået, endnu ikke nået, ikke muligt at følge op,
for tidligt, udgået. Goals with status udgået are excluded from counts and shares, as the
source does.

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

Reconciliation encoding of a goal check: for every evaluable goal whose published status is a
verdict (nået / ikke nået / endnu ikke nået), one `report.check` row with `published` = 1 if the
published status is nået else 0, `computed` = 1 if the rule finds the goal reached else 0, unit
"nået (1 = ja, 0 = nej)". So `match` means the rule agrees with the published verdict and
`differs` means it does not; the note gives both statuses in words and the measured value
against the requirement. Goals whose published status is no verdict (ikke muligt at følge op,
for tidligt) get no check.

Parameter `rounds`: a mapping plan year -> follow-up round to show (keys may be int or str,
YAML gives int, the notebook default uses str); a plan year missing from the mapping shows its
latest round in the follow-up table.
"""
from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping

import pandas as pd
import pandera.pandas as pa

from ...core import fmt
from ...core.errors import Failure
from ...core.readers import read_table
from ...core.validation import raise_if, validate

CHAPTER = "beskaeftigelsesplan"

REACHED = "nået"
NOT_REACHED = "ikke nået"
NOT_YET = "endnu ikke nået"
NOT_POSSIBLE = "ikke muligt at følge op"
TOO_EARLY = "for tidligt"
REMOVED = "udgået"
STATUSES = (REACHED, NOT_YET, NOT_REACHED, NOT_POSSIBLE, TOO_EARLY, REMOVED)
VERDICTS = {REACHED: 1, NOT_REACHED: 0, NOT_YET: 0}
# Colour-blind safe: the mark repeats the word's meaning; every glyph is in DejaVu Sans and
# Libertinus Serif (New Computer Modern lacks the two dingbats, Typst falls back to Libertinus).
MARKS = {
    REACHED: "✔ Nået",
    NOT_REACHED: "✘ Ikke nået",
    NOT_YET: "… Endnu ikke nået",
    NOT_POSSIBLE: "? Ikke muligt at følge op",
    TOO_EARLY: "○ For tidligt",
    REMOVED: "– Udgået",
}
# English keys for result names (stable, lower snake case).
STATUS_KEYS = {REACHED: "reached", NOT_REACHED: "not_reached", NOT_YET: "not_yet_reached",
               NOT_POSSIBLE: "not_possible", TOO_EARLY: "too_early", REMOVED: "removed"}

COMPARATORS = ("at_least", "more_than", "at_most", "increase", "decrease",
               "not_above_baseline", "follow_national", "max_pp_above_national")
BASELINE_COMPARATORS = ("increase", "decrease", "not_above_baseline")
NATIONAL_COMPARATORS = ("follow_national", "max_pp_above_national")
TARGET_COMPARATORS = ("at_least", "more_than", "at_most", "max_pp_above_national")
LOWER_BOUND = "mindst"

GOAL_ID = r"^\d+(\.\d+)*$"

# ---------------------------------------------------------------- schemas
GOALS_SCHEMA = pa.DataFrameSchema(
    {
        "plan_year": pa.Column(int, pa.Check.in_range(2000, 2100), coerce=True),
        "goal_id": pa.Column(str, pa.Check.str_matches(GOAL_ID)),
        "theme": pa.Column(str),
        "title": pa.Column(str),
        "metric": pa.Column(str, nullable=True),
        "unit": pa.Column(str),
        "comparator": pa.Column(str, pa.Check.isin(COMPARATORS), nullable=True),
        "target_value": pa.Column(float, nullable=True, coerce=True),
        "better": pa.Column(str, pa.Check.isin(["higher", "lower"]), nullable=True),
        "reference_label": pa.Column(str, nullable=True),
        "baseline_value": pa.Column(float, nullable=True, coerce=True),
        "baseline_period": pa.Column(str, nullable=True),
        "national_baseline": pa.Column(float, nullable=True, coerce=True),
        "removed_date": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$"), nullable=True),
        "notes": pa.Column(str, nullable=True),
    },
    strict=True,
    unique=["plan_year", "goal_id"],
    report_duplicates="all",
)

FOLLOWUP_SCHEMA = pa.DataFrameSchema(
    {
        "plan_year": pa.Column(int, pa.Check.in_range(2000, 2100), coerce=True),
        "round": pa.Column(int, pa.Check.ge(1), coerce=True),
        "followup_date": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
        "goal_id": pa.Column(str, pa.Check.str_matches(GOAL_ID)),
        "status": pa.Column(str, pa.Check.isin(STATUSES)),
        "measured_value": pa.Column(float, nullable=True, coerce=True),
        "measured_qualifier": pa.Column(str, pa.Check.isin([LOWER_BOUND]), nullable=True),
        "measured_period": pa.Column(str, nullable=True),
        "national_value": pa.Column(float, nullable=True, coerce=True),
        "measured_text": pa.Column(str, nullable=True),
        "data_source": pa.Column(str, nullable=True),
        "document": pa.Column(str),
        "notes": pa.Column(str, nullable=True),
    },
    strict=True,
    unique=["plan_year", "round", "goal_id"],
    report_duplicates="all",
)

SUMMARY_MEASURES = ("goals_planned", "goals_remaining", "rounds_planned", "goals_followed_up",
                    "status_count", "status_share")
SUMMARY_SCHEMA = pa.DataFrameSchema(
    {
        "plan_year": pa.Column(int, pa.Check.in_range(2000, 2100), coerce=True),
        "round": pa.Column("Int64", pa.Check.ge(1), nullable=True, coerce=True),
        "measure": pa.Column(str, pa.Check.isin(SUMMARY_MEASURES)),
        "status": pa.Column(str, pa.Check.isin(STATUSES), nullable=True),
        "value": pa.Column(float, pa.Check.ge(0), coerce=True),
        "unit": pa.Column(str),
        "notes": pa.Column(str, nullable=True),
    },
    strict=True,
)

DERIVED_KINDS = ("share", "sum", "change_pct", "annual_pp_reduction")
DERIVED_SCHEMA = pa.DataFrameSchema(
    {
        "plan_year": pa.Column(int, coerce=True),
        "goal_id": pa.Column(str, pa.Check.str_matches(GOAL_ID)),
        "figure": pa.Column(str),
        "kind": pa.Column(str, pa.Check.isin(DERIVED_KINDS)),
        "a": pa.Column(float, coerce=True),
        "b": pa.Column(float, coerce=True),
        "c": pa.Column(float, nullable=True, coerce=True),
        "d": pa.Column(float, nullable=True, coerce=True),
        "printed_value": pa.Column(float, coerce=True),
        "unit": pa.Column(str),
        "notes": pa.Column(str, nullable=True),
    },
    strict=True,
)

_TEXT_COLUMNS = {
    "goals": ["goal_id", "theme", "title", "metric", "unit", "comparator", "better",
              "reference_label", "baseline_period", "removed_date", "notes"],
    "followup": ["followup_date", "goal_id", "status", "measured_qualifier", "measured_period",
                 "measured_text", "data_source", "document", "notes"],
    "summary": ["measure", "status", "unit", "notes"],
    "derived": ["goal_id", "figure", "kind", "unit", "notes"],
}


@dataclass(frozen=True)
class Inputs:
    goals: pd.DataFrame
    followup: pd.DataFrame
    summary: pd.DataFrame
    derived: pd.DataFrame


# ---------------------------------------------------------------- reading
def _text_columns(df: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, list[Failure]]:
    """Text columns as pandas `str` (missing stays missing, blanks become missing); dates from
    Excel become ISO dates; a goal id stored as a number (Excel) is a failure."""
    out = df.copy()
    failures: list[Failure] = []
    for col in columns:
        if col not in out.columns:
            continue
        values = []
        for row, v in out[col].items():
            if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
                values.append(None)
            elif isinstance(v, pd.Timestamp) or hasattr(v, "isoformat") and not isinstance(v, str):
                values.append(pd.Timestamp(v).date().isoformat())
            elif isinstance(v, str):
                values.append(v.strip() or None)
            elif col == "goal_id":
                failures.append(Failure(int(row), col, "goal id must be text such as '6.10' "
                                        "(in Excel, format the column as text)", v))
                values.append(str(v))
            elif isinstance(v, float) and v.is_integer():
                values.append(str(int(v)))
            else:
                values.append(str(v))
        out[col] = pd.Series(values, index=out.index, dtype=object).astype("str")
    return out, failures


def _prepare(path: str, parameter: str, kind: str, schema: pa.DataFrameSchema) -> pd.DataFrame:
    df = read_table(path, parameter=parameter, text_columns=_TEXT_COLUMNS[kind])
    file = df.attrs["file"]
    df, failures = _text_columns(df, _TEXT_COLUMNS[kind])
    raise_if(file, failures)
    df.attrs["file"] = file
    return validate(df, schema, file)


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _goal_rules(goals: pd.DataFrame) -> list[Failure]:
    """Cross-field rules of the register: a comparator needs the fields its rule uses."""
    out = []
    for row, g in goals.iterrows():
        comp = g["comparator"]
        if _missing(comp):
            continue
        if comp in TARGET_COMPARATORS and _missing(g["target_value"]):
            out.append(Failure(int(row), "target_value",
                               f"comparator '{comp}' needs a target value"))
        if comp == "follow_national" and _missing(g["better"]):
            out.append(Failure(int(row), "better",
                               "comparator 'follow_national' needs better = higher or lower"))
        if comp == "max_pp_above_national" and g["unit"] != "%":
            out.append(Failure(int(row), "unit",
                               "comparator 'max_pp_above_national' needs unit '%'", g["unit"]))
    return out


def _followup_rules(followup: pd.DataFrame, goals: pd.DataFrame) -> list[Failure]:
    """Cross-table rules: known goals, complete rounds, removals, and measured values that
    fit the goal's comparator."""
    out: list[Failure] = []
    reg = goals.set_index(["plan_year", "goal_id"])
    for row, f in followup.iterrows():
        key = (f["plan_year"], f["goal_id"])
        if key not in reg.index:
            out.append(Failure(int(row), "goal_id",
                               f"goal is not in the goal register for plan year {f['plan_year']}",
                               f["goal_id"]))
            continue
        g = reg.loc[key]
        comp, status, m = g["comparator"], f["status"], f["measured_value"]
        removed = g["removed_date"]
        is_removed = not _missing(removed) and removed <= f["followup_date"]
        if status == REMOVED and not is_removed:
            out.append(Failure(int(row), "status", "status 'udgået' needs a removed_date in the "
                               "goal register on or before the follow-up date", status))
        if is_removed and status != REMOVED:
            out.append(Failure(int(row), "status", f"goal was removed on {removed}; "
                               "status must be 'udgået'", status))
        if not _missing(f["measured_qualifier"]) and _missing(m):
            out.append(Failure(int(row), "measured_qualifier",
                               "a qualifier needs a measured value", f["measured_qualifier"]))
        if status in VERDICTS and not _missing(comp):
            if _missing(m):
                out.append(Failure(int(row), "measured_value",
                                   f"status '{status}' on a measurable goal needs a measured value"))
            if comp in NATIONAL_COMPARATORS and _missing(f["national_value"]):
                out.append(Failure(int(row), "national_value",
                                   f"status '{status}' with comparator '{comp}' needs the "
                                   "national value"))
        if not _missing(m) and comp in BASELINE_COMPARATORS and _missing(g["baseline_value"]):
            out.append(Failure(int(row), "measured_value",
                               f"comparator '{comp}' compares with a baseline, but the goal "
                               "register has no baseline_value for this goal", m))
        if g["unit"] == "%":
            for col in ("measured_value", "national_value"):
                v = f[col]
                if not _missing(v) and not 0 <= v <= 100:
                    out.append(Failure(int(row), col, "a percentage must be between 0 and 100", v))
    # every goal of the register has a row in every round of its plan year
    for (year, rnd), part in followup.groupby(["plan_year", "round"]):
        have = set(part["goal_id"])
        for row, g in goals[goals["plan_year"] == year].iterrows():
            if g["goal_id"] not in have:
                out.append(Failure(None, "goal_id", f"goal {g['goal_id']} of plan year {year} "
                                   f"has no row in round {rnd}", g["goal_id"]))
    return out


def load_inputs(params: Mapping[str, Any]) -> Inputs:
    """Read and validate the chapter's inputs (every failure of a file at once)."""
    goals = _prepare(params["register_file"], "register_file", "goals", GOALS_SCHEMA)
    raise_if(goals.attrs["file"], _goal_rules(goals))
    followup = _prepare(params["followup_file"], "followup_file", "followup", FOLLOWUP_SCHEMA)
    raise_if(followup.attrs["file"], _followup_rules(followup, goals))
    summary = _prepare(params["summary_file"], "summary_file", "summary", SUMMARY_SCHEMA)
    derived = _prepare(params["derived_file"], "derived_file", "derived", DERIVED_SCHEMA)
    return Inputs(goals, followup, summary, derived)


# ---------------------------------------------------------------- rounds
def selected_rounds(followup: pd.DataFrame, plan_years, rounds: Mapping | None) -> dict[int, int]:
    """The round to show per plan year: `rounds[year]` (int or str key), else the latest round
    in the follow-up table. Raises ValueError for a year or round without follow-up rows."""
    chosen = {int(k): int(v) for k, v in (rounds or {}).items()}
    out = {}
    for year in plan_years:
        year = int(year)
        available = sorted(followup.loc[followup["plan_year"] == year, "round"].unique())
        if not available:
            raise ValueError(f"plan year {year} has no rows in the follow-up table")
        rnd = chosen.get(year, int(available[-1]))
        if rnd not in available:
            raise ValueError(f"plan year {year} has no follow-up round {rnd} "
                             f"(rounds in the table: {', '.join(map(str, available))})")
        out[year] = rnd
    return out


def rounds_planned(summary: pd.DataFrame, plan_year: int) -> int | None:
    hit = summary[(summary["plan_year"] == plan_year) & (summary["measure"] == "rounds_planned")]
    return None if hit.empty else int(hit["value"].iloc[0])


# ---------------------------------------------------------------- evaluation
def _threshold(g: Mapping, national) -> float | None:
    comp = g["comparator"]
    if comp in ("at_least", "more_than", "at_most"):
        return g["target_value"]
    if comp in BASELINE_COMPARATORS:
        return None if _missing(g["baseline_value"]) else g["baseline_value"]
    if comp == "follow_national":
        return None if _missing(national) else national
    if comp == "max_pp_above_national":
        return None if _missing(national) else float(Decimal(str(national)) + Decimal(str(g["target_value"])))
    return None


def rule_verdict(comparator, measured, threshold, better=None, lower_bound=False):
    """(reached: bool | None, reason: str). None when the rule cannot decide."""
    if _missing(comparator):
        return None, "kvalitativt mål"
    if _missing(measured):
        return None, "ingen måling"
    if _missing(threshold):
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
        thr = _threshold(r, r["national_value"])
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
    return evaluated[evaluated["status"] == REMOVED]


# ---------------------------------------------------------------- reconciliation
def _source(evaluated: pd.DataFrame, what: str) -> str:
    docs = list(dict.fromkeys(evaluated["document"].dropna()))
    return "; ".join(docs) + f" ({what})"


def _value_text(v, unit: str, decimals: int | None = None) -> str:
    if _missing(v):
        return fmt.MISSING
    d = decimals if decimals is not None else _decimals(v)
    if unit == "%":
        return fmt.percent(v, d)
    return f"{fmt.number(v, d)}\u00a0{unit}"


def _decimals(v) -> int:
    d = Decimal(str(float(v))).normalize()
    return min(2, max(0, -d.as_tuple().exponent))


def requirement_text(r: Mapping) -> str:
    """The goal's requirement in Danish, from its structured target."""
    comp, unit = r["comparator"], r["unit"]
    ref = r["reference_label"] if not _missing(r.get("reference_label")) else "landstal"
    base = ""
    if not _missing(r.get("baseline_value")):
        base = _value_text(r["baseline_value"], unit)
        if not _missing(r.get("baseline_period")):
            base += f" ({r['baseline_period']})"
    elif not _missing(r.get("baseline_period")):
        base = f"niveauet i {r['baseline_period']}"
    t = r.get("target_value")
    return {
        "at_least": lambda: f"mindst {_value_text(t, unit)}",
        "more_than": lambda: f"mere end {_value_text(t, unit)}",
        "at_most": lambda: f"højst {_value_text(t, unit)}",
        "increase": lambda: f"stigning fra {base}" if base else "stigning",
        "decrease": lambda: f"fald fra {base}" if base else "fald",
        "not_above_baseline": lambda: f"højst {base}" if base else "højst det nuværende niveau",
        "follow_national": lambda: (f"som {ref} eller "
                                    + ("højere" if r.get("better") == "higher" else "lavere")),
        "max_pp_above_national": lambda: f"højst {fmt.number(t, _decimals(t))} procentpoint over {ref}",
    }.get(comp, lambda: "kvalitativt mål")()


def measured_text(r: Mapping, with_text: bool = True) -> str:
    parts = []
    if not _missing(r["measured_value"]):
        v = _value_text(r["measured_value"], r["unit"])
        if r["measured_qualifier"] == LOWER_BOUND:
            v = f"mindst {v}"
        if not _missing(r["measured_period"]):
            v += f" ({r['measured_period']})"
        parts.append(v)
    if with_text and not _missing(r["measured_text"]):
        parts.append(r["measured_text"])
    return "; ".join(parts) if parts else fmt.MISSING


def national_text(r: Mapping) -> str:
    if _missing(r["national_value"]):
        return fmt.MISSING
    ref = r["reference_label"] if not _missing(r["reference_label"]) else "landstal"
    return f"{_value_text(r['national_value'], r['unit'])} ({ref})"


def goal_checks(evaluated: pd.DataFrame) -> pd.DataFrame:
    """One reconciliation row per evaluable goal with a published verdict (encoding: see the
    module docstring)."""
    rows = []
    for _, r in evaluated.iterrows():
        if pd.isna(r["published_reached"]) or pd.isna(r["rule_reached"]):
            continue
        year, rnd = int(r["plan_year"]), int(r["round"])
        note = (f"Offentliggjort: {r['status']}; efter reglen: {r['evaluated_status']}. "
                f"Målt {measured_text(r)}; krav: {requirement_text(r)}"
                + (f"; {national_text(r)}" if not _missing(r["national_value"]) else "") + ".")
        rows.append({"item": f"Beskæftigelsesplan {year}, opfølgning {rnd}, mål {r['goal_id']}: "
                             "status nået (1 = ja, 0 = nej)",
                     "source": _source(evaluated.iloc[[0]], f"mål {r['goal_id']}, målopfyldelse"),
                     "published": int(r["published_reached"]), "computed": int(r["rule_reached"]),
                     "unit": "nået (1 = ja, 0 = nej)", "note": note, "decimals": 0})
    return pd.DataFrame(rows, columns=["item", "source", "published", "computed", "unit", "note",
                                       "decimals"])


def summary_checks(inputs: Inputs, evaluated: pd.DataFrame) -> pd.DataFrame:
    """Reconciliation rows for every printed count and share of one plan year and round."""
    year, rnd = int(evaluated["plan_year"].iloc[0]), int(evaluated["round"].iloc[0])
    s = inputs.summary[inputs.summary["plan_year"] == year]
    goals = inputs.goals[inputs.goals["plan_year"] == year]
    active = evaluated[evaluated["status"] != REMOVED]
    src = _source(evaluated, "sagsfremstilling")
    label = f"Beskæftigelsesplan {year}"
    rows = []

    def add(item, published, computed, unit, note="", decimals=None):
        rows.append({"item": item, "source": src, "published": published, "computed": computed,
                     "unit": unit, "note": note, "decimals": decimals})

    for _, p in s[s["round"].isna()].iterrows():
        if p["measure"] == "goals_planned":
            add(f"{label}: lokale mål i planen", p["value"], len(goals), p["unit"],
                "Optalt i målregistret.", 0)
        elif p["measure"] == "goals_remaining":
            add(f"{label}: mål efter udgåede mål", p["value"],
                int(goals["removed_date"].isna().sum()), p["unit"],
                "Mål i målregistret uden udgåelsesdato.", 0)
    for _, p in s[s["round"] == rnd].iterrows():
        m = p["measure"]
        if m == "goals_followed_up":
            add(f"{label}, opfølgning {rnd}: mål fulgt op", p["value"], len(active), p["unit"],
                "Mål i opfølgningen, udgåede mål fraregnet.", 0)
        elif m == "status_count":
            n = int((active["status"] == p["status"]).sum())
            add(f"{label}, opfølgning {rnd}: antal mål med status '{p['status']}'", p["value"], n,
                p["unit"], "Optalt fra de enkelte mål.", 0)
        elif m == "status_share":
            n = int((active["status"] == p["status"]).sum())
            add(f"{label}, opfølgning {rnd}: andel mål med status '{p['status']}'", p["value"],
                100 * n / len(active), p["unit"],
                f"{n} af {len(active)} mål, optalt fra de enkelte mål.", 1)
    return pd.DataFrame(rows, columns=["item", "source", "published", "computed", "unit", "note",
                                       "decimals"])


# How each kind of derived figure is computed, in the reader's words (reconciliation note).
DERIVED_KIND_DA = {"share": "som andel", "sum": "som sum", "change_pct": "som ændring i procent",
                   "annual_pp_reduction": "som årligt fald i procentpoint"}


def derived_value(kind: str, a, b, c=None, d=None) -> float:
    if kind == "share":
        return 100 * a / b
    if kind == "sum":
        return a + b
    if kind == "change_pct":
        return 100 * (a - b) / b
    if kind == "annual_pp_reduction":
        return (a - (b + c)) / d
    raise ValueError(f"unknown kind of derived figure: {kind}")


def derived_checks(inputs: Inputs, evaluated: pd.DataFrame) -> pd.DataFrame:
    """Reconciliation rows for the shares, sums and changes printed inside goal texts."""
    year = int(evaluated["plan_year"].iloc[0])
    rows = []
    for _, r in inputs.derived[inputs.derived["plan_year"] == year].iterrows():
        v = derived_value(r["kind"], r["a"], r["b"], r["c"], r["d"])
        rows.append({"item": f"Beskæftigelsesplan {year}, mål {r['goal_id']}: {r['figure']}",
                     "source": _source(evaluated, f"mål {r['goal_id']}"),
                     "published": r["printed_value"], "computed": v, "unit": r["unit"],
                     "note": f"Beregnet {DERIVED_KIND_DA[r['kind']]} af de trykte tal.", "decimals": None})
    return pd.DataFrame(rows, columns=["item", "source", "published", "computed", "unit", "note",
                                       "decimals"])


def record_checks(checks: pd.DataFrame) -> list[str]:
    """Record reconciliation rows with `report.check`; returns the statuses."""
    from report import show as report

    out = []
    for r in checks.to_dict("records"):
        dec = r["decimals"]
        dec = None if dec is None or (isinstance(dec, float) and math.isnan(dec)) else int(dec)
        out.append(report.check(r["item"], r["source"], r["published"], r["computed"],
                                r["unit"], r["note"], decimals=dec))
    return out


# ---------------------------------------------------------------- presentation tables
def theme_table(evaluated: pd.DataFrame, theme: str) -> pd.DataFrame:
    """The reader's table of one theme: goal, requirement, measured, national figure,
    published status and the rule's status (6 columns)."""
    part = evaluated[evaluated["theme"] == theme]
    return pd.DataFrame({
        "Mål": [f"{r['goal_id']} {r['title']}" for _, r in part.iterrows()],
        "Krav": [requirement_text(r) if r["status"] != REMOVED else f"udgået {fmt.date(r['removed_date'])}"
                 for _, r in part.iterrows()],
        "Målt": [measured_text(r) for _, r in part.iterrows()],
        "Landstal": [national_text(r) for _, r in part.iterrows()],
        "Status": [MARKS[s] for s in part["status"]],
        "Efter reglen": [MARKS[s] if isinstance(s, str) else fmt.MISSING
                         for s in part["evaluated_status"]],
    })


def themes(evaluated: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(evaluated["theme"]))


def open_data(evaluated: pd.DataFrame) -> pd.DataFrame:
    """The follow-up as published open data (plain values, no marks)."""
    cols = ["plan_year", "round", "goal_id", "theme", "title", "unit", "comparator",
            "target_value", "baseline_value", "measured_value", "measured_qualifier",
            "measured_period", "national_value", "status", "evaluated_status", "reason"]
    return evaluated[cols].copy()


COUNTS_ALIGN = {"Antal i sagsfremstillingen": "right", "Andel": "right"}


def counts_table(counts: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Status": [MARKS[s] for s in counts["status"]],
        "Antal mål": counts["count"].to_numpy(),
        "Andel": [fmt.percent(v, 1) for v in counts["share"]],
        "Antal i sagsfremstillingen": [fmt.MISSING if pd.isna(v) else fmt.integer(v)
                                       for v in counts["printed_count"]],
        "Antal efter reglen": counts["rule_count"].to_numpy(),
    })


def disagreements(evaluated: pd.DataFrame) -> pd.DataFrame:
    return evaluated[evaluated["agrees"].eq(False).fillna(False)]


# ---------------------------------------------------------------- figures
STATUS_STYLE = {  # Okabe-Ito colour + hatch, so the figure also reads in grey print
    REACHED: ("#0072B2", ""),
    NOT_YET: ("#E69F00", "//"),
    NOT_REACHED: ("#D55E00", "xx"),
    NOT_POSSIBLE: ("#BBBBBB", ".."),
    TOO_EARLY: ("#56B4E9", "\\\\"),
}


def status_figure(counts: Mapping[str, pd.DataFrame]):
    """Stacked horizontal bars: one bar per plan year and round (label -> status counts),
    segments per published status with the count written in each segment."""
    from ...core import figures

    fig, ax = figures.new(figsize=(7.0, 0.9 + 0.7 * len(counts)))
    labels = list(counts)
    used = []
    for i, label in enumerate(labels):
        left = 0
        c = counts[label].set_index("status")["count"]
        for st in STATUSES[:-1]:
            n = int(c.get(st, 0))
            if n == 0:
                continue
            colour, hatch = STATUS_STYLE[st]
            ax.barh(i, n, left=left, color=colour, hatch=hatch, edgecolor="black", linewidth=0.6,
                    label=MARKS[st] if st not in used else None)
            used.append(st)
            ax.text(left + n / 2, i, fmt.integer(n), ha="center", va="center", fontsize=9,
                    color="black", bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none"))
            left += n
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("Antal mål")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.02), ncol=3, fontsize=8)
    return fig


def target_points(evaluated: pd.DataFrame) -> pd.DataFrame:
    """The goals the measured-vs-requirement figure shows: unit %, evaluable by the rule."""
    ok = (evaluated["unit"] == "%") & evaluated["rule_reached"].notna() & evaluated["threshold"].notna()
    return evaluated[ok]


def target_figure(evaluated: pd.DataFrame):
    """Measured value against the value it is compared with (target, baseline or national
    figure) for the evaluable goals measured in percent; filled dot = reached by the rule,
    cross = not reached."""
    from ...core import figures

    pts = target_points(evaluated)
    fig, ax = figures.new(figsize=(7.0, 0.9 + 0.3 * max(len(pts), 1)))
    y = list(range(len(pts)))
    for i, (_, r) in enumerate(pts.iterrows()):
        ax.plot([r["threshold"], r["measured_value"]], [i, i], color="#7F7F7F", linewidth=1, zorder=1)
    ax.scatter(pts["threshold"], y, marker="|", s=200, color="black", linewidths=2,
               label="Krav eller sammenligningsværdi", zorder=2)
    hit = pts["rule_reached"].eq(1).to_numpy()
    ax.scatter(pts["measured_value"][hit], [v for v, h in zip(y, hit) if h], marker="o", s=45,
               color=STATUS_STYLE[REACHED][0], edgecolor="black",
               label="Målt: nået efter reglen", zorder=3)
    ax.scatter(pts["measured_value"][~hit], [v for v, h in zip(y, hit) if not h], marker="X", s=60,
               color=STATUS_STYLE[NOT_REACHED][0], edgecolor="black", label="Målt: ikke nået efter reglen",
               zorder=3)
    ax.set_yticks(y, [textwrap.shorten(f"{r['goal_id']} {r['title']}", 36, placeholder=" …")
                      for _, r in pts.iterrows()], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    figures.danish_ticks(ax, axis="x", suffix=" %")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8)
    return fig


def target_alt(evaluated: pd.DataFrame, plan_year: int) -> str:
    pts = target_points(evaluated)
    n_hit = int(pts["rule_reached"].eq(1).sum())
    misses = ", ".join(pts.loc[pts["rule_reached"].eq(0), "goal_id"])
    return (f"Prikdiagram for Beskæftigelsesplan {plan_year}: for {len(pts)} mål opgjort i procent "
            f"vises den målte værdi og kravet eller sammenligningsværdien på en skala fra 0 til "
            f"100 %. {n_hit} mål er nået efter reglen"
            + (f"; ikke nået er mål {misses}." if misses else "."))


def status_alt(counts: Mapping[str, pd.DataFrame]) -> str:
    parts = []
    for label, c in counts.items():
        inner = ", ".join(f"{fmt.integer(n)} {st}" for st, n in zip(c["status"], c["count"]) if n)
        parts.append(f"{label}: {inner}")
    return "Vandrette stablede søjler med antal mål pr. status. " + "; ".join(parts) + "."


# ---------------------------------------------------------------- narrative
def round_label(plan_year: int, round_: int) -> str:
    return f"{plan_year}, opfølgning {round_}"


def key_messages(evaluated_by_year: Mapping[int, pd.DataFrame], summary: pd.DataFrame) -> list[str]:
    """Two or three sentences computed from the evaluated follow-ups."""
    msgs = []
    for year, ev in evaluated_by_year.items():
        rnd = int(ev["round"].iloc[0])
        c = status_counts(ev, summary).set_index("status")
        active = int((ev["status"] != REMOVED).sum())
        n_removed = int((ev["status"] == REMOVED).sum())
        n = {st: int(c["count"].get(st, 0)) for st in STATUSES}
        parts = [f"{fmt.integer(n[NOT_REACHED])} er ikke nået" if n[NOT_REACHED] else "",
                 f"{fmt.integer(n[NOT_YET])} er endnu ikke nået" if n[NOT_YET] else "",
                 (f"{fmt.integer(n[NOT_POSSIBLE] + n[TOO_EARLY])} kan ikke eller endnu ikke "
                  "følges op") if n[NOT_POSSIBLE] + n[TOO_EARLY] else ""]
        parts = [p for p in parts if p]
        rest = (", ".join(parts[:-1]) + " og " + parts[-1]) if len(parts) > 1 else "".join(parts)
        text = (f"Beskæftigelsesplan {year} (opfølgning {rnd}): {fmt.integer(n[REACHED])} af "
                f"{fmt.integer(active)} mål er nået ({fmt.percent(100 * n[REACHED] / active, 1)})"
                + (f", {rest}" if rest else ""))
        if n_removed:
            text += f"; {fmt.integer(n_removed)} mål er udgået i løbet af året"
        diff = c[c["printed_count"].notna() & (c["printed_count"] != c["count"])]
        if not diff.empty:
            text += (". Sagsfremstillingen tæller "
                     + " og ".join(f"{fmt.integer(r['printed_count'])} {s}" for s, r in diff.iterrows())
                     + ", mens de enkelte mål giver "
                     + " og ".join(fmt.integer(r["count"]) for _, r in diff.iterrows()))
        msgs.append(text + ".")
    checks = pd.concat([ev for ev in evaluated_by_year.values()])
    checked = checks[checks["agrees"].notna()]
    bad = checked[checked["agrees"].eq(False)]
    text = (f"Målenes egne krav kan efterprøve {fmt.integer(len(checked))} offentliggjorte "
            f"vurderinger; {fmt.integer(len(checked) - len(bad))} stemmer")
    if len(bad):
        text += ", mens " + ", ".join(f"mål {r['goal_id']} ({r['plan_year']})"
                                      for _, r in bad.iterrows()) + " er vurderet anderledes end kravet tilsiger"
    msgs.append(text + ".")
    return msgs


def source_text(evaluated: pd.DataFrame) -> str:
    """The "Kilde" line of a plan year's tables: its documents and the follow-up they hold."""
    year = int(evaluated["plan_year"].iloc[0])
    docs = "; ".join(dict.fromkeys(evaluated["document"].dropna()))
    return f"{docs}: opfølgning på lokale mål i Beskæftigelsesplan {year}"


def results(evaluated: pd.DataFrame, goals: pd.DataFrame) -> dict[str, float]:
    """Key figures of one plan year for `report.result` (names stable across editions)."""
    year = int(evaluated["plan_year"].iloc[0])
    active = evaluated[evaluated["status"] != REMOVED]
    p = f"goals_{year}"
    out = {f"{p}_round": int(evaluated["round"].iloc[0]),
           f"{p}_planned": int((goals["plan_year"] == year).sum()),
           f"{p}_removed": int((evaluated["status"] == REMOVED).sum()),
           f"{p}_followed_up": len(active)}
    for st in STATUSES[:-1]:
        out[f"{p}_{STATUS_KEYS[st]}"] = int((active["status"] == st).sum())
    out[f"{p}_reached_share"] = 100 * out[f"{p}_reached"] / len(active) if len(active) else math.nan
    out[f"{p}_rule_checked"] = int(evaluated["agrees"].notna().sum())
    out[f"{p}_rule_disagreements"] = int(evaluated["agrees"].eq(False).sum())
    return out


def rule_check_text(evaluated: pd.DataFrame) -> str:
    """A paragraph on how many published verdicts the rule can check and where it disagrees."""
    year = int(evaluated["plan_year"].iloc[0])
    bad = disagreements(evaluated)
    n = int(evaluated["agrees"].notna().sum())
    text = (f"I {year} kan reglen efterprøve {fmt.integer(n)} offentliggjorte vurderinger; "
            f"{fmt.integer(n - len(bad))} stemmer med reglen.")
    for _, r in bad.iterrows():
        text += (f" Mål {r['goal_id']} ({r['title']}) er offentliggjort som *{r['status']}*, men "
                 f"den målte værdi {measured_text(r, with_text=False)}"
                 + (f" mod {national_text(r)}" if not _missing(r["national_value"]) else "")
                 + f" giver *{r['evaluated_status']}* efter kravet ({requirement_text(r)}).")
        if not _missing(r["measured_text"]):
            text += f" Opfølgningen oplyser også: {r['measured_text']}."
    return text


def count_difference_text(counts: pd.DataFrame, plan_year: int) -> str | None:
    """A paragraph on printed counts that differ from the itemised goals, or None."""
    c = counts.set_index("status")
    off = c[c["printed_count"].notna() & (c["printed_count"] != c["count"])]
    if off.empty:
        return None
    pairs = " og ".join(f"*{s}* ({fmt.integer(r['printed_count'])} i sagsfremstillingen, "
                        f"{fmt.integer(r['count'])} blandt de enkelte mål)" for s, r in off.iterrows())
    printed = c[c["printed_count"].notna()]
    same = bool((printed["printed_count"] == printed["rule_count"]).all())
    return (f"**Afvigende optælling i {plan_year}.** Sagsfremstillingens optælling passer ikke med "
            f"de enkelte mål for {pairs}. "
            + ("Optællingen passer derimod præcis, hvis de mål, som reglen vurderer anderledes end "
               "den offentliggjorte status, tælles med reglens status." if same else ""))
