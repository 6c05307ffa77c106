"""Input checks of a chapter, found by convention so the build needs no domain knowledge.

A chapter `<id>` whose module `analysis/<id>.py` (or package) defines
`load_inputs(params: Mapping[str, Any]) -> Any` gets its inputs validated by
`render.py check` and before every render. `load_inputs` reads every input file named in
`params`, validates it lazily and raises `analysis.errors.InputError` on the first bad file.
"""
from __future__ import annotations

import importlib
import importlib.util
from typing import Any, Mapping


def check_chapter_inputs(chapter_id: str, params: Mapping[str, Any]) -> bool:
    """Validate a chapter's inputs; True if the chapter has a checker, False if it has none."""
    name = f"analysis.{chapter_id}"
    if importlib.util.find_spec(name) is None:
        return False
    loader = getattr(importlib.import_module(name), "load_inputs", None)
    if loader is None:
        return False
    loader(params)
    return True
