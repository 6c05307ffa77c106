"""Readers for input tables, looked up by file type in one registry (papermill I/O style).

Accepted: UTF-8 CSV (comma, `.` decimal: the transcription format of data/raw), Danish Excel
CSV (semicolon, decimal comma, thousands dot, cp1252 or UTF-8 with BOM) and `.xlsx`.
Every reader returns a DataFrame whose index is the row number the analyst sees in the file
(header = row 1, first data row = row 2), so validation errors can name the row.

Column names are read in their canonical spelling (`canonical_column`): lower case, æ/ø/å as
ae/oe/aa, spaces and hyphens as `_`. An analyst's `Løntilskud` or `Voksen-lærling` is the
declared `loentilskud` / `voksen_laerling`, for every chapter. An edition file may also map an
extract's own headers to the declared ones (`columns:`; the build hands it to the notebooks as
the parameter `book_column_map`, and the chapters pass it to `read_table(..., columns=...)`).
Empty and header-only files and unreadable workbooks are refused with the file named.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path
from typing import Callable, Mapping

import pandas as pd

from .errors import Failure, InputError, MissingInputError, UnsupportedFormatError
from .paths import display, resolve
from .workbooks import formulas_without_values

Reader = Callable[[Path, frozenset], pd.DataFrame]
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_SNAKE = re.compile(r"[a-z0-9_]+")


def canonical_column(name) -> str:
    """A column name as the chapters declare it: `Løntilskud` → `loentilskud`, `Unit ID` →
    `unit_id`. Names that do not become lower snake case this way are kept as written."""
    text = " ".join(str(name).split())
    low = unicodedata.normalize("NFC", text).lower().translate(_DANISH)
    low = unicodedata.normalize("NFKD", low).encode("ascii", "ignore").decode()
    low = re.sub(r"[\s-]+", "_", low)
    return low if _SNAKE.fullmatch(low) else text


def column_map(path: Path, maps: Mapping[str, Mapping[str, str]] | None) -> dict[str, str]:
    """This file's mapping of headers to declared columns in the edition's column map `maps`
    (input file → {header: declared column}); empty when the map does not name the file."""
    shown = display(path)
    for file, mapping in (maps or {}).items():
        if display(resolve(file)) == shown:
            return {canonical_column(k): str(v) for k, v in mapping.items()}
    return {}


def _canonical_columns(df: pd.DataFrame, raw_header: list[str], shown: str,
                       mapping: Mapping[str, str]) -> pd.DataFrame:
    """Rename every header to its declared spelling; two headers naming one column fail."""
    failures, first = [], {}
    names = []
    for original in raw_header:
        name = canonical_column(original)
        name = mapping.get(name, name)
        if name in first:
            failures.append(Failure(1, name, f"the columns '{first[name]}' and '{original}' are the same "
                                             f"column (names compare without case, æ/ø/å as ae/oe/aa)"))
        first.setdefault(name, original)
        names.append(name)
    if failures:
        raise InputError(shown, failures)
    df.columns = names
    return df


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _where(raw: bytes, pos: int) -> str:
    """Line and byte of a position in a file, as an analyst finds it in an editor."""
    line = raw.count(b"\n", 0, pos) + 1
    column = pos - (raw.rfind(b"\n", 0, pos) + 1) + 1
    return f"line {line}, character {column} (byte {pos + 1}, value 0x{raw[pos]:02x})"


def _decode(raw: bytes, shown: str = "") -> str:
    """UTF-8 (with or without BOM) first; cp1252 as Excel on Danish Windows writes it. A file
    that is partly UTF-8 (æ written as two bytes) and partly not is refused, naming where."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = _where(raw, exc.start)
        if any(_is_utf8(m.group()) for m in _UTF8_MULTIBYTE.finditer(raw)):
            raise InputError(shown, [Failure(raw.count(b"\n", 0, exc.start) + 1, None,
                                             f"the file is not valid UTF-8 text at {where}: part of it is "
                                             f"UTF-8 and part is not; save it again as UTF-8")]) from None
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(shown, [Failure(raw.count(b"\n", 0, exc.start) + 1, None,
                                         f"the file is neither UTF-8 nor Windows-1252 (cp1252) text: "
                                         f"the first byte that is neither is at {_where(raw, exc.start)}; "
                                         f"save it as UTF-8")]) from None


def _is_utf8(chunk: bytes) -> bool:
    try:
        chunk.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


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
    text = _decode(path.read_bytes(), display(path))
    if _is_danish_csv(text):
        dialect = dict(sep=";", decimal=",", thousands=".")
    else:
        dialect = dict(sep=",", quoting=csv.QUOTE_MINIMAL)
    header = pd.read_csv(io.StringIO(text), nrows=0, **dialect)
    wanted = {canonical_column(c) for c in text_columns}
    dtype = {c: str for c in header.columns if canonical_column(c) in wanted}
    df = pd.read_csv(io.StringIO(text), skipinitialspace=True, dtype=dtype or None, **dialect)
    raw = next(csv.reader(io.StringIO(text.splitlines()[0]), delimiter=dialect["sep"]))
    df.attrs["raw_header"] = [c.strip() for c in raw] if len(raw) == len(df.columns) else list(df.columns)
    return _number_rows(df)


def read_xlsx(path: Path, text_columns: frozenset = frozenset()) -> pd.DataFrame:
    """Read the first sheet of an Excel workbook with python-calamine (text columns keep text
    cells as text; a number typed into a text column stays a number for the schema to catch)."""
    header = pd.read_excel(path, engine="calamine", sheet_name=0, nrows=0)
    wanted = {canonical_column(c) for c in text_columns}
    dtype = {c: object for c in header.columns if canonical_column(c) in wanted}
    df = pd.read_excel(path, engine="calamine", sheet_name=0, dtype=dtype or None)
    header_names = [str(c).strip() for c in df.columns]
    unvalued = formulas_without_values(path)
    if unvalued:
        raise InputError(display(path), [Failure(
            row, header_names[col] if col < len(header_names) else None,
            "the cell holds a formula without a stored value (the workbook was saved without "
            "calculating it); open it in Excel and save it again, or type the value", formula)
            for row, col, formula in unvalued])
    df.attrs["raw_header"] = header_names
    df = df.dropna(how="all")
    return _number_rows(df)


READERS: dict[str, Reader] = {".csv": read_csv, ".xlsx": read_xlsx}


def read_table(path: str | Path, parameter: str | None = None, text_columns=(),
               columns: Mapping[str, Mapping[str, str]] | None = None) -> pd.DataFrame:
    """Read an input table of any registered type; errors name the file (and parameter).

    `text_columns` are read as text, never guessed as numbers (ids such as `6.10`, which a
    Danish CSV would otherwise read as 610 and a plain CSV as 6.1). `columns` is the edition's
    column map (input file → {the extract's header: declared column}; see `column_map`)."""
    p = resolve(path)
    shown = display(p)
    if not p.is_file():
        raise MissingInputError(shown, parameter)
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise UnsupportedFormatError(shown, sorted(READERS))
    if p.stat().st_size == 0:
        raise InputError(shown, [Failure(None, None, "the file is empty (a header row and data rows are needed)")])
    try:
        df = reader(p, frozenset(text_columns))
    except InputError:
        raise
    except pd.errors.EmptyDataError:
        raise InputError(shown, [Failure(None, None, "the file is empty (a header row and data rows are needed)")]) \
            from None
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(shown, [Failure(None, None, f"cannot be read as a table: {exc}")]) from None
    except Exception as exc:  # noqa: BLE001 - e.g. calamine's error for a damaged workbook
        raise InputError(shown, [Failure(None, None, f"cannot be read as a {p.suffix.lower()} file "
                                                     f"({type(exc).__name__}: {exc})")]) from None
    df = _canonical_columns(df, df.attrs.pop("raw_header", list(df.columns)), shown, column_map(p, columns))
    if len(df) == 0:
        raise InputError(shown, [Failure(None, None, "the file has a header row but no data rows")])
    df.attrs["file"] = shown
    return df
