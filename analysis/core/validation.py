"""Lazy validation of input tables with pandera: every failure at once, as an InputError that
names the file, the row, the column, the rule and the bad value."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from .errors import Failure, InputError
from .readers import canonical_column


def declared_spelling(df: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Rename columns to the schema's spelling where they match it without case and with
    æ/ø/å as ae/oe/aa (the readers already give the canonical spelling; this covers schemas
    that declare another one)."""
    declared = {canonical_column(name): name for name in schema.columns}
    renames = {c: declared[canonical_column(c)] for c in df.columns
               if canonical_column(c) in declared and declared[canonical_column(c)] != c}
    if not renames or len(set(renames.values()) | (set(df.columns) - set(renames))) < len(df.columns):
        return df
    out = df.rename(columns=renames)
    out.attrs.update(df.attrs)
    return out


def _failures(err: SchemaErrors) -> list[Failure]:
    out: list[Failure] = []
    cases = err.failure_cases
    for rec in cases.to_dict("records"):
        idx = rec.get("index")
        row = None if idx is None or pd.isna(idx) else int(idx)
        column = rec.get("column")
        column = None if column is None or (isinstance(column, float) and pd.isna(column)) else str(column)
        check = str(rec.get("check"))
        value = rec.get("failure_case")
        if check.startswith("column_in_dataframe"):
            column, value, check = str(value), None, "required column is missing"
        elif check.startswith("column_in_schema"):
            column, value, check = str(value), None, "this column is not one of the file's declared columns"
        elif check == "not_nullable":
            check, value = "a value is required", None
        elif check.startswith(("dtype(", "coerce_dtype(")):
            check = f"wrong type: expected {check.split('(', 1)[1].rstrip(')')}"
        out.append(Failure(row, column, check, value))
    # pandera may report one bad cell twice (failed coercion and wrong dtype): keep it once
    seen: set[tuple] = set()
    out = [f for f in out if not ((k := (f.row, f.column, f.rule, repr(f.value))) in seen or seen.add(k))]
    out.sort(key=lambda f: (f.row is not None, f.row or 0, f.column or ""))
    return out


def validate(df: pd.DataFrame, schema: pa.DataFrameSchema, file: str | None = None) -> pd.DataFrame:
    """Validate `df` against `schema` lazily; return the (coerced) frame or raise InputError.

    Row numbers in the error are the frame's index, which the readers set to the row the
    analyst sees in the file.
    """
    name = file or df.attrs.get("file", "<table>")
    df = declared_spelling(df, schema)
    try:
        out = schema.validate(df, lazy=True)
    except SchemaErrors as err:
        raise InputError(name, _failures(err)) from None
    out.attrs["file"] = name
    return out


def raise_if(file: str, failures: list[Failure]) -> None:
    """Raise one InputError for a list of failures found by a cross-row rule, if any."""
    if failures:
        raise InputError(file, failures)
