"""Reading and validating the chapter's inputs: goal register, follow-up table, published
summary counts and printed derived figures (UTF-8 CSV, Danish Excel CSV or .xlsx). Every
failure of a file is reported at once, with row, column, rule and value."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

import pandas as pd
import pandera.pandas as pa

from ...core.errors import Failure, ParameterValueError
from ...core.readers import read_table
from ...core.validation import raise_if, validate
from ...core.voice import Claims, claims_beside
from .schemas import (
    ABBREVIATIONS_SCHEMA,
    BASELINE_COMPARATORS,
    COMMITTEE_SCHEMA,
    DERIVED_SCHEMA,
    EXPLANATIONS_SCHEMA,
    FOLLOWUP_SCHEMA,
    GOALS_SCHEMA,
    NATIONAL_COMPARATORS,
    REMOVED,
    SUMMARY_SCHEMA,
    TARGET_COMPARATORS,
    TEXT_COLUMNS,
    VERDICTS,
    missing,
)


@dataclass(frozen=True)
class Inputs:
    """The validated inputs of the chapter (one DataFrame per input file)."""

    goals: pd.DataFrame
    followup: pd.DataFrame
    summary: pd.DataFrame
    derived: pd.DataFrame
    committee: pd.DataFrame
    explanations: pd.DataFrame
    abbreviations: pd.DataFrame
    # the claims register beside the committee file (what the source says, with its conditions)
    claims: Claims | None = None
    # the round shown per plan year (the `plan_years` and `rounds` parameters resolved once)
    shown: Mapping[int, int] = field(default_factory=lambda: MappingProxyType({}))
    # the validated parameters the inputs were read with
    parameters: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def example_notice(self) -> str:
        """The notice an example edition shows under the chapter's opening (`example_notice`; empty: none)."""
        return str(self.parameters.get("example_notice") or "")


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


def _prepare(path: str, parameter: str, kind: str, schema: pa.DataFrameSchema, columns=None) -> pd.DataFrame:
    df = read_table(path, parameter=parameter, text_columns=TEXT_COLUMNS[kind], columns=columns)
    file = df.attrs["file"]
    df, failures = _text_columns(df, TEXT_COLUMNS[kind])
    raise_if(file, failures)
    df.attrs["file"] = file
    return validate(df, schema, file)


def _goal_rules(goals: pd.DataFrame) -> list[Failure]:
    """Cross-field rules of the register: a comparator needs the fields its rule uses."""
    out = []
    for row, g in goals.iterrows():
        comp = g["comparator"]
        if missing(comp):
            continue
        if comp in TARGET_COMPARATORS and missing(g["target_value"]):
            out.append(Failure(int(row), "target_value",
                               f"comparator '{comp}' needs a target value"))
        if comp == "follow_national" and missing(g["better"]):
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
        is_removed = not missing(removed) and removed <= f["followup_date"]
        if status == REMOVED and not is_removed:
            out.append(Failure(int(row), "status", "status 'udgået' needs a removed_date in the "
                               "goal register on or before the follow-up date", status))
        if is_removed and status != REMOVED:
            out.append(Failure(int(row), "status", f"goal was removed on {removed}; "
                               "status must be 'udgået'", status))
        if not missing(f["measured_qualifier"]) and missing(m):
            out.append(Failure(int(row), "measured_qualifier",
                               "a qualifier needs a measured value", f["measured_qualifier"]))
        if status in VERDICTS and not missing(comp):
            if missing(m):
                out.append(Failure(int(row), "measured_value",
                                   f"status '{status}' on a measurable goal needs a measured value"))
            if comp in NATIONAL_COMPARATORS and missing(f["national_value"]):
                out.append(Failure(int(row), "national_value",
                                   f"status '{status}' with comparator '{comp}' needs the "
                                   "national value"))
        if not missing(m) and comp in BASELINE_COMPARATORS and missing(g["baseline_value"]):
            out.append(Failure(int(row), "measured_value",
                               f"comparator '{comp}' compares with a baseline, but the goal "
                               "register has no baseline_value for this goal", m))
        if g["unit"] == "%":
            for col in ("measured_value", "national_value"):
                v = f[col]
                if not missing(v) and not 0 <= v <= 100:
                    out.append(Failure(int(row), col, "a percentage must be between 0 and 100", v))
    # every goal of the register has a row in every round of its plan year
    for (year, rnd), part in followup.groupby(["plan_year", "round"]):
        have = set(part["goal_id"])
        for g in goals[goals["plan_year"] == year].to_dict("records"):
            if g["goal_id"] not in have:
                out.append(Failure(None, "goal_id", f"goal {g['goal_id']} of plan year {year} "
                                   f"has no row in round {rnd}", g["goal_id"]))
    return out


def load_inputs(params: Mapping[str, Any]) -> Inputs:
    """Read and validate the chapter's inputs (every failure of a file at once)."""
    cols = params.get("book_column_map")  # the edition's column map (set by the build)
    goals = _prepare(params["register_file"], "register_file", "goals", GOALS_SCHEMA, cols)
    raise_if(goals.attrs["file"], _goal_rules(goals))
    followup = _prepare(params["followup_file"], "followup_file", "followup", FOLLOWUP_SCHEMA, cols)
    raise_if(followup.attrs["file"], _followup_rules(followup, goals))
    summary = _prepare(params["summary_file"], "summary_file", "summary", SUMMARY_SCHEMA, cols)
    derived = _prepare(params["derived_file"], "derived_file", "derived", DERIVED_SCHEMA, cols)
    committee = _prepare(params["committee_file"], "committee_file", "committee", COMMITTEE_SCHEMA, cols)
    explanations = _prepare(params["explanations_file"], "explanations_file", "explanations",
                            EXPLANATIONS_SCHEMA, cols)
    abbreviations = _prepare(params["abbreviations_file"], "abbreviations_file", "abbreviations",
                             ABBREVIATIONS_SCHEMA, cols)
    return Inputs(goals, followup, summary, derived, committee, explanations, abbreviations,
                  claims=claims_beside(params["committee_file"]),
                  shown=MappingProxyType(_check_rounds(followup, params)),
                  parameters=MappingProxyType(dict(params)))


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


def _check_rounds(followup: pd.DataFrame, params: Mapping[str, Any]) -> dict[int, int]:
    """The round shown per plan year; the plan years and rounds an edition asks for exist in the
    follow-up table (no plan years asked for: none shown)."""
    if "plan_years" not in params and "rounds" not in params:
        return {}
    try:
        return selected_rounds(followup, params.get("plan_years", []), params.get("rounds"))
    except (ValueError, TypeError) as err:
        key = "rounds" if "round" in str(err) and "no rows" not in str(err) else "plan_years"
        raise ParameterValueError("beskaeftigelsesplan", key, params.get(key), str(err)) from None



# The schema of every input parameter (for the README's column table and the open data).
INPUT_SCHEMAS = {
    "register_file": GOALS_SCHEMA, "followup_file": FOLLOWUP_SCHEMA, "summary_file": SUMMARY_SCHEMA,
    "derived_file": DERIVED_SCHEMA, "committee_file": COMMITTEE_SCHEMA,
    "explanations_file": EXPLANATIONS_SCHEMA, "abbreviations_file": ABBREVIATIONS_SCHEMA,
}
