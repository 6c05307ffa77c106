"""Lazy validation of input tables with pandera: every failure at once, as an InputError that
names the file, the row, the column, the rule (in the schema's plain words, analysis.core.rules:
the library's structured errors are read, never its message strings) and the bad value."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors
from pandera.errors import SchemaErrorReason as R

from .errors import Failure, InputError
from .readers import canonical_column
from .rules import check_words, found_words, own_error, type_kind, type_words


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


def _cases(err: SchemaError) -> list[tuple[int | None, str | None, object]]:
    """The failing cells of one schema error as (row, column, value); one case without a row
    where the failure concerns a whole column or the whole file."""
    default = getattr(err.schema, "name", None) if isinstance(err.schema, pa.Column) else None
    cases = err.failure_cases
    if not isinstance(cases, pd.DataFrame):
        return [(None, default, cases)]
    out = []
    for rec in cases.to_dict("records"):
        idx, column = rec.get("index"), rec.get("column", default)
        row = None if idx is None or pd.isna(idx) else int(idx)
        column = None if column is None or (isinstance(column, float) and pd.isna(column)) else str(column)
        out.append((row, column, rec.get("failure_case")))
    return out


def _rule(err: SchemaError, column: str | None, df: pd.DataFrame, whole: bool) -> tuple[str, bool]:
    """The rule one schema error broke, in the schema's plain words, and whether the failing
    value is worth showing."""
    reason = err.reason_code
    declared = err.schema.dtype if isinstance(err.schema, pa.Column) else None
    if reason in (R.WRONG_DATATYPE, R.DATATYPE_COERCION):
        if whole and column in df.columns:
            return f"expected {type_words(declared)}, found {found_words(df[column].dtype)}", False
        return f"expected {type_words(declared)}", True
    if reason == R.SERIES_CONTAINS_NULLS:
        return "a value is required", False
    if reason == R.SERIES_CONTAINS_DUPLICATES:
        return "each value may appear only once", True
    if reason == R.DUPLICATES:
        together = ", ".join(getattr(err.schema, "unique", None) or [])
        return f"each combination of {together} may appear only once", True
    own = getattr(err.check, "description", None) is None and own_error(err.check)
    words = check_words(err.check, declared) if own else f"expected {check_words(err.check, declared)}"
    if reason == R.CHECK_ERROR:
        return f"this rule could not be checked on the values: {words}", False
    return words, True


def _failures(err: SchemaErrors, df: pd.DataFrame) -> list[Failure]:
    out: list[Failure] = []
    typed = {e.schema.name for e in err.schema_errors
             if e.reason_code in (R.WRONG_DATATYPE, R.DATATYPE_COERCION) and isinstance(e.schema, pa.Column)}
    for e in err.schema_errors:
        if e.reason_code == R.COLUMN_NOT_IN_DATAFRAME:
            out.append(Failure(None, str(e.failure_cases), "required column is missing"))
            continue
        if e.reason_code == R.COLUMN_NOT_IN_SCHEMA:
            out.append(Failure(None, str(e.failure_cases), "this column is not one of the file's declared columns"))
            continue
        if e.reason_code == R.CHECK_ERROR and typed:
            continue  # a column's type is reported; checks could not run on its values
        for row, column, value in _cases(e):
            rule, show = _rule(e, column, df, row is None)
            out.append(Failure(row, column, rule, value if show else None))
    # pandera may report one bad cell twice (failed coercion and wrong dtype): keep it once
    seen: set[tuple] = set()
    out = [f for f in out if not ((k := (f.row, f.column, f.rule, repr(f.value))) in seen or seen.add(k))]
    out.sort(key=lambda f: (f.row is not None, f.row or 0, f.column or ""))
    return out


def accept_whole_numbers(df: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Read a column of whole numbers as numbers where the schema expects a (decimal) number:
    an extract that happens to hold only whole amounts is not wrong."""
    cast = [name for name, col in schema.columns.items()
            if name in df.columns and type_kind(col.dtype) == "number"
            and type_kind(df[name].dtype) == "whole"]
    if not cast:
        return df
    out = df.astype({name: "float64" for name in cast})
    out.attrs.update(df.attrs)
    return out


def fractions_in_whole_columns(df: pd.DataFrame, schema: pa.DataFrameSchema) -> list[Failure]:
    """A decimal value where the schema expects a whole number (`round` 1.5): coercion would
    silently cut it to 1, so every such cell is a failure of its own."""
    out = []
    for name, col in schema.columns.items():
        if name not in df.columns or type_kind(col.dtype) != "whole":
            continue
        values = pd.to_numeric(df[name], errors="coerce")
        bad = values.notna() & (values != values.round())
        out += [Failure(int(row), name, "expected a whole number (without decimals)", float(values.at[row]))
                for row in df.index[bad]]
    return out


def validate(df: pd.DataFrame, schema: pa.DataFrameSchema, file: str | None = None) -> pd.DataFrame:
    """Validate `df` against `schema` lazily; return the (coerced) frame or raise InputError.

    Row numbers in the error are the frame's index, which the readers set to the row the
    analyst sees in the file.
    """
    name = file or df.attrs.get("file", "<table>")
    df = accept_whole_numbers(declared_spelling(df, schema), schema)
    fractions = fractions_in_whole_columns(df, schema)
    try:
        out = schema.validate(df, lazy=True)
    except SchemaErrors as err:
        cut = {(f.row, f.column) for f in fractions}  # reported above as what they are
        raise InputError(name, fractions + [f for f in _failures(err, df) if (f.row, f.column) not in cut]) from None
    if fractions:
        raise InputError(name, fractions)
    out.attrs["file"] = name
    return out


def raise_if(file: str, failures: list[Failure]) -> None:
    """Raise one InputError for a list of failures found by a cross-row rule, if any."""
    if failures:
        raise InputError(file, failures)
