"""The items of a chapter's box »Til udvalget«: what the committee is asked to decide (an ask,
with its options and the source's recommendation), what it is told for its information, and
what was decided already (with the date of the decision). One type for every chapter, so the
front chapter can gather the asks of the edition in »Til beslutning« and never show a decision
taken as an ask."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from report.protocol import ASK, COMMITTEE_KINDS, DECIDED, ORIENTATION

__all__ = ["CommitteeItem", "ask", "orientation", "decided", "ASK", "ORIENTATION", "DECIDED", "kind_of"]

# The words an input file may use for an item's kind (English or Danish), by the kind they mean.
KIND_WORDS = {
    ASK: ASK, "beslutning": ASK, "til beslutning": ASK,
    ORIENTATION: ORIENTATION, "orientering": ORIENTATION, "til orientering": ORIENTATION,
    DECIDED: DECIDED, "besluttet": DECIDED, "decision_taken": DECIDED,
}


@dataclass(frozen=True)
class CommitteeItem:
    """One item of a box »Til udvalget«. `text` is Markdown written for the book (values from
    input files escaped); `date` is the ISO date of the decision (required for `decided`);
    `options` the choices the ask leaves the committee; `recommendation` the source's own
    recommendation (indstilling), if it gives one; `section` where in the source it stands."""
    kind: str
    text: str
    date: str | None = None
    options: tuple[str, ...] = field(default_factory=tuple)
    recommendation: str | None = None
    section: str | None = None

    def __post_init__(self):
        if self.kind not in COMMITTEE_KINDS:
            raise ValueError(f"committee item kind {self.kind!r} is not one of {', '.join(COMMITTEE_KINDS)}")
        if not str(self.text).strip():
            raise ValueError("a committee item needs a text")
        if self.kind == DECIDED:
            if not self.date:
                raise ValueError(f"a decided item needs the date of the decision: {self.text[:60]!r}")
            dt.date.fromisoformat(str(self.date))
        object.__setattr__(self, "options", tuple(self.options))

    def record(self) -> dict:
        """The item as a JSON-ready record (the fields of `report.protocol.COMMITTEE_FIELDS`)."""
        return {"kind": self.kind, "text": self.text, "date": self.date, "options": list(self.options),
                "recommendation": self.recommendation, "section": self.section}


def _date(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    if hasattr(value, "date") and callable(value.date):  # pandas Timestamp
        return value.date().isoformat()
    return dt.date.fromisoformat(str(value)[:10]).isoformat()


def ask(text: str, options=(), recommendation: str | None = None, section: str | None = None) -> CommitteeItem:
    """What the committee is asked to decide or take a position on in this edition."""
    return CommitteeItem(ASK, text, None, tuple(options), recommendation, section)


def orientation(text: str, section: str | None = None) -> CommitteeItem:
    """What the committee is told for its information (nothing to decide)."""
    return CommitteeItem(ORIENTATION, text, None, (), None, section)


def decided(text: str, date, recommendation: str | None = None, section: str | None = None) -> CommitteeItem:
    """A decision already taken, with its date (never shown as an ask)."""
    return CommitteeItem(DECIDED, text, _date(date), (), recommendation, section)


def kind_of(word: str, file: str = "", row: int | None = None) -> str:
    """The kind an input file's word means (ask/orientation/decided, or the Danish words);
    a ValueError naming file and row for any other word."""
    key = str(word).strip().lower()
    if key not in KIND_WORDS:
        where = f"{file}, row {row}: " if file else ""
        raise ValueError(f"{where}kind {word!r} is not one of {', '.join(sorted(KIND_WORDS))}")
    return KIND_WORDS[key]
