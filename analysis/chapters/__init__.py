"""The chapters of the book, one package each, all of the same shape:

    schemas.py   pandera schemas of the chapter's inputs
    inputs.py    load_inputs(params) -> Inputs (a frozen dataclass), every input validated
    model.py     pure computations
    reconcile.py the chapter's reconciliation checks (analysis.core.check.Check)
    results.py   key figures and key messages
    views.py     tables, figures and texts for the notebook

`CHAPTERS` is the one registry (the chapter packages in this folder): the build finds a
chapter's input check through it, and
`EXTRACTS` says which of a chapter's input parameters are extracts an analyst replaces (each
quarter, or when a new year's tables arrive); every other input is a fixed source document.
`EDITION_DATED` names the date parameters that default to the edition's date.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any, Mapping

# Every package in this folder is a chapter (found, not listed: `render new-chapter` adds one by
# writing its package). The book's order of its parts is `_quarto.yml`'s, the one list of them.
CHAPTERS = tuple(sorted(p.parent.name for p in Path(__file__).parent.glob("*/__init__.py")))

QUARTERLY = "quarterly"
YEARLY = "yearly"
FIXED = "fixed"
# chapter -> {input parameter: (how often it is replaced, what the new file holds)}
EXTRACTS: dict[str, dict[str, tuple[str, str]]] = {
    "rammer": {},
    "kvoter": {
        "roster_file": (QUARTERLY, "HR's unit roster: employees and places held per unit, as of the extract date "
                                   "(set roster_date to its date, and roster_is_synthetic: false for a real extract)"),
    },
    "beskaeftigelsesplan": {
        "followup_file": (QUARTERLY, "the goals' status at the new follow-up round"),
        "summary_file": (QUARTERLY, "the follow-up's own count of goals by status"),
    },
    "investeringer": {
        "amounts_file": (QUARTERLY, "the investment cases' forecast and results at the new follow-up date"),
    },
    "benchmark": {
        "unit_costs_by_group_file": (YEARLY, "the new benchmark year's unit costs by target group"),
        "unit_costs_by_task_file": (YEARLY, "the new benchmark year's unit costs by task"),
        "group_tables_file": (YEARLY, "the new benchmark year's tables per target group"),
        "key_figures_file": (YEARLY, "the new benchmark year's key figures"),
    },
}

# chapter -> the parameters (dates) that, left empty in an edition, mean the edition's own date; the
# build fills them in, so the edition's date reaches only a chapter that prints it as its data's date.
EDITION_DATED: dict[str, tuple[str, ...]] = {"kvoter": ("roster_date",)}


def chapter(chapter_id: str) -> ModuleType:
    """The package of a chapter; KeyError for an id that is not a chapter."""
    if chapter_id not in CHAPTERS:
        raise KeyError(chapter_id)
    return importlib.import_module(f"{__name__}.{chapter_id}")


def load_inputs(chapter_id: str, params: Mapping[str, Any]) -> Any:
    """Read and validate every input of a chapter (raises analysis.core.errors.InputError or
    ParameterValueError)."""
    return chapter(chapter_id).load_inputs(params)


def input_kinds(chapter_id: str, parameters: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """Every input parameter (`*_file`, `*_files`) of a chapter with how often it is replaced
    (QUARTERLY, YEARLY or FIXED) and, for extracts, what the new file holds."""
    extracts = EXTRACTS.get(chapter_id, {})
    return {name: extracts.get(name, (FIXED, "a source document, transcribed"))
            for name in parameters if name.endswith(("_file", "_files"))}


def input_schemas(chapter_id: str) -> dict[str, Any]:
    """The pandera schema of each input parameter of a chapter (`inputs.INPUT_SCHEMAS`)."""
    return dict(importlib.import_module(f"{__name__}.{chapter_id}.inputs").INPUT_SCHEMAS)


def chapter_open_data(chapter_id: str) -> dict[str, tuple[str, str]]:
    """The Danish title and description a chapter gives its published tables (`views.OPEN_DATA`:
    table name → (title, description)); empty when it gives none."""
    return dict(getattr(importlib.import_module(f"{__name__}.{chapter_id}.views"), "OPEN_DATA", {}))


def enumerable_values(chapter_id: str, parameter: str, params: Mapping[str, Any]) -> list[Any] | None:
    """The values a chapter declares one of its parameters can take (`ENUMERABLE` in its
    package: parameter -> function of the chapter's parameters); None when it declares none."""
    values = getattr(chapter(chapter_id), "ENUMERABLE", {}).get(parameter)
    return None if values is None else list(values(params))
