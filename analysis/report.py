"""What a notebook shows and records: Markdown, tables, figures, key results, reconciliation
checks and open-data tables.

Everything goes out as notebook display outputs; notebooks write no files. The build harvests
the custom MIME types below into `results.json`, `reconciliation.csv` and `data/*.csv`.
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Mapping

import pandas as pd

from . import fmt
from .errors import RecordingError
from .figures import to_svg

RESULT_MIME = "application/vnd.amu-book.result+json"
CHECK_MIME = "application/vnd.amu-book.check+json"
DATA_MIME = "application/vnd.amu-book.data+json"
MESSAGES_MIME = "application/vnd.amu-book.messages+json"
STATUSES = ("match", "differs", "not_reproducible")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


def _display(data: dict, metadata: dict | None = None) -> None:
    from IPython.display import display

    display(data, raw=True, metadata=metadata or {})


def markdown(text: str) -> None:
    """Show Markdown text in the book."""
    _display({"text/markdown": text.strip() + "\n"})


def key_messages(messages: Iterable[str]) -> None:
    """Show the chapter's key messages (two or three computed sentences) as a highlighted box,
    and record them for the book's summary in the front chapter."""
    messages = [str(m) for m in messages]
    body = "\n".join(f"- {m}" for m in messages)
    markdown(f"::: {{.key-messages}}\n**Hovedbudskaber**\n\n{body}\n:::\n")
    _display({MESSAGES_MIME: {"messages": messages}, "text/plain": ""})


def notice(text: str, title: str = "Bemærk") -> None:
    """Show a highlighted notice, e.g. that a table rests on synthetic or invented data."""
    markdown(f"::: {{.notice}}\n**{title}:** {text.strip()}\n:::\n")


# ---------------------------------------------------------------- tables
def _cell(value, decimals: int) -> str:
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return fmt.MISSING
    if isinstance(value, (bool,)):
        return "ja" if value else "nej"
    if isinstance(value, (int,)) or (hasattr(value, "is_integer") and decimals == 0):
        return fmt.number(value, 0)
    return fmt.number(value, decimals)


def markdown_table(df: pd.DataFrame, decimals: int | Mapping[str, int] = 0,
                   align: Mapping[str, str] | None = None, widths: Mapping[str, int] | None = None) -> str:
    """A pipe table in Danish number format. Numeric columns are right-aligned; `decimals`
    is one number or a mapping column → decimals; strings are shown as they are. `widths`
    (column → relative width) overrides the widths taken from the content."""
    cols = [str(c) for c in df.columns]
    aligns = []
    for c in df.columns:
        a = (align or {}).get(str(c))
        if a is None:
            a = "right" if pd.api.types.is_numeric_dtype(df[c]) else "left"
        aligns.append(a)
    esc = lambda s: str(s).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    body = []
    for _, row in df.iterrows():
        cells = []
        for c in df.columns:
            d = decimals.get(str(c), 0) if isinstance(decimals, Mapping) else decimals
            cells.append(esc(_cell(row[c], d)))
        body.append(cells)
    # Dash counts proportional to content width: pandoc uses them as relative column widths
    # when a row is wider than the page, so long text columns get the room they need.
    sizes = [min(40, max([len(esc(c))] + [len(r[i]) for r in body])) for i, c in enumerate(cols)]
    if widths:
        sizes = [int(widths.get(c, s)) for c, s in zip(cols, sizes)]
    rule = {"left": (":", "-"), "right": ("-", ":"), "center": (":", ":")}
    lines = ["| " + " | ".join(esc(c) for c in cols) + " |",
             "|" + "|".join(rule[a][0] + "-" * max(3, w) + rule[a][1] for a, w in zip(aligns, sizes)) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines)


def table(df: pd.DataFrame, caption: str, source: str, decimals: int | Mapping[str, int] = 0,
          align: Mapping[str, str] | None = None, note: str | None = None,
          widths: Mapping[str, int] | None = None) -> None:
    """Show a table with a numbered Danish caption and its source line ("Kilde: ...")."""
    if not caption or not source:
        raise RecordingError("a table needs a caption and a source")
    text = markdown_table(df, decimals, align, widths)
    extra = f" {note}" if note else ""
    markdown(f"{text}\n\n: {caption}\n\n::: {{.source}}\nKilde: {source}.{extra}\n:::\n")


# ---------------------------------------------------------------- figures
def figure(fig, caption: str, alt: str, source: str) -> None:
    """Show a matplotlib figure as SVG, with caption, Danish alt text and source line.

    Alt text is required (PDF/UA-1 and WCAG): it should say what the figure shows, in words.
    """
    if not alt or not alt.strip():
        raise RecordingError(f"figure '{caption}' has no alt text")
    if not caption or not source:
        raise RecordingError("a figure needs a caption and a source")
    svg = to_svg(fig)
    meta = {"image/svg+xml": {"alt": alt.strip(), "caption": caption.strip()}}
    _display({"image/svg+xml": svg}, metadata=meta)
    markdown(f"::: {{.source}}\nKilde: {source}.\n:::\n")


# ---------------------------------------------------------------- recording
def _check_name(name: str) -> None:
    if not _SNAKE.match(name):
        raise RecordingError(f"result name '{name}' must be lower snake case (a-z, 0-9, _)")


def _plain_number(value, what: str) -> float | int | None:
    """A JSON-ready number: ints stay ints, other numbers become floats; missing → None."""
    import numbers

    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise RecordingError(f"{what} must be a number, not {value!r}")
    if isinstance(value, numbers.Integral):
        return int(value)
    f = float(value)
    if math.isnan(f):
        return None
    if math.isinf(f):
        raise RecordingError(f"{what} must be finite, not {value!r}")
    return f


def result(name: str, value, unit: str | None = None) -> None:
    """Record one key figure of the chapter for `results.json` (a number, lower snake name)."""
    _check_name(name)
    v = _plain_number(value, f"result '{name}'")
    if v is None:
        raise RecordingError(f"result '{name}' has no value")
    _display({RESULT_MIME: {"name": name, "value": v, "unit": unit}, "text/plain": ""})


def _decimals_of(value) -> int:
    d = Decimal(str(value)).normalize()
    return max(0, -d.as_tuple().exponent)


def status_of(published, computed, decimals: int | None = None) -> str:
    """`match` when `computed` rounded half-up to the published precision equals `published`."""
    if computed is None or (isinstance(computed, float) and math.isnan(computed)):
        return "not_reproducible"
    if published is None or (isinstance(published, float) and math.isnan(published)):
        return "not_reproducible"
    d = _decimals_of(published) if decimals is None else decimals
    q = Decimal(1).scaleb(-d)
    rounded = Decimal(str(float(computed))).quantize(q, rounding=ROUND_HALF_UP)
    return "match" if rounded == Decimal(str(float(published))).quantize(q, rounding=ROUND_HALF_UP) else "differs"


def check(item: str, source: str, published, computed, unit: str = "",
          note: str = "", decimals: int | None = None) -> str:
    """Record one reconciliation row: a figure as published against the same figure computed
    from data/raw. `decimals` is the printed precision (inferred from `published` when None,
    so pass it when the source prints trailing zeros, e.g. 20,0 → decimals=1). A published
    figure that the data cannot reproduce is recorded with `computed=None`
    (`not_reproducible`) and a note saying why. Returns the status."""
    if not item or not source:
        raise RecordingError("a reconciliation check needs an item and a source")
    pub = _plain_number(published, f"published value of '{item}'")
    com = _plain_number(computed, f"computed value of '{item}'")
    status = status_of(pub, com, decimals)
    row = {"item": item, "source": source, "published": pub, "computed": com,
           "unit": unit or "", "status": status, "note": note or ""}
    _display({CHECK_MIME: row, "text/plain": ""})
    return status


def data(name: str, df: pd.DataFrame) -> None:
    """Publish a processed table the chapter shows as open data (`data/<chapter>_<name>.csv`)."""
    _check_name(name)
    csv_text = df.to_csv(index=False, lineterminator="\n")
    _display({DATA_MIME: {"name": name, "csv": csv_text}, "text/plain": ""})
