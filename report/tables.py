"""Tables for the reader: a DataFrame as a Markdown pipe table in Danish number format."""
from __future__ import annotations

import math
import re
from typing import Mapping

import pandas as pd

from . import fmt


def cell_text(value, decimals: int) -> str:
    """One cell as the reader sees it: Danish numbers, `ja`/`nej`, a dash for missing."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return fmt.MISSING
    if isinstance(value, (bool,)):
        return "ja" if value else "nej"
    if isinstance(value, (int,)) or (hasattr(value, "is_integer") and decimals == 0):
        return fmt.number(value, 0)
    return fmt.number(value, decimals)


_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|$@~^&:\"'=")


def escape_markdown(text) -> str:
    """Text from an input file made literal for pandoc's Markdown: every ASCII punctuation
    character that Markdown could read as markup is backslash-escaped, line breaks become
    spaces. Use it for every value from a data file that goes into Markdown text."""
    out = []
    for ch in str(text).replace("\r", " ").replace("\n", " "):
        out.append("\\" + ch if ch in _MARKDOWN_SPECIAL else ch)
    return "".join(out)


def _alignments(df: pd.DataFrame, align: Mapping[str, str] | None) -> list[str]:
    out = []
    for c in df.columns:
        a = (align or {}).get(str(c))
        if a is None:
            a = "right" if pd.api.types.is_numeric_dtype(df[c]) else "left"
        out.append(a)
    return out


def _one_line(text: str) -> str:
    """Line breaks and runs of spaces as one space; a unit of two words (»mio. kr.«) held
    together like the number and its unit, so »−4,556 mio. kr.« never ends a line at »mio.«."""
    text = re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" ")
    return re.sub(r"\b(mio|mia)\. kr\.", "\\1.\u00a0kr.", text)


def markdown_table(df: pd.DataFrame, decimals: int | Mapping[str, int] = 0,
                   align: Mapping[str, str] | None = None, widths: Mapping[str, int] | None = None) -> str:
    """A pipe table in Danish number format. Numeric columns are right-aligned; `decimals`
    is one number or a mapping column → decimals. Every header and cell is text, never markup:
    it is escaped with `escape_markdown`, so a value such as `<img onerror=...>`, `*x*` or
    `$x$` from an input file reaches HTML and PDF literally. `widths` (column → relative width)
    overrides the widths taken from the content."""
    cols = [str(c) for c in df.columns]
    aligns = _alignments(df, align)
    body = []
    for _, row in df.iterrows():
        cells = []
        for c in df.columns:
            d = decimals.get(str(c), 0) if isinstance(decimals, Mapping) else decimals
            # line breaks and runs of spaces become one space; a no-break space (»28,4 %«)
            # stays, so a number and its unit are never split over two lines
            cells.append(_one_line(cell_text(row[c], d)))
        body.append(cells)
    # Dash counts proportional to content width: pandoc uses them as relative column widths
    # when a row is wider than the page, so long text columns get the room they need.
    sizes = [min(40, max([len(c)] + [len(r[i]) for r in body])) for i, c in enumerate(cols)]
    if widths:
        sizes = [int(widths.get(c, s)) for c, s in zip(cols, sizes)]
    rule = {"left": (":", "-"), "right": ("-", ":"), "center": (":", ":")}
    lines = ["| " + " | ".join(escape_markdown(c) for c in cols) + " |",
             "|" + "|".join(rule[a][0] + "-" * max(3, w) + rule[a][1] for a, w in zip(aligns, sizes)) + "|"]
    lines += ["| " + " | ".join(escape_markdown(c) for c in cells) + " |" for cells in body]
    return "\n".join(lines)
