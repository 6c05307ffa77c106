"""Printed precision: how many decimals a figure was printed with, and the interval a printed
figure stands for (`26,6` stands for [26,55; 26,65]; a count of persons is exact).

`Approx` carries a value recomputed from printed inputs together with the interval those
inputs allow, through sums, differences, products, ratios, means, shares and percent
deviations. Intervals are combined by their corners, which is exact for these monotone
operations on one occurrence of each input.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable


def printed_decimals(value: float | int | str) -> int:
    """The decimals a number shows when printed without trailing zeros (`26.60` → 1, `20` → 0).
    Pass the decimals explicitly where the source prints trailing zeros (20,0 → 1)."""
    d = Decimal(str(value)).normalize()
    return max(0, -d.as_tuple().exponent)


def half_unit(decimals: int) -> float:
    """Half of the last printed digit: the most rounding can move a printed figure."""
    return 0.5 * 10 ** (-decimals)


def round_half_up(value: float, decimals: int) -> Decimal:
    """`value` rounded half-up to `decimals`, as a printed table rounds."""
    q = Decimal(1).scaleb(-decimals)
    return Decimal(str(float(value))).quantize(q, rounding=ROUND_HALF_UP)


def _corners(op, a: "Approx", b: "Approx") -> tuple[float, float]:
    vals = [op(x, y) for x in (a.low, a.high) for y in (b.low, b.high)]
    vals = [v for v in vals if not math.isnan(v)]
    return (min(vals), max(vals)) if vals else (-math.inf, math.inf)


def _div(x: float, y: float) -> float:
    if y == 0:
        return math.nan
    return x / y


@dataclass(frozen=True)
class Approx:
    """A value and the interval [low, high] that the printed inputs behind it allow."""

    value: float
    low: float
    high: float

    @classmethod
    def exact(cls, value: float) -> "Approx":
        """A figure with no rounding (a count, or a definition such as 100 %)."""
        v = float(value)
        return cls(v, v, v)

    @classmethod
    def printed(cls, value: float, decimals: int | None = None) -> "Approx":
        """A figure printed to `decimals` (inferred from `value` when None)."""
        d = printed_decimals(value) if decimals is None else decimals
        v, h = float(value), half_unit(d)
        return cls(v, v - h, v + h)

    @property
    def is_exact(self) -> bool:
        return self.low == self.high

    def contains(self, value: float, decimals: int = 0) -> bool:
        """True when `value`, printed to `decimals`, can stand for a number in [low, high]."""
        h = half_unit(decimals) + 1e-9
        return value - h <= self.high + 1e-9 and value + h >= self.low - 1e-9

    def overlaps(self, other: "Approx") -> bool:
        """True when the two intervals share a value (their order is then ambiguous)."""
        return self.low <= other.high and other.low <= self.high

    @staticmethod
    def _of(x) -> "Approx":
        return x if isinstance(x, Approx) else Approx.exact(x)

    def __add__(self, other) -> "Approx":
        o = self._of(other)
        return Approx(self.value + o.value, self.low + o.low, self.high + o.high)

    __radd__ = __add__

    def __sub__(self, other) -> "Approx":
        o = self._of(other)
        return Approx(self.value - o.value, self.low - o.high, self.high - o.low)

    def __rsub__(self, other) -> "Approx":
        return self._of(other) - self

    def __neg__(self) -> "Approx":
        return Approx(-self.value, -self.high, -self.low)

    def __mul__(self, other) -> "Approx":
        o = self._of(other)
        lo, hi = _corners(lambda x, y: x * y, self, o)
        return Approx(self.value * o.value, lo, hi)

    __rmul__ = __mul__

    def __truediv__(self, other) -> "Approx":
        o = self._of(other)
        if o.low <= 0 <= o.high:
            return Approx(_div(self.value, o.value), -math.inf, math.inf)
        lo, hi = _corners(_div, self, o)
        return Approx(self.value / o.value, lo, hi)

    def __rtruediv__(self, other) -> "Approx":
        return self._of(other) / self


def total(items: Iterable[Approx | float]) -> Approx:
    """The sum of printed figures: the interval widens by each one's rounding."""
    out = Approx.exact(0)
    for x in items:
        out = out + x
    return out


def mean(items: Iterable[Approx | float]) -> Approx:
    """The mean of printed figures (their number is exact)."""
    xs = list(items)
    if not xs:
        raise ValueError("the mean of no figures")
    return total(xs) / len(xs)


def share_pct(part: Approx | float, whole: Approx | float) -> Approx:
    """`part` as a percentage of `whole`. With `part` one of the parts of `whole`, the corners
    overstate the interval slightly (part and whole move together), never understate it."""
    return Approx._of(part) / whole * 100


def pct_deviation(value: Approx | float, reference: Approx | float) -> Approx:
    """How many percent `value` lies above (+) or below (−) `reference`."""
    return (Approx._of(value) / reference - 1) * 100


def pp_difference(value: Approx | float, reference: Approx | float) -> Approx:
    """The difference in percentage points between two percentages."""
    return Approx._of(value) - reference
