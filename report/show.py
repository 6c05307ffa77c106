"""What a notebook shows and records: Markdown, tables, figures, key results, reconciliation
checks and open-data tables.

Everything goes out as notebook display outputs; notebooks write no files. The build harvests
the records (`report.protocol`) into `results.json`, `reconciliation.csv`, `findings.csv` and
`data/*.csv`. This is the only module that imports IPython.
"""
from __future__ import annotations

import math
import numbers
from typing import Iterable, Mapping

import pandas as pd

from analysis.core.check import Check
from analysis.core.figures import to_svg
from analysis.core.keyfigures import POPULATIONS, KeyFigure
from analysis.core.tables import escape_markdown, markdown_table

from .errors import RecordingError
from .protocol import CHECK_MIME, DATA_MIME, FINDING_MIME, MESSAGES_MIME, RESULT_MIME, is_valid_name

__all__ = ["markdown", "key_messages", "notice", "period", "to_committee", "table", "figure", "result",
           "key_figures", "section", "check", "checks", "finding", "data", "markdown_table"]


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


def period(text: str) -> None:
    """Show, right under the chapter title, the date or period the chapter's figures refer to
    (and, when given in the text, that they are more than a year older than the edition)."""
    markdown(f"::: {{.period}}\n{text.strip()}\n:::\n")


def to_committee(points: Iterable[str], title: str = "Til udvalget") -> None:
    """Show the box with what the source asks of the committee (decision, orientation, ...)."""
    body = "\n".join(f"- {p}" for p in points)
    markdown(f"::: {{.to-committee}}\n**{title}**\n\n{body}\n:::\n")


def table(df: pd.DataFrame, caption: str, source: str, decimals: int | Mapping[str, int] = 0,
          align: Mapping[str, str] | None = None, note: str | None = None,
          widths: Mapping[str, int] | None = None) -> None:
    """Show a table with a numbered Danish caption and its source line ("Kilde: ...").

    Cells, headers, caption and source are text (escaped, never read as markup); `note` is
    Markdown written for the book, so values from input files in it need `escape_markdown`."""
    if not caption or not source:
        raise RecordingError("a table needs a caption and a source")
    text = markdown_table(df, decimals, align, widths)
    extra = f" {note}" if note else ""
    markdown(f"{text}\n\n: {escape_markdown(caption)}\n\n::: {{.source}}\nKilde: {escape_markdown(source)}."
             f"{extra}\n:::\n")


def figure(fig, caption: str, alt: str, source: str) -> None:
    """Show a matplotlib figure as SVG, with caption, Danish alt text and source line.

    Alt text is required (PDF/UA-1 and WCAG): it should say what the figure shows, in words.
    """
    if not alt or not alt.strip():
        raise RecordingError(f"figure '{caption}' has no alt text")
    if not caption or not source:
        raise RecordingError("a figure needs a caption and a source")
    svg = to_svg(fig)
    # the renderers read the caption as Markdown and the alt text as plain text
    meta = {"image/svg+xml": {"alt": alt.strip(), "caption": escape_markdown(caption.strip())}}
    _display({"image/svg+xml": svg}, metadata=meta)
    markdown(f"::: {{.source}}\nKilde: {escape_markdown(source)}.\n:::\n")


def _check_name(name: str, what: str = "result") -> None:
    if not is_valid_name(name):
        raise RecordingError(f"{what} name '{name}' must be lower snake case (a-z, 0-9, _)")


def _plain_number(value, what: str) -> float | int | None:
    """A JSON-ready number: ints stay ints, other numbers become floats; missing → None."""
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


META_FIELDS = ("label", "population", "source", "as_of", "definition")


def result(name: str, value, unit: str | None = None, *, label: str | None = None,
           population: str | None = None, source: str | None = None, as_of: str | None = None,
           definition: str | None = None) -> None:
    """Record one key figure of the chapter for `results.json` (a number, lower snake name) and,
    for `key_figures.json`, its Danish label, population (source, edition or synthetic, see
    `analysis.core.keyfigures`), source, the date its data refer to and its definition."""
    _check_name(name)
    v = _plain_number(value, f"result '{name}'")
    if v is None:
        raise RecordingError(f"result '{name}' has no value")
    if population is not None and population not in POPULATIONS:
        raise RecordingError(f"result '{name}': population must be one of {', '.join(POPULATIONS)}")
    meta = dict(zip(META_FIELDS, (label, population, source, as_of, definition)))
    _display({RESULT_MIME: {"name": name, "value": v, "unit": unit,
                            "meta": {k: x for k, x in meta.items() if x is not None}}, "text/plain": ""})


def key_figures(figures: Iterable[KeyFigure]) -> None:
    """Record key figures with their metadata (`analysis.core.keyfigures.KeyFigure`), in order."""
    for f in figures:
        result(f.name, f.value, f.unit, **{k: getattr(f, k) for k in META_FIELDS})


def check(c: Check) -> str:
    """Record one reconciliation check (the one check type); returns its status."""
    if not isinstance(c, Check):
        raise RecordingError(f"a check must be an analysis.core.check.Check, not {type(c).__name__}")
    row = c.record()
    for key in ("published", "computed", "low", "high"):
        _plain_number(row[key], f"{key} value of '{c.item}'")
    _display({CHECK_MIME: row, "text/plain": ""})
    return row["status"]


def checks(items: Iterable[Check]) -> list[str]:
    """Record reconciliation checks in order; returns their statuses."""
    return [check(c) for c in items]


def finding(name: str, title: str, explanation: str) -> None:
    """Record a finding: the cause shared by the non-matching checks whose `finding` is `name`."""
    _check_name(name, "finding")
    if not title or not explanation:
        raise RecordingError(f"finding '{name}' needs a title and an explanation")
    _display({FINDING_MIME: {"finding": name, "title": title, "explanation": explanation},
              "text/plain": ""})


def data(name: str, df: pd.DataFrame) -> None:
    """Publish a processed table the chapter shows as open data (`data/<chapter>_<name>.csv`)."""
    _check_name(name, "data table")
    csv_text = df.to_csv(index=False, lineterminator="\n")
    _display({DATA_MIME: {"name": name, "csv": csv_text}, "text/plain": ""})


def section(sec) -> None:
    """Show a section of `analysis.core.seriesviews` (»Siden sidste udgave«, the series): its
    notice, text, figure (with alt text) and table, each when it has one."""
    if sec.notice:
        notice(sec.notice, title="Opdigtede eksempeldata")
    if sec.text:
        markdown(sec.text)
    if sec.figure is not None:
        figure(sec.figure, caption=sec.caption, alt=sec.alt, source=sec.source)
    if sec.table is not None and len(sec.table):
        table(sec.table, caption=sec.caption, source=sec.source, note=getattr(sec, "note", None))
