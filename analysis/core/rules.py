"""The rules of an input schema in plain words, read from the schema itself: a column's type
(»a whole number«, »a number«, »text«) and each check's bounds or allowed values (»a whole number
from 1 to 12«, »one of 'a', 'b'«), never the validation library's internal names.

A check whose rule is better said in words of its own carries them in the schema:
`pa.Check.str_matches(GOAL_ID, description="a goal number such as 1.2 or 3.3.1")`, or
`pa.Check(function, error="...")` for a rule of the chapter's own.
"""
from __future__ import annotations

import pandas as pd

MAX_LISTED = 8  # allowed values listed in a message before »…«


def type_kind(dtype: object) -> str:
    """The kind of a column's type: 'whole', 'number', 'yes/no', 'date', 'text' or 'value'."""
    t = getattr(dtype, "type", dtype)
    try:
        if pd.api.types.is_bool_dtype(t):
            return "yes/no"
        if pd.api.types.is_integer_dtype(t):
            return "whole"
        if pd.api.types.is_float_dtype(t):
            return "number"
        if pd.api.types.is_datetime64_any_dtype(t):
            return "date"
        if pd.api.types.is_string_dtype(t):
            return "text"
    except TypeError:
        pass
    return "value"


_TYPE_WORDS = {"whole": "a whole number", "number": "a number", "yes/no": "yes or no",
               "date": "a date", "text": "text", "value": "a value"}
_FOUND_WORDS = {"whole": "whole numbers", "number": "numbers", "yes/no": "yes/no values",
                "date": "dates", "text": "text", "value": "values of another type"}


def type_words(dtype: object) -> str:
    """A column's type in words: »a whole number«, »a number«, »text«, ..."""
    return _TYPE_WORDS[type_kind(dtype)]


def found_words(dtype: object) -> str:
    """What a column of this type holds, in words (»whole numbers«, »text«)."""
    return _FOUND_WORDS[type_kind(dtype)]


def _n(value: object) -> str:
    """A bound as written in a rule: 12, not 12.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _listed(values: object) -> str:
    """Allowed values, quoted, at most MAX_LISTED of them."""
    values = list(values)
    shown = ", ".join(repr(v) if isinstance(v, str) else _n(v) for v in values[:MAX_LISTED])
    return shown + (", …" if len(values) > MAX_LISTED else "")


def _in_range(s: dict) -> str:
    low = f"from {_n(s['min_value'])}" if s.get("include_min", True) else f"above {_n(s['min_value'])}"
    high = f"to {_n(s['max_value'])}" if s.get("include_max", True) else f"below {_n(s['max_value'])}"
    return f"{low} {high}"


_BOUNDS = {
    "in_range": _in_range,
    "greater_than_or_equal_to": lambda s: f"of {_n(s['min_value'])} or more",
    "greater_than": lambda s: f"above {_n(s['min_value'])}",
    "less_than_or_equal_to": lambda s: f"of at most {_n(s['max_value'])}",
    "less_than": lambda s: f"below {_n(s['max_value'])}",
    "equal_to": lambda s: f"equal to {_n(s['value'])}",
    "not_equal_to": lambda s: f"other than {_n(s['value'])}",
}
_VALUES = {
    "isin": lambda s: f"one of {_listed(s['allowed_values'])}",
    "notin": lambda s: f"none of {_listed(s['forbidden_values'])}",
    "str_matches": lambda s: f"text of the form {s['pattern']}",
    "str_contains": lambda s: f"text containing {s['pattern']}",
    "str_startswith": lambda s: f"text beginning with {s['string']!r}",
    "str_endswith": lambda s: f"text ending with {s['string']!r}",
    "unique_values_eq": lambda s: f"exactly the values {_listed(s['values'])}",
}


def _str_length(s: dict) -> str:
    low, high = s.get("min_value"), s.get("max_value")
    if s.get("exact_value") is not None:
        return f"text of {s['exact_value']} characters"
    if low is not None and high is not None:
        return f"text of {low} to {high} characters"
    return f"text of at least {low} characters" if low is not None else f"text of at most {high} characters"


BUILT_IN = frozenset(_BOUNDS) | frozenset(_VALUES) | {"str_length"}


def own_error(check: object) -> bool:
    """Whether the schema gave `check` words of its own (`error=`): a check of the chapter's
    own, or a built-in one whose error differs from the one the library makes for its bounds."""
    name = getattr(check, "name", None)
    if name not in BUILT_IN:
        return bool(getattr(check, "error", None))
    try:
        made = getattr(type(check), name)(**(check.statistics or {})).error
    except (AttributeError, TypeError, ValueError):
        return False
    return check.error != made


def check_words(check: object, dtype: object = None) -> str:
    """What a value must be to pass `check`, in plain words (»a whole number from 1 to 12«).

    The schema's own words win: a check's `description`, else, for a check of the chapter's
    own, its `error`; the library's built-in checks are described from their bounds."""
    if getattr(check, "description", None):
        return str(check.description)
    if own_error(check):
        return str(check.error)
    name, stats = getattr(check, "name", None), getattr(check, "statistics", None) or {}
    try:
        if name in _BOUNDS:
            kind = type_words(dtype) if dtype is not None and type_kind(dtype) in ("whole", "number") else "a value"
            return f"{kind} {_BOUNDS[name](stats)}"
        if name in _VALUES:
            return _VALUES[name](stats)
        if name == "str_length":
            return _str_length(stats)
    except KeyError:
        pass
    return str(getattr(check, "error", None) or name or check)
