"""Pandera schemas of the Kvoter chapter's inputs and the column names they declare.

Counts (employees, quotas, placements) are whole numbers of zero or more; readers coerce them
to numbers first (text that is not a number becomes a failure), then validate lazily here.
"""
from __future__ import annotations

import re

import pandera.pandas as pa

PLACEMENT_TYPES = ("loentilskud", "fleksjob", "virksomhedspraktik", "voksenlaerling")
ROSTER_COLUMNS = ("unit_id", "unit_name", "area", "employees") + PLACEMENT_TYPES
MODELS = ("unit", "area")
QUOTA_COLUMN = re.compile(r"^quota_n(\d+)$")
PERIOD_PRECISIONS = ("day", "early_month", "month")

WHOLE = "must be a whole number"
NON_NEGATIVE = "must be zero or more"


def count_checks() -> list[pa.Check]:
    """The rules of every count: zero or more, and whole."""
    return [pa.Check.ge(0, error=NON_NEGATIVE),
            pa.Check(lambda s: (s % 1) == 0, error=WHOLE)]


def quota_table(quota_names: list[str]) -> pa.DataFrameSchema:
    """Tabel 1 as printed: one row per director area and one `total` row."""
    return pa.DataFrameSchema(
        {"area": pa.Column(str, nullable=False),
         "row_type": pa.Column(str, pa.Check.isin(["area", "total"],
                                                     error="must be 'area' or 'total'")),
         "employees": pa.Column("float64", count_checks()),
         **{c: pa.Column("float64", count_checks()) for c in quota_names}},
        strict=True)


def placements() -> pa.DataFrameSchema:
    """Placements by type as printed (section 2.0)."""
    return pa.DataFrameSchema(
        {"placement_type": pa.Column(str, pa.Check.isin(
            PLACEMENT_TYPES, error=f"must be one of {', '.join(PLACEMENT_TYPES)}")),
         "label": pa.Column(str, nullable=False),
         "placements": pa.Column("float64", count_checks())},
        strict=True)


def stated() -> pa.DataFrameSchema:
    """Figures stated in the text: id, section, value, unit and the printed wording."""
    return pa.DataFrameSchema(
        {"figure": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$",
                                                          error="must be a lower snake case id")),
         "section": pa.Column(str),
         "value": pa.Column("float64", coerce=True),
         "unit": pa.Column(str, nullable=True),
         "statement": pa.Column(str, nullable=True)},
        strict=True)


def examples() -> pa.DataFrameSchema:
    """The worked examples of the quota rule (employees, threshold, quota)."""
    return pa.DataFrameSchema(
        {"section": pa.Column(str),
         "employees": pa.Column("float64", count_checks()),
         "threshold": pa.Column("float64", count_checks()
                                + [pa.Check.ge(1, error="must be 1 or more")]),
         "quota": pa.Column("float64", count_checks())},
        strict=True)


def roster(areas: list[str]) -> pa.DataFrameSchema:
    """The unit roster: one row per unit, a known director area, counts per placement type."""
    return pa.DataFrameSchema(
        {"unit_id": pa.Column(str),
         "unit_name": pa.Column(str, nullable=True),
         "area": pa.Column(str, pa.Check.isin(
             areas, error=f"must be a director area of Tabel 1 ({'; '.join(areas)})")),
         **{c: pa.Column("float64", count_checks()) for c in ("employees", *PLACEMENT_TYPES)}},
        strict=True)


def periods() -> pa.DataFrameSchema:
    """The dates the figures refer to, with their printed precision and wording."""
    return pa.DataFrameSchema(
        {"figures": pa.Column(str, pa.Check.isin(["placements", "employees"],
                                                    error="must be 'placements' or 'employees'")),
         "date": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$",
                                                        error="must be an ISO date, YYYY-MM-DD")),
         "precision": pa.Column(str, pa.Check.isin(
             PERIOD_PRECISIONS, error=f"must be one of {', '.join(PERIOD_PRECISIONS)}")),
         "printed": pa.Column(str),
         "section": pa.Column(str)},
        strict=True)


COMMITTEE_KINDS = ("ask", "option", "recommendation", "orientation", "decided")


def committee_ask() -> pa.DataFrameSchema:
    """What the source asks of the committee, one point per row, in order: its kind (an ask, an
    option of the ask before it or the source's own proposal for it, for information, or a
    decision taken with its ISO date)."""
    return pa.DataFrameSchema(
        {"order": pa.Column("float64", count_checks()),
         "kind": pa.Column(str, pa.Check.isin(COMMITTEE_KINDS)),
         "point": pa.Column(str),
         "date": pa.Column(object, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$"), nullable=True),
         "section": pa.Column(str)},
        strict=True)
