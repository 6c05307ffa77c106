"""pandera schemas of the Jobcenterbenchmark inputs, and the cross-field range rule of the wide
tables (shares in 0-100 %, costs and durations >= 0)."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from ...core.errors import Failure
from .terms import CAPPED_SHARES, GAP_KINDS, GROUPS, MCOLS, MEASURES, N_MUNICIPALITIES, SIGNED_MEASURES

_num = dict(nullable=True, coerce=True)
_mcols = {c: pa.Column(float, **_num) for c in MCOLS}
_group_ids = list(GROUPS)

RANGE_RULE = "shares must lie in 0-100 %, costs/durations must be >= 0"


def range_failures(df: pd.DataFrame) -> list[Failure]:
    """Cross-field rule of a wide table: each municipality value >= 0 (except the konto 5/6
    split of a total), and <= 100 when the row is a share in %."""
    out = []
    for idx, rec in zip(df.index, df.to_dict("records")):  # plain values: no Series per row
        signed = rec["measure"] in SIGNED_MEASURES
        capped = rec["measure"] in CAPPED_SHARES and rec.get("unit") == "%"
        for c in MCOLS:
            v = rec[c]
            if pd.isna(v):
                continue
            if (v < 0 and not signed) or (v > 100 and capped):
                out.append(Failure(int(idx), c, RANGE_RULE, float(v)))
    return out

UNIT_COSTS_BY_GROUP = pa.DataFrameSchema(
    {"group": pa.Column(str, pa.Check.isin(_group_ids + ["alle"])),
     "measure": pa.Column(str, pa.Check.isin(list(MEASURES))),
     "label": pa.Column(str),
     **{c: pa.Column(float, pa.Check.ge(0), **_num) for c in MCOLS},
     "average": pa.Column(float, pa.Check.ge(0), coerce=True)},
    strict=True, unique=["group", "measure"])

UNIT_COSTS_BY_TASK = pa.DataFrameSchema(
    {"measure": pa.Column(str, pa.Check.isin(list(MEASURES))),
     "label": pa.Column(str),
     **{c: pa.Column(float, pa.Check.ge(0), **_num) for c in MCOLS},
     "average": pa.Column(float, pa.Check.ge(0), coerce=True),
     "deviation_pct": pa.Column(float, coerce=True)},
    strict=True, unique=["measure", "label"])

GROUP_TABLES_SCHEMA = pa.DataFrameSchema(
    {"table": pa.Column(str, coerce=True),
     "group": pa.Column(str, pa.Check.isin(_group_ids)),
     "measure": pa.Column(str, pa.Check.isin(list(MEASURES))),
     "label": pa.Column(str),
     "unit": pa.Column(str),
     "decimals": pa.Column(int, pa.Check.in_range(0, 3), coerce=True),
     **_mcols,
     "average": pa.Column(float, coerce=True),
     "deviation": pa.Column(float, **_num)},
    strict=True, unique=["group", "measure"])

KEY_FIGURES = pa.DataFrameSchema(
    {"section": pa.Column(str), "group": pa.Column(str), "measure": pa.Column(str),
     "label": pa.Column(str), "unit": pa.Column(str), **_mcols,
     "average": pa.Column(float, coerce=True)},
    strict=True, unique=["section", "group", "measure", "label"])

EXPENDITURE = pa.DataFrameSchema(
    {"group": pa.Column(str), "label": pa.Column(str),
     "fte": pa.Column(float, pa.Check.ge(0), **_num),
     "expenditure": pa.Column(float, pa.Check.ge(0), coerce=True),
     "expenditure_excl_pools": pa.Column(float, pa.Check.ge(0), coerce=True),
     **{c: pa.Column(float, pa.Check.in_range(0, 100), coerce=True)
        for c in ["share_pct", "share_excl_pools_pct", "others_share_pct", "others_share_excl_pools_pct"]}},
    strict=True, unique=["group"])

COST_DRIVERS = pa.DataFrameSchema(
    {"group": pa.Column(str), "label": pa.Column(str),
     "tool_mix_pct": pa.Column(float, coerce=True), "unit_prices_pct": pa.Column(float, coerce=True)},
    strict=True, unique=["group"])

FTE_CORRECTION = pa.DataFrameSchema(
    {"group": pa.Column(str), "label": pa.Column(str),
     "fte_2019": pa.Column(float, pa.Check.ge(0), coerce=True),
     "share_2019_pct": pa.Column(float, pa.Check.in_range(0, 100), coerce=True),
     "fte_2021_realised": pa.Column(float, pa.Check.ge(0), coerce=True),
     "fte_2021_corrected": pa.Column(float, pa.Check.ge(0), coerce=True)},
    strict=True, unique=["group"])

TEXT_STATEMENTS = pa.DataFrameSchema(
    {"id": pa.Column(str, unique=True), "section": pa.Column(str, coerce=True),
     "group": pa.Column(str), "kind": pa.Column(str), "value": pa.Column(float, coerce=True),
     "unit": pa.Column(str), "note": pa.Column(str, nullable=True)},
    strict=True)

GAPS = pa.DataFrameSchema(
    {"table": pa.Column(str, coerce=True), "group": pa.Column(str), "measure": pa.Column(str),
     "column": pa.Column(float, pa.Check.in_range(1, N_MUNICIPALITIES), **_num),
     "kind": pa.Column(str, pa.Check.isin(list(GAP_KINDS))), "note": pa.Column(str)},
    strict=True)

PEER_NAMES = pa.DataFrameSchema(
    {"column": pa.Column(int, pa.Check.in_range(1, N_MUNICIPALITIES), unique=True, coerce=True),
     "label": pa.Column(str, unique=True),
     "name": pa.Column(str, nullable=True, coerce=True)},
    strict=True)


def _tidy_checks() -> list[pa.Check]:
    def value_range(df: pd.DataFrame) -> pd.Series:
        v = df["value"]
        ok = v.isna() | df["measure"].isin(SIGNED_MEASURES) | (v >= 0)
        capped = df["measure"].isin(CAPPED_SHARES) & (df["unit"] == "%")
        return ok & ~(capped & (v > 100))

    def value_or_gap(df: pd.DataFrame) -> pd.Series:
        return df["value"].notna() ^ df["gap"].notna()

    return [pa.Check(value_range, error=RANGE_RULE),
            pa.Check(value_or_gap, error="each cell holds a value or a recorded gap, not both")]


TIDY = pa.DataFrameSchema(
    {"table": pa.Column(str), "group": pa.Column(str), "measure": pa.Column(str),
     "unit": pa.Column(str), "column": pa.Column(int, pa.Check.in_range(1, N_MUNICIPALITIES)),
     "municipality": pa.Column(str), "value": pa.Column(float, nullable=True),
     "gap": pa.Column(str, nullable=True)},
    checks=_tidy_checks(), unique=["table", "group", "measure", "column"], strict=True)



PERIOD = pa.DataFrameSchema(
    {"key": pa.Column(str, pa.Check.isin(["report_year", "figures_start", "figures_end", "resources_counted"]),
                      unique=True),
     "value": pa.Column(str, coerce=True), "section": pa.Column(str), "note": pa.Column(str, nullable=True)},
    strict=True)

SOURCE_NOTES = pa.DataFrameSchema(
    {"kind": pa.Column(str, pa.Check.isin(["ask", "orientation", "caveat"])), "section": pa.Column(str, coerce=True),
     "text": pa.Column(str)},
    strict=True)
