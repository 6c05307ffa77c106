"""Inputs of the investeringer chapter: reading, validation and the parameters that select
cases, years and the baseline survival series.

Files (parameters ending in `_file`; CSV, Danish Excel CSV or .xlsx):

- `cases_file`: one row per case (number, short name, target group, running/ended, decision date);
- `amounts_file`: the table an analyst replaces each quarter: per case, year, measure
  (`investment` / `savings`) and kind (`budget` / `result` / `forecast`) one amount in mio. kr.,
  current prices, minus = income or lower spending;
- `published_amounts_file`: the case rows as printed in the notat whose totals are checked (the
  same file as `amounts_file` in the default edition); a later edition's forecasts are compared
  with it;
- `published_net_file`, `tabel1_file`, `headlines_file`: the figures the notat derives and
  prints (the 'I alt' rows, Tabel 1, the numbers in the running text), kept to be checked;
- `survival_file`: Tabel 2, the share of A-dagpenge recipients still on benefit by week;
- `activity_file`: activity figures from the case sections (narrative only);
- `reasons_file`, `judgement_file`: the notat's own reasons for the shortfall (dates and
  periods as printed) and the administration's judgement on the 2021 budget;
- `committee_file`: what the notat asks of the committee, written for the book;
- `case_notes_file`: the notat's own explanations and caveats per case, in our words.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Mapping

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ...core.errors import Failure, ParameterValueError
from ...core.readers import read_table
from ...core.validation import raise_if, validate
from ...core.voice import Claims, claims_beside
from .schemas import (
    ACTIVITY_SCHEMA,
    ACTUAL_KINDS,
    AMOUNTS_SCHEMA,
    BUDGET_PERIOD,
    CASE_NOTES_SCHEMA,
    CASES_SCHEMA,
    COMMITTEE_SCHEMA,
    HEADLINES_SCHEMA,
    JUDGEMENT_SCHEMA,
    MEASURES,
    PUBLISHED_NET_SCHEMA,
    REASONS_SCHEMA,
    SURVIVAL_SCHEMA,
    TABEL1_SCHEMA,
)

CHAPTER = "investeringer"
RAW = "data/raw/investeringer"
DEFAULT_FILES = {
    "cases_file": f"{RAW}/cases.csv",
    "amounts_file": f"{RAW}/case_amounts.csv",
    "published_amounts_file": f"{RAW}/case_amounts.csv",
    "published_net_file": f"{RAW}/case_net_published.csv",
    "tabel1_file": f"{RAW}/tabel1_published.csv",
    "headlines_file": f"{RAW}/headlines.csv",
    "survival_file": f"{RAW}/survival_curves.csv",
    "activity_file": f"{RAW}/case_activity.csv",
    "reasons_file": f"{RAW}/shortfall_reasons.csv",
    "judgement_file": f"{RAW}/administration_judgement.csv",
    "committee_file": f"{RAW}/to_committee.csv",
    "case_notes_file": f"{RAW}/case_notes.csv",
}
SCHEMAS = {
    "cases_file": CASES_SCHEMA, "amounts_file": AMOUNTS_SCHEMA,
    "published_amounts_file": AMOUNTS_SCHEMA, "published_net_file": PUBLISHED_NET_SCHEMA,
    "tabel1_file": TABEL1_SCHEMA, "headlines_file": HEADLINES_SCHEMA,
    "survival_file": SURVIVAL_SCHEMA, "activity_file": ACTIVITY_SCHEMA,
    "reasons_file": REASONS_SCHEMA, "judgement_file": JUDGEMENT_SCHEMA, "committee_file": COMMITTEE_SCHEMA,
    "case_notes_file": CASE_NOTES_SCHEMA,
}


@dataclass(frozen=True)
class Inputs:
    """The validated inputs of the chapter."""

    follow_up_date: dt.date
    cases: pd.DataFrame
    amounts: pd.DataFrame
    published_amounts: pd.DataFrame
    published_net: pd.DataFrame
    tabel1: pd.DataFrame
    headlines: pd.DataFrame
    survival: pd.DataFrame
    activity: pd.DataFrame
    reasons: pd.DataFrame
    judgement: pd.DataFrame
    committee: pd.DataFrame
    case_notes: pd.DataFrame
    files: Mapping[str, str] = field(default_factory=dict)
    # the claims register beside the committee file (what the notat says, with its conditions)
    claims: Claims | None = None
    # the validated selection (the `cases`, `years` and `baseline_series` parameters resolved once)
    shown_cases: tuple[int, ...] = ()
    years: tuple[int, ...] = ()
    baseline_series: str = ""
    # the validated parameters the inputs were read with
    parameters: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def amounts_are_published(self) -> bool:
        """True when the quarter's amounts are the published notat's case rows."""
        return self.files.get("amounts_file") == self.files.get("published_amounts_file")


def unknown_values(parameter: str, unknown: list, known: list) -> ParameterValueError:
    """The error for a parameter that names cases, years or series the inputs do not have."""
    return ParameterValueError(CHAPTER, parameter, list(unknown),
                               f"names unknown value(s) {list(unknown)}; known: {list(known)}")


def _row(i) -> int | None:
    return int(i) if isinstance(i, (int, np.integer)) else None


def year_closed(year: int, follow_up_date: dt.date) -> bool:
    """A year has a result only once it has ended before the follow-up date."""
    return follow_up_date > dt.date(year, 12, 31)


def _row_failures(df: pd.DataFrame, known: set[int], follow_up_date: dt.date) -> list[Failure]:
    out: list[Failure] = []
    for i, r in df.iterrows():
        if r["measure"] == "investment" and r["amount"] < 0:
            out.append(Failure(_row(i), "amount", "an investment is an expense: amount must be >= 0",
                               r["amount"]))
        if r["measure"] == "savings" and r["amount"] > 0:
            out.append(Failure(_row(i), "amount", "a saving is lower spending: amount must be <= 0 "
                               "(minus = income/lower spending)", r["amount"]))
        if int(r["case"]) not in known:
            out.append(Failure(_row(i), "case", f"unknown case; known cases: {sorted(known)}",
                               int(r["case"])))
        if r["kind"] == "result" and not year_closed(int(r["year"]), follow_up_date):
            out.append(Failure(_row(i), "kind", "'result' for a year not closed at the follow-up date "
                               f"{follow_up_date.isoformat()} (use 'forecast')",
                               f"{int(r['year'])}: result"))
    return out


def _key_failures(df: pd.DataFrame, known: set[int]) -> list[Failure]:
    out: list[Failure] = []
    key = ["case", "year", "measure", "kind"]
    for i, r in df[df.duplicated(key, keep="first")].iterrows():
        out.append(Failure(_row(i), "kind", "more than one value for the same case/year/measure/kind",
                           f"case {r['case']}, {r['year']}, {r['measure']}, {r['kind']}"))
    actual = df[df["kind"].isin(ACTUAL_KINDS)]
    both = actual[actual.duplicated(["case", "year", "measure"], keep="first")
                  & ~actual.duplicated(key, keep="first")]
    for i, r in both.iterrows():
        out.append(Failure(_row(i), "kind", "both 'result' and 'forecast' for the same case/year/measure",
                           f"case {r['case']}, {r['year']}, {r['measure']}"))
    have = set(map(tuple, df[key].astype(str).itertuples(index=False)))
    for c in sorted(known):
        for y in BUDGET_PERIOD:
            for m in MEASURES:
                if (str(c), str(y), m, "budget") not in have:
                    out.append(Failure(None, None, "missing row", f"case {c}, {y}, {m}, budget"))
                if not any((str(c), str(y), m, k) in have for k in ACTUAL_KINDS):
                    out.append(Failure(None, None, "missing row",
                                       f"case {c}, {y}, {m}, result or forecast"))
    return out


def check_amounts(df: pd.DataFrame, case_ids, follow_up_date: dt.date) -> list[Failure]:
    """Cross-row rules of an amounts table: signs (investment >= 0, savings <= 0), known cases,
    one value per case/year/measure/kind, one budget and one result-or-forecast per
    case/year/measure, every case/year/measure present, and 'result' only for years closed at
    the follow-up date."""
    known = set(int(c) for c in case_ids)
    out = _row_failures(df, known, follow_up_date) + _key_failures(df, known)
    return sorted(out, key=lambda f: (f.row is not None, f.row or 0, f.column or ""))


def check_survival(df: pd.DataFrame) -> list[Failure]:
    """A survival curve never rises, and once it ends (empty cells) it stays empty."""
    out: list[Failure] = []
    for _, g in df.sort_values("week", kind="stable").groupby("series", sort=False):
        ended, last = False, None
        for i, r in g.iterrows():
            if pd.isna(r["share"]):
                ended = True
                continue
            if ended:
                out.append(Failure(_row(i), "share", "a value after the series has ended (gap in the curve)",
                                   r["share"]))
            if last is not None and r["share"] > last:
                out.append(Failure(_row(i), "share", "a survival curve cannot rise from one week to the next",
                                   r["share"]))
            last = r["share"]
    return out


def check_dates(df: pd.DataFrame, columns) -> list[Failure]:
    """Dates are ISO dates (YYYY-MM-DD), and a period does not end before it starts."""
    out: list[Failure] = []
    for i, r in df.iterrows():
        parsed = {}
        for col in columns:
            if pd.isna(r[col]):
                continue
            try:
                parsed[col] = dt.date.fromisoformat(str(r[col]))
            except ValueError:
                out.append(Failure(_row(i), col, "must be an ISO date (YYYY-MM-DD)", r[col]))
        if "start" in parsed and "end" in parsed and parsed["end"] < parsed["start"]:
            out.append(Failure(_row(i), "end", "a period cannot end before it starts", r["end"]))
    return out


def _read(params: Mapping[str, Any], name: str, schema: pa.DataFrameSchema) -> pd.DataFrame:
    df = read_table(params.get(name, DEFAULT_FILES[name]), parameter=name, columns=params.get("book_column_map"))
    return validate(df, schema)


def follow_up_date(params: Mapping[str, Any]) -> dt.date:
    """The follow-up date parameter as a date (ParameterValueError unless ISO)."""
    value = params.get("follow_up_date", "2021-11-26")
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ParameterValueError(CHAPTER, "follow_up_date", value,
                                  "must be an ISO date (YYYY-MM-DD)") from None


def load_inputs(params: Mapping[str, Any]) -> Inputs:
    """Read and validate every input of the chapter; raise InputError naming file, row,
    column, rule and value (all failures of a file at once), or ParameterValueError."""
    follow_up = follow_up_date(params)
    frames = {name: _read(params, name, schema) for name, schema in SCHEMAS.items()}
    cases = frames["cases_file"]["case"]
    for name, date in (("amounts_file", follow_up), ("published_amounts_file", dt.date.max)):
        raise_if(frames[name].attrs["file"], check_amounts(frames[name], cases, date))
    raise_if(frames["survival_file"].attrs["file"], check_survival(frames["survival_file"]))
    notes = frames["case_notes_file"]
    raise_if(notes.attrs["file"], [Failure(int(i), "case", f"unknown case; known cases: {sorted(cases)}", int(c))
                                   for i, c in notes["case"].items() if int(c) not in set(cases)])
    raise_if(frames["reasons_file"].attrs["file"], check_dates(frames["reasons_file"], ("start", "end")))
    raise_if(frames["judgement_file"].attrs["file"], check_dates(frames["judgement_file"], ("basis_date",)))
    files = {name: df.attrs["file"] for name, df in frames.items()}
    inputs = Inputs(follow_up, *(frames[name] for name in SCHEMAS), files=files,
                    claims=claims_beside(params.get("committee_file", DEFAULT_FILES["committee_file"])))
    return replace(inputs, shown_cases=tuple(select_cases(inputs, params.get("cases", []))),
                   years=tuple(select_years(params.get("years", list(BUDGET_PERIOD)))),
                   baseline_series=select_series(inputs, params.get("baseline_series", "avg_2017_2019")),
                   parameters=MappingProxyType(dict(params)))


def select_series(inputs: Inputs, series: str) -> str:
    """The baseline survival series; an unknown series is an error."""
    known = list(inputs.survival["series"].drop_duplicates())
    if series not in known:
        raise unknown_values("baseline_series", [series], known)
    return series


def select_cases(inputs: Inputs, cases) -> list[int]:
    """The case ids to show: all when `cases` is empty; unknown ids are an error."""
    known = [int(c) for c in inputs.cases["case"]]
    if not cases:
        return known
    unknown = [c for c in cases if int(c) not in known]
    if unknown:
        raise unknown_values("cases", unknown, known)
    return [int(c) for c in cases]


def select_years(years) -> list[int]:
    """The years to show (budget period order); unknown years are an error."""
    if not years:
        return list(BUDGET_PERIOD)
    unknown = [y for y in years if int(y) not in BUDGET_PERIOD]
    if unknown:
        raise unknown_values("years", unknown, list(BUDGET_PERIOD))
    return sorted(int(y) for y in years)


# The schema of every input parameter (for the README's column table and the open data).
INPUT_SCHEMAS = SCHEMAS
