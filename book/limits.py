"""The build's limits, stated once: the largest text parameter, edition file and input file
it accepts (refused by `check` and by a render, naming the limit), and the default time the
render stage may take. They keep a hostile or mistaken edition from running a renderer for
hours at gigabytes of memory."""
from __future__ import annotations

from pathlib import Path

MAX_TEXT_CHARS = 2_000  # a title, subtitle or text parameter (each string in a list or mapping)
MAX_EDITION_BYTES = 1_000_000  # an edition file
MAX_INPUT_BYTES = 100_000_000  # one input file (a 220.000-row roster is about 15 MB)
RENDER_TIMEOUT = 1800.0  # seconds the render stage (pandoc + Typst, or Quarto) may take


def size_words(n: int) -> str:
    """A size as an analyst reads it: `10.0 MB`, or `1.234 bytes` below 0.1 MB."""
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes".replace(",", ".")


def input_too_large(path: Path, size: int, parameter: str = "") -> str:
    """The refusal of an input file over MAX_INPUT_BYTES."""
    named = f" named by parameter '{parameter}'" if parameter else ""
    return (f"the input file {path.name}{named} is {size_words(size)}; the limit for one input file is "
            f"{size_words(MAX_INPUT_BYTES)} (book/limits.py MAX_INPUT_BYTES).")


def text_too_long(value: str) -> str | None:
    """Why a text value is over MAX_TEXT_CHARS (None when it is not)."""
    if len(value) <= MAX_TEXT_CHARS:
        return None
    return (f"is {len(value):,} characters long; the limit for a text is "
            f"{MAX_TEXT_CHARS:,} characters (book/limits.py MAX_TEXT_CHARS)").replace(",", ".")


def long_texts(value, where: str = ""):
    """(place, problem) for every string in a value (lists and mappings walked) over the limit."""
    if isinstance(value, str):
        problem = text_too_long(value)
        if problem:
            yield where, problem
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from long_texts(v, f"{where}.{k}" if where else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from long_texts(v, f"{where}[{i + 1}]")
