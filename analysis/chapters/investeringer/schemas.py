"""Schemas and fixed vocabularies of the investeringer chapter's inputs (pandera, lazy)."""
from __future__ import annotations

import pandera.pandas as pa

BUDGET_PERIOD = (2020, 2021, 2022, 2023)  # the years of "budget 2020-2023"
MEASURES = ("investment", "savings")
KINDS = ("budget", "result", "forecast")
ACTUAL_KINDS = ("result", "forecast")
STATUSES = ("running", "ended")

CASES_SCHEMA = pa.DataFrameSchema(
    {
        "case": pa.Column(int, pa.Check.ge(1), unique=True, coerce=True),
        "short_name": pa.Column(str),
        "target_group": pa.Column(str),
        "status": pa.Column(str, pa.Check.isin(STATUSES)),
        "decision_date": pa.Column(str, nullable=True, coerce=True),
        "source_table": pa.Column(str, nullable=True),
    },
    strict=True,
)

AMOUNTS_SCHEMA = pa.DataFrameSchema(
    {
        "case": pa.Column(int, coerce=True),
        "year": pa.Column(int, pa.Check.isin(BUDGET_PERIOD), coerce=True),
        "measure": pa.Column(str, pa.Check.isin(MEASURES)),
        "kind": pa.Column(str, pa.Check.isin(KINDS)),
        "amount": pa.Column(float, nullable=True, coerce=True),
    },
    strict=True,
)

PUBLISHED_NET_SCHEMA = pa.DataFrameSchema(
    {
        "case": pa.Column(int, coerce=True),
        "year": pa.Column(int, pa.Check.isin(BUDGET_PERIOD), coerce=True),
        "kind": pa.Column(str, pa.Check.isin(KINDS)),
        "net": pa.Column(float, nullable=True, coerce=True),
    },
    unique=["case", "year", "kind"],
    strict=True,
)

TABEL1_SCHEMA = pa.DataFrameSchema(
    {
        "year": pa.Column(int, pa.Check.isin(BUDGET_PERIOD), unique=True, coerce=True),
        "kind": pa.Column(str, pa.Check.isin(ACTUAL_KINDS)),
        "investment": pa.Column(float, coerce=True),
        "savings": pa.Column(float, coerce=True),
        "net": pa.Column(float, coerce=True),
    },
    strict=True,
)

HEADLINES_SCHEMA = pa.DataFrameSchema(
    {
        "item": pa.Column(str),
        "value": pa.Column(float, coerce=True),
        "unit": pa.Column(str),
        "case": pa.Column(float, nullable=True, coerce=True),
        "year": pa.Column(float, nullable=True, coerce=True),
        "section": pa.Column(str),
        "printed": pa.Column(str),
    },
    unique=["item", "case", "year"],
    strict=True,
)

SURVIVAL_SCHEMA = pa.DataFrameSchema(
    {
        "series": pa.Column(str),
        "label": pa.Column(str),
        "week": pa.Column(int, pa.Check.ge(0), coerce=True),
        "share": pa.Column(float, [pa.Check.ge(0), pa.Check.le(100)], nullable=True, coerce=True),
    },
    unique=["series", "week"],
    strict=True,
)

ACTIVITY_SCHEMA = pa.DataFrameSchema(
    {
        "case": pa.Column(int, coerce=True),
        "measure": pa.Column(str),
        "year": pa.Column(float, nullable=True, coerce=True),
        "value": pa.Column(float, pa.Check.ge(0), coerce=True),
        "unit": pa.Column(str),
        "section": pa.Column(str),
        "printed": pa.Column(str),
    },
    strict=True,
)

REASON_KINDS = ("late_start", "suspension", "no_activation", "assumption", "suspension_in_year")

REASONS_SCHEMA = pa.DataFrameSchema(
    {
        "reason": pa.Column(str, unique=True),
        "kind": pa.Column(str, pa.Check.isin(REASON_KINDS)),
        "start": pa.Column(str, nullable=True, coerce=True),
        "end": pa.Column(str, nullable=True, coerce=True),
        "months": pa.Column(float, pa.Check.gt(0), nullable=True, coerce=True),
        "section": pa.Column(str),
        "printed": pa.Column(str),
    },
    strict=True,
)

JUDGEMENT_SCHEMA = pa.DataFrameSchema(
    {
        "topic": pa.Column(str, unique=True),
        "year": pa.Column(int, coerce=True),
        "basis_date": pa.Column(str, coerce=True),
        "outcome": pa.Column(str, pa.Check.isin(("kept", "not_kept"))),
        "section": pa.Column(str),
        "printed": pa.Column(str),
    },
    strict=True,
)

COMMITTEE_SCHEMA = pa.DataFrameSchema(
    {
        "order": pa.Column(int, unique=True, coerce=True),
        # decision_taken is a decision already taken (its date in `date`); the others are for information
        "kind": pa.Column(str, pa.Check.isin(["orientation", "decision_taken", "judgement", "next_step", "ask"])),
        "date": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$"), nullable=True, coerce=True),
        "text": pa.Column(str),
        "section": pa.Column(str),
    },
    strict=True,
)

CASE_NOTES_SCHEMA = pa.DataFrameSchema(
    {
        "case": pa.Column(int, coerce=True),
        "order": pa.Column(int, coerce=True),
        "text": pa.Column(str),
        "section": pa.Column(str),
    },
    unique=["case", "order"],
    strict=True,
)
