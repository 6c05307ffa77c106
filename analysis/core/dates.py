"""How old a chapter's figures are, said for the reader."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

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


@dataclass(frozen=True)
class Period:
    """The line under a chapter's title without its age: the text (Markdown written for the book),
    the date its newest figures refer to (`as_of`, ISO) and, optionally, its oldest figures (what
    they are, their printed period, the ISO date they end). The chapter records it; the build adds
    the age against the edition's date (`at`), so that the edition's date reaches no chapter."""
    text: str
    as_of: str | None = None
    oldest_what: str = ""
    oldest_period: str = ""
    oldest_end: str | None = None

    def at(self, edition_date: dt.date | str) -> str:
        """The line as printed in an edition of `edition_date`: the text, then, when the figures
        are more than a year older than the edition, the age sentence (and the oldest figures' age)."""
        age = age_sentence(self.as_of, edition_date) if self.as_of and self.text else None
        if not age:
            return self.text
        text = f"{self.text} {age}"
        if self.oldest_end:
            years = (as_date(edition_date) - as_date(self.oldest_end)).days // 365
            text += (f" De ældste tal, {self.oldest_what} ({self.oldest_period}), er mere end "
                     f"{fmt.integer(years)} år ældre end udgaven.")
        return text

    def record(self) -> dict[str, Any]:
        """The period as a JSON record (what `report.period` records for the build)."""
        return {"text": self.text, "as_of": self.as_of, "oldest_what": self.oldest_what,
                "oldest_period": self.oldest_period, "oldest_end": self.oldest_end}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> "Period":
        """The period a notebook recorded (see `record`)."""
        return cls(str(record.get("text") or ""), record.get("as_of"), record.get("oldest_what") or "",
                   record.get("oldest_period") or "", record.get("oldest_end"))
