"""How old a chapter's figures are, said for the reader."""
from __future__ import annotations

import datetime as dt

from . import fmt

STALE_AFTER_DAYS = 365


def as_date(value: dt.date | str) -> dt.date:
    """A date from a date or an ISO string (`2025-03-31`)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def is_stale(figures_end: dt.date | str, edition_date: dt.date | str) -> bool:
    """True when the figures end more than a year before the edition's date."""
    return (as_date(edition_date) - as_date(figures_end)).days > STALE_AFTER_DAYS


def age_sentence(figures_end: dt.date | str, edition_date: dt.date | str) -> str | None:
    """A sentence for figures more than a year older than the edition, else None."""
    end, ed = as_date(figures_end), as_date(edition_date)
    if not is_stale(end, ed):
        return None
    years = (ed - end).days // 365
    age = "mere end et år" if years < 2 else f"mere end {fmt.integer(years)} år"
    return f"**Tallene er {age} ældre end denne udgave ({fmt.date(ed)}) og viser situationen dengang.**"
