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

from . import fmt, opendata
from .committee import ASK, DECIDED, ORIENTATION, CommitteeItem
from .errors import RecordingError
from .protocol import (
    BASES,
    CHECK_FIELDS,
    CHECK_MIME,
    COMMITTEE_MIME,
    DATA_MIME,
    DIFFERS,
    FINDING_MIME,
    MATCH,
    MESSAGES_MIME,
    NOT_REPRODUCIBLE,
    PERIOD_MIME,
    RECOMPUTED,
    RESULT_MIME,
    SERIES_MIME,
    STATUSES,
    WITHIN_ROUNDING,
    is_valid_name,
)
from .records import CLASSES, LABELS, POPULATIONS, KeyFigure, is_valid_claim
from .tables import escape_markdown, markdown_table

__all__ = ["markdown", "voiced", "key_messages", "notice", "period", "to_committee", "committee_markdown", "table",
           "figure", "result", "key_figures", "section", "since_last", "development", "invented_notice", "check",
           "checks", "check_line", "finding", "data", "markdown_table"]


def _display(data: dict, metadata: dict | None = None) -> None:
    from IPython.display import display

    display(data, raw=True, metadata=metadata or {})


def markdown(text: str, only: str | None = None) -> None:
    """Show Markdown text in the book; `only="html"` or `only="pdf"` shows it in that format only
    (the full reference material in the HTML book, a short account of it in print)."""
    if only not in (None, "html", "pdf"):
        raise RecordingError(f"only must be 'html' or 'pdf', not {only!r}")
    if only:
        text = f'::::: {{.content-visible when-format="{only}"}}\n{text.strip()}\n:::::\n'
    _display({"text/markdown": text.strip() + "\n"})


def voiced(item: str, label: str | None = None) -> str:
    """A sentence as Markdown with its voice made visible: a `Voiced` sentence
    (`analysis.core.voice`) gets its label (»Kilden:«, »Bogens beregning:«, »Bogens
    vurdering:«) as a span with the voice's class, and a sentence in the source's voice its
    claim id (`data-claim`); `label` replaces the voice's label (»Kildens forslag«); a plain
    string is returned as it is."""
    voice = getattr(item, "voice", None)
    if voice is None:
        return str(item)
    claim = getattr(item, "claim", None)
    if claim is not None and not is_valid_claim(claim):
        raise RecordingError(f"claim id {claim!r} must be lower case letters, digits, - and _")
    attrs = f".voice-tag .{CLASSES[voice]}" + (f' data-claim="{claim}"' if claim else "")
    return f"[**{label or LABELS[voice]}:**]{{{attrs}}} {item}"


def key_messages(messages: Iterable[str]) -> None:
    """Show the chapter's key messages (two or three computed sentences) as a highlighted box,
    and record them for the book's summary in the front chapter (with their voice labels)."""
    messages = [voiced(m) for m in messages]
    body = "\n".join(f"- {m}" for m in messages)
    markdown(f"::: {{.key-messages}}\n**Hovedbudskaber**\n\n{body}\n:::\n")
    _display({MESSAGES_MIME: {"messages": messages}, "text/plain": ""})


def notice(text: str, title: str = "Bemærk") -> None:
    """Show a highlighted notice, e.g. that a table rests on synthetic or invented data."""
    markdown(f"::: {{.notice}}\n**{title}:** {text.strip()}\n:::\n")


def period_markdown(text: str) -> str:
    """The line under a chapter's title as Markdown (a `.period` block)."""
    return f"::: {{.period}}\n{text.strip()}\n:::\n"


def period(line) -> None:
    """Show, right under the chapter title, the date or period the chapter's figures refer to;
    the front chapter repeats it beside the chapter's main points. `line` is a text, or an
    `analysis.core.dates.Period` (text and the date its figures refer to): then the build adds,
    when the figures are more than a year older than the edition, a sentence saying so."""
    record = line.record() if hasattr(line, "record") else {"text": str(line)}
    record["text"] = record["text"].strip()
    markdown(period_markdown(record["text"]))
    _display({PERIOD_MIME: record, "text/plain": ""})


def _committee_line(item: CommitteeItem) -> str:
    text = voiced(item.text)
    if item.kind == DECIDED:
        return f"- Besluttet {fmt.date(item.date)}: {text}"
    extra = []
    if item.options:
        extra.append("Muligheder:\n\n" + "\n".join(f"  - {voiced(o)}" for o in item.options))
    if item.recommendation:
        rec = item.recommendation
        extra.append(voiced(rec, "Kildens forslag") if getattr(rec, "voice", None) == "source"
                     else f"Kildens forslag: {voiced(rec)}")
    return f"- {text}" + "".join(f"\n\n  {e}" for e in extra)


def committee_markdown(items: Iterable[CommitteeItem], title: str = "Til udvalget") -> str:
    """The box »Til udvalget« as Markdown: the asks (with options and the source's
    recommendation), then what is for information; decisions already taken follow in a box of
    their own, »Besluttet«, with their dates, never in the style of an ask."""
    items = list(items)
    groups = [("Til beslutning", [i for i in items if i.kind == ASK]),
              ("Til orientering", [i for i in items if i.kind == ORIENTATION])]
    body = [f"**{label}**\n\n" + "\n".join(_committee_line(i) for i in group) for label, group in groups if group]
    if not body:
        body = ["Kapitlet har intet til beslutning eller orientering i denne udgave."]
    out = f"::: {{.to-committee}}\n**{title}**\n\n" + "\n\n".join(body) + "\n:::\n"
    taken = [i for i in items if i.kind == DECIDED]
    if taken:
        out += "\n::: {.decided}\n**Besluttet**\n\n" + "\n".join(_committee_line(i) for i in taken) + "\n:::\n"
    return out


def to_committee(items: Iterable[CommitteeItem], title: str = "Til udvalget") -> None:
    """Show the box with what the source asks of the committee, and record its items (kind:
    ask, orientation or decided with its date; each text with its voice label, see `voiced`)
    for the front chapter's »Til beslutning«."""
    items = list(items)
    for item in items:
        if not isinstance(item, CommitteeItem):
            raise RecordingError("to_committee takes analysis.core.committee items (ask, orientation, "
                                 f"decided), not {type(item).__name__}: {str(item)[:60]!r}")
    markdown(committee_markdown(items, title))
    records = [{**i.record(), "text": voiced(i.text), "options": [voiced(o) for o in i.options],
                "recommendation": voiced(i.recommendation) if i.recommendation else None} for i in items]
    _display({COMMITTEE_MIME: {"items": records}, "text/plain": ""})


def table(df: pd.DataFrame, caption: str, source: str, decimals: int | Mapping[str, int] = 0,
          align: Mapping[str, str] | None = None, note: str | None = None,
          widths: Mapping[str, int] | None = None, html_only: bool = False) -> None:
    """Show a table with a numbered Danish caption and its source line ("Kilde: ...").

    Cells, headers, caption and source are text (escaped, never read as markup); `note` is
    Markdown written for the book, so values from input files in it need `escape_markdown`.
    `html_only` keeps a long reference table out of the PDF (it stays in the HTML book and the
    open data)."""
    if not caption or not source:
        raise RecordingError("a table needs a caption and a source")
    text = markdown_table(df, decimals, align, widths)
    extra = f" {note}" if note else ""
    out = (f"{text}\n\n: {escape_markdown(caption)}\n\n::: {{.source}}\nKilde: {escape_markdown(source)}."
           f"{extra}\n:::\n")
    markdown(_html_only(out) if html_only else out)


def _html_only(text: str) -> str:
    return f'::::: {{.content-visible when-format="html"}}\n{text.strip()}\n:::::\n'



def figure(fig, caption: str, alt: str, source: str, html_only: bool = False) -> None:
    """Show a matplotlib figure as SVG, with caption, Danish alt text and source line.

    Alt text is required (PDF/UA-1 and WCAG): it should say what the figure shows, in words.
    `html_only` keeps the figure out of the PDF (e.g. where a table beside it gives the numbers).
    """
    if not alt or not alt.strip():
        raise RecordingError(f"figure '{caption}' has no alt text")
    if not caption or not source:
        raise RecordingError("a figure needs a caption and a source")
    from .figures import repeated_title, text_problems, to_svg  # matplotlib: only where a figure is shown

    # recorded with the figure; the rendered book's test reads them
    problems = text_problems(fig) + repeated_title(fig, caption)
    svg = to_svg(fig)
    # the renderers read the caption as Markdown and the alt text as plain text
    meta = {"image/svg+xml": {"alt": alt.strip(), "caption": escape_markdown(caption.strip()),
                              "layout": "; ".join(problems)}}
    if html_only:
        meta["image/svg+xml"]["only"] = "html"
    _display({"image/svg+xml": svg}, metadata=meta)
    note = f"::: {{.source}}\nKilde: {escape_markdown(source)}.\n:::\n"
    markdown(_html_only(note) if html_only else note)


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


META_FIELDS = ("label", "population", "source", "as_of", "definition", "headline")


def result(name: str, value, unit: str | None = None, *, label: str | None = None,
           population: str | None = None, source: str | None = None, as_of: str | None = None,
           definition: str | None = None, headline: bool | None = None) -> None:
    """Record one key figure of the chapter for `results.json` (a number, lower snake name) and,
    for `key_figures.json`, its Danish label, population (source, edition or synthetic, see
    `analysis.core.keyfigures`), source, the date its data refer to, its definition and whether
    it is one of the chapter's headline figures."""
    _check_name(name)
    v = _plain_number(value, f"result '{name}'")
    if v is None:
        raise RecordingError(f"result '{name}' has no value")
    v = round(v, opendata.DECIMALS) if isinstance(v, float) else v  # the open data's stated precision
    if population is not None and population not in POPULATIONS:
        raise RecordingError(f"result '{name}': population must be one of {', '.join(POPULATIONS)}")
    meta = dict(zip(META_FIELDS, (label, population, source, as_of, definition, headline)))
    _display({RESULT_MIME: {"name": name, "value": v, "unit": unit,
                            "meta": {k: x for k, x in meta.items() if x is not None}}, "text/plain": ""})


def key_figures(figures: Iterable[KeyFigure]) -> None:
    """Record key figures with their metadata (`report.records.KeyFigure`), in order."""
    for f in figures:
        result(f.name, f.value, f.unit, **{k: getattr(f, k) for k in META_FIELDS})


def check(c) -> str:
    """Record one reconciliation check (an `analysis.core.check.Check`: anything whose `record()`
    gives the row of reconciliation.csv, with a valid status and basis); returns its status."""
    row = c.record() if callable(getattr(c, "record", None)) else None
    if not isinstance(row, dict) or set(row) != set(CHECK_FIELDS):
        raise RecordingError(f"a check must be an analysis.core.check.Check, not {type(c).__name__}")
    if row["status"] not in STATUSES or row["basis"] not in BASES:
        raise RecordingError(f"check '{row['item']}': status {row['status']!r} or basis {row['basis']!r} is unknown")
    for key in ("published", "computed", "low", "high"):
        _plain_number(row[key], f"{key} value of '{c.item}'")
    _display({CHECK_MIME: row, "text/plain": ""})
    return row["status"]


def checks(items: Iterable) -> list[str]:
    """Record reconciliation checks in order; returns their statuses."""
    return [check(c) for c in items]


def check_line(items: Iterable, chapter: str) -> None:
    """Show the chapter's one line on its checks: how many printed figures the book recomputed
    from the source's own detail, how many of them disagree, and a link to the chapter's findings
    in the quality appendix (Bilag C: Afstemning), where the reconciliation is told once."""
    items = list(items)
    recomputed = [c for c in items if c.basis == RECOMPUTED]
    if not recomputed:
        return
    n = {s: sum(1 for c in recomputed if c.status == s) for s in (MATCH, WITHIN_ROUNDING, DIFFERS, NOT_REPRODUCIBLE)}
    # counted as the Forord and the appendix's table count them: »stemmer« and »stemmer inden
    # for afrunding« apart, so a chapter's count of matches is the one its row of the table shows
    parts = [f"{fmt.integer(n[MATCH])} stemmer"]
    if n[WITHIN_ROUNDING]:
        parts.append(f"{fmt.integer(n[WITHIN_ROUNDING])} stemmer inden for afrunding")
    if n[DIFFERS]:
        parts.append(f"{fmt.integer(n[DIFFERS])} afviger")
    if n[NOT_REPRODUCIBLE]:
        parts.append(f"{fmt.integer(n[NOT_REPRODUCIBLE])} kan ikke genberegnes")
    listed = ", ".join(parts[:-1]) + f" og {parts[-1]}" if len(parts) > 1 else parts[0]
    text = (f"**Kontrol:** Bogen har regnet {fmt.integer(len(recomputed))} af kapitlets trykte tal efter ud fra "
            f"kildens egne detaljer: {listed}. Forklaringerne står i "
            f"[Bilag C: Afstemning](#afstemning-{chapter}).")
    markdown(f"::: {{.checks-line}}\n{text}\n:::\n")


def finding(name: str, title: str, explanation: str) -> None:
    """Record a finding: the cause shared by the non-matching checks whose `finding` is `name`."""
    _check_name(name, "finding")
    if not title or not explanation:
        raise RecordingError(f"finding '{name}' needs a title and an explanation")
    _display({FINDING_MIME: {"finding": name, "title": title, "explanation": explanation},
              "text/plain": ""})


def data(name: str, df: pd.DataFrame, title: str | None = None) -> None:
    """Publish a processed table the chapter shows as open data (`data/<chapter>_<name>.csv`), in
    the open data's column names and precision, with its title and the Table Schema fields
    (type, Danish title, description, unit) that `datapackage.json` describes it with."""
    _check_name(name, "data table")
    df = opendata.published(df)
    csv_text = df.to_csv(index=False, lineterminator="\n")
    _display({DATA_MIME: {"name": name, "csv": csv_text, "title": title, "fields": opendata.fields(df)},
              "text/plain": ""})


def _series(view: str, chapter: str, **extra) -> None:
    _check_name(chapter, "chapter")
    _display({SERIES_MIME: {"view": view, "chapter": chapter, **extra}, "text/plain": ""})


def invented_notice(chapter: str) -> None:
    """Here the notice that the chapter reads invented example data in this edition (the build
    puts it in, when it does)."""
    _series("notice", chapter)


def since_last(chapter: str, notice: bool = True) -> None:
    """Here »Siden sidste udgave«: the build composes it from the previous edition's published key
    figures and this edition's (`analysis.core.seriesviews.since_last`), after the notebook ran,
    so that a new edition does not execute the chapter again. `notice` as there."""
    _series("since_last", chapter, notice=bool(notice))


def development(chapter: str, spec) -> None:
    """Here »Udviklingen over udgaverne« of the key figures `spec` follows (an
    `analysis.core.seriesviews.SeriesSpec`): a figure with alt text and the table beside it,
    composed by the build from every published edition of the series."""
    _series("development", chapter, spec={"names": list(spec.names), "title": spec.title,
                                          "by_as_of": bool(spec.by_as_of), "as_of_label": spec.as_of_label,
                                          "labels": dict(spec.labels)})


def captured(show, *args, **kwargs) -> list[dict]:
    """The notebook outputs `show(*args, **kwargs)` would display, as nbformat `display_data`
    outputs (for the build, which composes a chapter's series after the notebook ran)."""
    global _display
    outputs: list[dict] = []
    shown = _display

    def collect(data: dict, metadata: dict | None = None) -> None:
        outputs.append({"output_type": "display_data", "data": data, "metadata": metadata or {}})

    _display = collect
    try:
        show(*args, **kwargs)
    finally:
        _display = shown
    return outputs


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
        table(sec.table, caption=sec.caption, source=sec.source, note=getattr(sec, "note", None),
              html_only=not getattr(sec, "table_in_print", True))
