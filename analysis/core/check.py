"""The one reconciliation check type: a figure as printed against the same figure computed
from the transcribed data, with the interval the printed inputs allow, its basis and, when it
does not match, the finding that explains it."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Iterable

from report.protocol import BASES, DIFFERS, MATCH, NOT_REPRODUCIBLE, RECOMPUTED, STATUSES, WITHIN_ROUNDING

from .errors import AnalysisError
from .precision import Approx, half_unit, printed_decimals, round_half_up

STATUS_DA = {MATCH: "Stemmer", WITHIN_ROUNDING: "Inden for afrunding", DIFFERS: "Afviger",
             NOT_REPRODUCIBLE: "Kan ikke genberegnes"}
BASIS_DA = {"recomputed": "Genberegnet", "cross_reference": "Samme tal trykt to steder",
            "synthetic": "Syntetiske eksempeldata"}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def status_of(published, computed, decimals: int | None = None,
              low: float | None = None, high: float | None = None) -> str:
    """`match` when `computed` rounded half-up to the printed precision equals `published`;
    `within_rounding` when it does not but the printed figure (read as the interval of its
    precision) meets [low, high], the values the printed inputs allow; `differs` otherwise;
    `not_reproducible` when either figure is missing."""
    if _missing(published) or _missing(computed):
        return NOT_REPRODUCIBLE
    d = printed_decimals(published) if decimals is None else decimals
    if round_half_up(computed, d) == round_half_up(published, d):
        return MATCH
    if low is not None and high is not None and not (_missing(low) or _missing(high)):
        h = half_unit(d) + 1e-9
        if float(published) - h <= high + 1e-9 and float(published) + h >= low - 1e-9:
            return WITHIN_ROUNDING
    return DIFFERS


def _number(value) -> float | int | None:
    if _missing(value):
        return None
    if isinstance(value, bool):
        raise AnalysisError(f"a check figure must be a number, not {value!r}")
    f = float(value)
    return int(f) if f.is_integer() and abs(f) < 1e15 else f


@dataclass(frozen=True)
class Check:
    """One reconciliation row. `decimals` is the printed precision of `published` (inferred
    when None; pass it when the source prints trailing zeros, e.g. 20,0 → 1). `low`/`high`
    bound what the printed inputs allow (None where the inputs are exact)."""

    item: str
    source: str
    published: float | int | None
    computed: float | int | None
    unit: str = ""
    note: str = ""
    decimals: int | None = None
    low: float | None = None
    high: float | None = None
    basis: str = RECOMPUTED
    finding: str = ""

    def __post_init__(self) -> None:
        if not self.item or not self.source:
            raise AnalysisError("a reconciliation check needs an item and a source")
        if self.basis not in BASES:
            raise AnalysisError(f"check '{self.item}': basis {self.basis!r} is not one of {BASES}")

    @classmethod
    def of(cls, item: str, source: str, published, computed: Approx | float | None,
           **kwargs) -> "Check":
        """A check whose computed figure is an `Approx` (value and the interval it allows)."""
        if isinstance(computed, Approx):
            exact = computed.is_exact
            return cls(item, source, published, computed.value,
                       low=None if exact else computed.low, high=None if exact else computed.high,
                       **kwargs)
        return cls(item, source, published, computed, **kwargs)

    @property
    def status(self) -> str:
        return status_of(self.published, self.computed, self.decimals, self.low, self.high)

    @property
    def status_da(self) -> str:
        return STATUS_DA[self.status]

    def with_finding(self, finding: str, note: str | None = None) -> "Check":
        """The same check, assigned to a finding (and with a new note when given)."""
        return replace(self, finding=finding, note=self.note if note is None else note)

    def record(self) -> dict:
        """The check as the protocol records it (plain numbers, contract field names)."""
        status = self.status
        assert status in STATUSES
        return {"item": self.item, "source": self.source,
                "published": _number(self.published), "computed": _number(self.computed),
                "low": _number(self.low), "high": _number(self.high), "unit": self.unit or "",
                "status": status, "basis": self.basis, "finding": self.finding or "",
                "note": self.note or ""}


def statuses(checks: Iterable[Check]) -> list[str]:
    """The status of each check, in order."""
    return [c.status for c in checks]
