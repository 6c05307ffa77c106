"""Published CSV files that are safe to open in a spreadsheet (OWASP, "CSV injection"): a text
cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single
quote, so Excel, LibreOffice and Google Sheets show it as text and never run it as a formula.
A cell that is a number (`-3.5`, `+2`, `1e-3`) stays a number."""
from __future__ import annotations

import csv
import io
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def is_formula_risk(cell: str) -> bool:
    """True for a text cell a spreadsheet could read as a formula (not for a plain number)."""
    return cell.startswith(FORMULA_START) and not NUMBER.fullmatch(cell)


def safe_cell(cell: str) -> str:
    """The cell as published: a formula-like text prefixed with `'`, anything else unchanged."""
    return "'" + cell if is_formula_risk(cell) else cell


def safe_csv(text: str) -> str:
    """A CSV text with every formula-like text cell neutralised (unchanged bytes when none is)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(is_formula_risk(cell) for row in rows for cell in row):
        return text
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([[safe_cell(c) for c in row] for row in rows])
    return buf.getvalue()
