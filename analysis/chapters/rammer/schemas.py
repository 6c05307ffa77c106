"""Schemas of the Rammer chapter's inputs: pandera column schemas, and the rules across rows and
columns that a column schema cannot express (unique keys, required rows, one total row, month
spans, ranks within their totals, agreements within the number of a-kasser).

The cross-row rules are written to run on any frame a reader can return, also one whose column
schema failed: numeric columns are coerced first (a bad cell becomes missing), missing columns
are added empty, so every failure of a file is reported at once and no rule can raise.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd
import pandera.pandas as pa

from ...core.errors import Failure

SPLITS = ("udvalg", "indtaegter", "udgifter")
KEY = r"^[a-z][a-z0-9_]*$"


def _text(**kw) -> pa.Column:
    return pa.Column(str, pa.Check.str_length(min_value=1), coerce=True, **kw)


def _whole(*checks: pa.Check) -> pa.Column:
    return pa.Column(int, list(checks), coerce=True)


def _optional_whole(*checks: pa.Check) -> pa.Column:
    return pa.Column("Int64", list(checks), nullable=True, coerce=True)


def _key() -> pa.Column:
    return pa.Column(str, pa.Check.str_matches(KEY), coerce=True)


_FIGURES = pa.DataFrameSchema({
    "indicator_id": _key(),
    "indicator": _text(),
    "value": pa.Column(float, nullable=True, coerce=True),
    "unit": pa.Column(str, pa.Check.isin(["%", "mio. kr.", "antal"]), nullable=True, coerce=True),
    "qualifier": pa.Column(str, pa.Check.isin(["ca."]), nullable=True, coerce=True),
    "rank": _optional_whole(pa.Check.ge(1)),
    "rank_of": _optional_whole(pa.Check.ge(1)),
    "rank_order": pa.Column(str, pa.Check.isin(["laveste", "højeste", "bedste", "dårligste"]),
                            nullable=True, coerce=True),
    "period": _text(),
    "publication": _text(),
}, strict=True)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "budget_shares_file": pa.DataFrameSchema({
        "split": pa.Column(str, pa.Check.isin(SPLITS), coerce=True),
        "category": _text(),
        "share_pct": pa.Column(float, pa.Check.in_range(0, 100), coerce=True),
    }, strict=True),
    "benchmark_file": pa.DataFrameSchema({
        "group_id": _key(),
        "group": _text(),
        "expected": _whole(pa.Check.ge(0)),
        "actual": _whole(pa.Check.ge(0)),
        "difference": _whole(),
        "rank": _whole(pa.Check.ge(1)),
    }, strict=True),
    "framework_file": pa.DataFrameSchema({
        "scope_id": _key(),
        "scope": _text(),
        "rank_from_worst": _whole(pa.Check.ge(1)),
    }, strict=True),
    "contact_file": pa.DataFrameSchema({
        "group_id": _key(),
        "group": _text(),
        "count": _whole(pa.Check.ge(0)),
    }, strict=True),
    "intro_figures_file": _FIGURES,
    "key_figures_file": _FIGURES,
    "akasse_agreements_file": pa.DataFrameSchema({"akasse": _text()}, strict=True),
    "akasse_coverage_file": pa.DataFrameSchema({
        "measure_id": pa.Column(str, pa.Check.isin(
            ["aftaler", "akasser_i_alt", "andel_akasser", "andel_medlemmer"]), coerce=True),
        "measure": _text(),
        "value": pa.Column(float, pa.Check.ge(0), coerce=True),
        "unit": pa.Column(str, pa.Check.isin(["antal", "%"]), coerce=True),
        "as_of": _text(),
    }, strict=True),
    "annual_cycle_file": pa.DataFrameSchema({
        "activity": _text(),
        "start_month": _optional_whole(pa.Check.in_range(1, 12)),
        "end_month": _optional_whole(pa.Check.in_range(1, 12)),
        "series": pa.Column(str, pa.Check.str_matches(KEY), nullable=True, coerce=True),
    }, strict=True),
    "periods_file": pa.DataFrameSchema({
        "block": _key(),
        "figures": _text(),
        "period": _text(),
        "start": pa.Column("datetime64[ns]", coerce=True),
        "end": pa.Column("datetime64[ns]", coerce=True),
    }, strict=True),
    "tasks_file": pa.DataFrameSchema({"area": _text(), "task": _text()}, strict=True),
    "political_room_file": pa.DataFrameSchema({
        "theme": _text(), "law": _text(), "room": _text()}, strict=True),
    "meeting_rules_file": pa.DataFrameSchema({
        "rule_id": _key(),
        "rule": _text(),
        "value": _optional_whole(pa.Check.ge(0)),
        "unit": pa.Column(str, nullable=True, coerce=True),
    }, strict=True),
    "asks_file": pa.DataFrameSchema({
        "block": _key(),
        "body": _text(),
        "meeting_date": pa.Column("datetime64[ns]", coerce=True),
        "agenda_item": _whole(pa.Check.ge(1)),
        "title": _text(),
        "kind": pa.Column(str, pa.Check.isin(["beslutning", "drøftelse", "orientering"]), coerce=True),
        "recommendation": _text(),
        "decision": pa.Column(str, nullable=True, coerce=True),
        "context": pa.Column(str, nullable=True, coerce=True),
    }, strict=True),
}

REQUIRED_IDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "intro_figures_file": ("indicator_id", ("benchmark_mindreforbrug", "udvalgets_pulje",
                                            "pulje_frister")),
    "akasse_coverage_file": ("measure_id", ("aftaler", "akasser_i_alt", "andel_akasser",
                                            "andel_medlemmer")),
    "contact_file": ("group_id", ("kontaktforloeb",)),
    "budget_shares_file": ("split", SPLITS),
    "meeting_rules_file": ("rule_id", ("dagsorden", "beslutningsdygtig")),
}
UNIQUE_KEYS: dict[str, list[str]] = {
    "budget_shares_file": ["split", "category"],
    "benchmark_file": ["group_id"],
    "framework_file": ["scope_id"],
    "contact_file": ["group_id"],
    "akasse_agreements_file": ["akasse"],
    "akasse_coverage_file": ["measure_id"],
    "intro_figures_file": ["indicator_id"],
    "key_figures_file": ["indicator_id"],
    "periods_file": ["block"],
    "tasks_file": ["task"],
    "meeting_rules_file": ["rule_id"],
    "asks_file": ["meeting_date", "agenda_item"],
}


def plain_number(x) -> float | int | None:
    """A cell as a plain number for a failure or a check (whole numbers as int; missing → None)."""
    if x is None or pd.isna(x):
        return None
    f = float(x)
    return int(f) if f.is_integer() else f


def _unique(key: str, df: pd.DataFrame) -> list[Failure]:
    cols = UNIQUE_KEYS.get(key)
    if not cols:
        return []
    out = []
    for row, rec in df[df.duplicated(cols, keep="first")].iterrows():
        value = rec[cols[0]] if len(cols) == 1 else tuple(rec[c] for c in cols)
        out.append(Failure(int(row), ", ".join(cols), "must be unique (appears more than once)", value))
    return out


def _required(key: str, df: pd.DataFrame) -> list[Failure]:
    if key not in REQUIRED_IDS:
        return []
    col, ids = REQUIRED_IDS[key]
    present = set(df[col])
    return [Failure(None, col, "required row is missing", i) for i in ids if i not in present]


def _benchmark_rules(df: pd.DataFrame) -> list[Failure]:
    n_total = int((df["group_id"] == "i_alt").sum())
    out = []
    if n_total != 1:
        out.append(Failure(None, "group_id", "exactly one total row 'i_alt' is required", n_total))
    if n_total == len(df):
        out.append(Failure(None, "group_id", "at least one benefit group besides 'i_alt' is required"))
    return out


def _cycle_rules(df: pd.DataFrame) -> list[Failure]:
    out = []
    for row, rec in df.iterrows():
        s, e = rec["start_month"], rec["end_month"]
        if pd.isna(s) != pd.isna(e):
            out.append(Failure(int(row), "end_month" if pd.isna(e) else "start_month",
                               "start_month and end_month must both be given or both be empty"))
        elif not pd.isna(s) and s > e:
            out.append(Failure(int(row), "end_month", "end_month must not be before start_month",
                               plain_number(e)))
    return out


def _figure_rules(df: pd.DataFrame) -> list[Failure]:
    out = []
    for row, rec in df.iterrows():
        r, n = rec["rank"], rec["rank_of"]
        if not pd.isna(r) and not pd.isna(n) and r > n:
            out.append(Failure(int(row), "rank", "rank must not exceed rank_of", plain_number(r)))
        if not pd.isna(r) and pd.isna(rec["rank_order"]):
            out.append(Failure(int(row), "rank_order",
                               "a rank needs rank_order (laveste, højeste, bedste, dårligste)"))
        if pd.isna(rec["value"]) and pd.isna(r):
            out.append(Failure(int(row), "value", "a row needs a value or a rank"))
    return out


def _coverage_rules(df: pd.DataFrame) -> list[Failure]:
    first = df.drop_duplicates("measure_id")  # duplicates are reported by _unique
    v = first.set_index("measure_id")["value"]
    if not {"aftaler", "akasser_i_alt"} <= set(v.index) or not v["aftaler"] > v["akasser_i_alt"]:
        return []
    row = int(first.index[first["measure_id"] == "aftaler"][0])
    return [Failure(row, "value", "agreements cannot exceed the number of a-kasser",
                    plain_number(v["aftaler"]))]


def _period_rules(df: pd.DataFrame) -> list[Failure]:
    out = []
    for row, rec in df.iterrows():
        s, e = pd.to_datetime(rec["start"], errors="coerce"), pd.to_datetime(rec["end"], errors="coerce")
        if not pd.isna(s) and not pd.isna(e) and s > e:
            out.append(Failure(int(row), "end", "end must not be before start", str(rec["end"])))
    return out


FILE_RULES: dict[str, Callable[[pd.DataFrame], list[Failure]]] = {
    "benchmark_file": _benchmark_rules,
    "annual_cycle_file": _cycle_rules,
    "intro_figures_file": _figure_rules,
    "key_figures_file": _figure_rules,
    "akasse_coverage_file": _coverage_rules,
    "periods_file": _period_rules,
}


def cross_row_failures(key: str, df: pd.DataFrame) -> list[Failure]:
    """Every failure of the rules across rows and columns, file-level failures first."""
    out = _unique(key, df) + _required(key, df)
    if key in FILE_RULES:
        out += FILE_RULES[key](df)
    return sorted(out, key=lambda f: (f.row is not None, f.row or 0))


def best_effort(df: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """A copy the cross-row rules can run on although the column schema failed: numeric
    columns coerced (a cell that is not a number becomes missing), missing columns added empty."""
    out = df.copy()
    for name, col in schema.columns.items():
        numeric = str(col.dtype) in ("int64", "Int64", "float64")
        if name not in out:
            out[name] = float("nan") if numeric else None
        elif numeric:
            out[name] = pd.to_numeric(out[name], errors="coerce")
    return out
