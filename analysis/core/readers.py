"""Readers for input tables, looked up by file type in one registry (papermill I/O style).

Accepted: UTF-8 CSV (comma, `.` decimal: the transcription format of data/raw), Danish Excel
CSV (semicolon, decimal comma, thousands dot, cp1252 or UTF-8 with BOM) and `.xlsx`.
Every reader returns a DataFrame whose index is the row number the analyst sees in the file
(header = row 1, first data row = row 2), so validation errors can name the row.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Callable

import pandas as pd

from .errors import Failure, InputError, MissingInputError, UnsupportedFormatError
from .paths import display, resolve

Reader = Callable[[Path, frozenset], pd.DataFrame]


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) first; cp1252 as Excel on Danish Windows writes it."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _is_danish_csv(text: str) -> bool:
    header = text.splitlines()[0] if text else ""
    return header.count(";") > header.count(",")


def _number_rows(df: pd.DataFrame) -> pd.DataFrame:
    df = df.reset_index(drop=True)
    df.index = df.index + 2
    df.index.name = "row"
    return df


def read_csv(path: Path, text_columns: frozenset = frozenset()) -> pd.DataFrame:
    """Read a CSV file, detecting the Danish Excel dialect from its header line."""
    text = _decode(path.read_bytes())
    if _is_danish_csv(text):
        dialect = dict(sep=";", decimal=",", thousands=".")
    else:
        dialect = dict(sep=",", quoting=csv.QUOTE_MINIMAL)
    header = pd.read_csv(io.StringIO(text), nrows=0, **dialect)
    dtype = {c: str for c in header.columns if str(c).strip() in text_columns}
    df = pd.read_csv(io.StringIO(text), skipinitialspace=True, dtype=dtype or None, **dialect)
    df.columns = [str(c).strip() for c in df.columns]
    return _number_rows(df)


def read_xlsx(path: Path, text_columns: frozenset = frozenset()) -> pd.DataFrame:
    """Read the first sheet of an Excel workbook with python-calamine (text columns keep text
    cells as text; a number typed into a text column stays a number for the schema to catch)."""
    df = pd.read_excel(path, engine="calamine", sheet_name=0, dtype={c: object for c in text_columns} or None)
    df.columns = [str(c).strip() for c in df.columns]
    df = df.dropna(how="all")
    return _number_rows(df)


READERS: dict[str, Reader] = {".csv": read_csv, ".xlsx": read_xlsx}


def read_table(path: str | Path, parameter: str | None = None, text_columns=()) -> pd.DataFrame:
    """Read an input table of any registered type; errors name the file (and parameter).

    `text_columns` are read as text, never guessed as numbers (ids such as `6.10`, which a
    Danish CSV would otherwise read as 610 and a plain CSV as 6.1)."""
    p = resolve(path)
    shown = display(p)
    if not p.is_file():
        raise MissingInputError(shown, parameter)
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise UnsupportedFormatError(shown, sorted(READERS))
    try:
        df = reader(p, frozenset(text_columns))
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(shown, [Failure(None, None, f"cannot be read as a table: {exc}")]) from exc
    df.attrs["file"] = shown
    return df
