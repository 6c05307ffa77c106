"""Danish number formatting for the reader (`1.234,5`, `28,4 %`, `4,834 mio. kr.`), via babel."""
from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "da_DK"
MISSING = "–"


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _round(value: float, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value, decimals: int = 0, sign: bool = False) -> str:
    """`1234.5` → `1.234,5` (half-up rounding to `decimals`); missing → `–`.

    With `sign=True`, positive numbers get a leading `+` (for differences).
    """
    if _is_missing(value):
        return MISSING
    d = _round(value, decimals)
    if d == 0:
        d = abs(d)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    text = format_decimal(d, format=pattern, locale=LOCALE, decimal_quantization=True)
    text = text.replace("-", "−") if text.startswith("-") else text
    return ("+" + text) if sign and d > 0 else text


def integer(value, sign: bool = False) -> str:
    """A whole number in Danish (`1234` → `1.234`)."""
    return number(value, 0, sign=sign)


def percent(value, decimals: int = 1, sign: bool = False) -> str:
    """A value already in percent: `28.4` → `28,4 %`."""
    if _is_missing(value):
        return MISSING
    return f"{number(value, decimals, sign=sign)}\u00a0%"


def points(value, decimals: int = 1, sign: bool = True) -> str:
    """A difference of percentages, in percentage points: `-2.5` → `−2,5 procentpoint`."""
    if _is_missing(value):
        return MISSING
    return f"{number(value, decimals, sign=sign)} procentpoint"


def amount(value, unit: str = "mio. kr.", decimals: int = 1, sign: bool = False) -> str:
    """An amount with its unit: `4.834, 'mio. kr.', 3` → `4,834 mio. kr.`."""
    if _is_missing(value):
        return MISSING
    return f"{number(value, decimals, sign=sign)}\u00a0{unit}"


def date(value: dt.date | str, style: str = "long") -> str:
    """`2025-02-01` → `1. februar 2025`."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format=style, locale=LOCALE)
