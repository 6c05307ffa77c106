"""The vocabulary of the chapter (published statuses, comparators) and the pandera schemas of
its four inputs. The comparators and their rules are described in `model`."""
from __future__ import annotations

import math

import pandas as pd
import pandera.pandas as pa

CHAPTER = "beskaeftigelsesplan"

REACHED = "nået"
NOT_REACHED = "ikke nået"
NOT_YET = "endnu ikke nået"
NOT_POSSIBLE = "ikke muligt at følge op"
TOO_EARLY = "for tidligt"
REMOVED = "udgået"
STATUSES = (REACHED, NOT_YET, NOT_REACHED, NOT_POSSIBLE, TOO_EARLY, REMOVED)
VERDICTS = {REACHED: 1, NOT_REACHED: 0, NOT_YET: 0}
COMPARATORS = ("at_least", "more_than", "at_most", "increase", "decrease",
               "not_above_baseline", "follow_national", "max_pp_above_national")
BASELINE_COMPARATORS = ("increase", "decrease", "not_above_baseline")
NATIONAL_COMPARATORS = ("follow_national", "max_pp_above_national")
TARGET_COMPARATORS = ("at_least", "more_than", "at_most", "max_pp_above_national")
LOWER_BOUND = "mindst"
# Marks a follow-up row invented for an example edition (optional column `invented`).
INVENTED = "ja"

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
        # optional: the printed targets of a goal no single rule can judge (our wording)
        "target_text": pa.Column(str, nullable=True, required=False),
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
        "invented": pa.Column(str, pa.Check.isin([INVENTED]), nullable=True, required=False),
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

TEXT_COLUMNS = {
    "goals": ["goal_id", "theme", "title", "metric", "unit", "comparator", "better",
              "reference_label", "baseline_period", "removed_date", "notes"],
    "followup": ["followup_date", "goal_id", "status", "measured_qualifier", "measured_period",
                 "measured_text", "data_source", "document", "notes", "invented"],
    "summary": ["measure", "status", "unit", "notes"],
    "derived": ["goal_id", "figure", "kind", "unit", "notes"],
    "committee": ["meeting_body", "meeting_date", "proposer", "ask", "decision", "notes"],
    "explanations": ["topic", "goal_id", "text", "short", "notes"],
    "abbreviations": ["abbreviation", "meaning", "notes"],
}

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
COMMITTEE_SCHEMA = pa.DataFrameSchema(
    {
        "plan_year": pa.Column(int, pa.Check.in_range(2000, 2100), coerce=True),
        "round": pa.Column(int, pa.Check.ge(1), coerce=True),
        "agenda_item": pa.Column(int, pa.Check.ge(1), coerce=True),
        "meeting_body": pa.Column(str),
        "meeting_date": pa.Column(str, pa.Check.str_matches(ISO_DATE)),
        "proposer": pa.Column(str),
        "ask": pa.Column(str),
        "decision": pa.Column(str, nullable=True),
        "notes": pa.Column(str, nullable=True),
    },
    strict=True,
    unique=["plan_year", "round"],
    report_duplicates="all",
)

# reason_not_reached: the administration's explanation of the goals not reached; budget: whether
# the budgets were kept; removal: why a goal was taken out (goal_id); economy: the economic
# consequences paragraph.
EXPLANATION_TOPICS = ("reason_not_reached", "budget", "removal", "economy")
EXPLANATIONS_SCHEMA = pa.DataFrameSchema(
    {
        "plan_year": pa.Column(int, pa.Check.in_range(2000, 2100), coerce=True),
        "round": pa.Column(int, pa.Check.ge(1), coerce=True),
        "topic": pa.Column(str, pa.Check.isin(EXPLANATION_TOPICS)),
        "goal_id": pa.Column(str, pa.Check.str_matches(GOAL_ID), nullable=True),
        "text": pa.Column(str),
        "short": pa.Column(str, nullable=True),
        "notes": pa.Column(str, nullable=True),
    },
    strict=True,
    unique=["plan_year", "round", "topic", "goal_id"],
    report_duplicates="all",
)

ABBREVIATIONS_SCHEMA = pa.DataFrameSchema(
    {
        "abbreviation": pa.Column(str, pa.Check.str_matches(r"^[A-ZÆØÅ]{2,}$"), unique=True),
        "meaning": pa.Column(str),
        "notes": pa.Column(str, nullable=True),
    },
    strict=True,
)


def missing(value) -> bool:
    """True for an empty cell: None, NA or NaN."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
