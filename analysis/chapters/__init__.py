"""The chapters of the book, one package each, all of the same shape:

    schemas.py   pandera schemas of the chapter's inputs
    inputs.py    load_inputs(params) -> Inputs (a frozen dataclass), every input validated
    model.py     pure computations
    reconcile.py the chapter's reconciliation checks (analysis.core.check.Check)
    results.py   key figures and key messages
    views.py     tables, figures and texts for the notebook

`CHAPTERS` is the one registry: the build finds a chapter's input check through it.
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any, Mapping

CHAPTERS = ("rammer", "kvoter", "beskaeftigelsesplan", "investeringer", "benchmark")


def chapter(chapter_id: str) -> ModuleType:
    """The package of a chapter; KeyError for an id that is not a chapter."""
    if chapter_id not in CHAPTERS:
        raise KeyError(chapter_id)
    return importlib.import_module(f"{__name__}.{chapter_id}")


def load_inputs(chapter_id: str, params: Mapping[str, Any]) -> Any:
    """Read and validate every input of a chapter (raises analysis.core.errors.InputError or
    ParameterValueError)."""
    return chapter(chapter_id).load_inputs(params)
