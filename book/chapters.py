"""The one module of the build that knows the domain exists: it checks a chapter's inputs
through the chapter registry, and turns the domain's errors into build errors that keep
their facts (file, failures; chapter, parameter, value, rule)."""
from __future__ import annotations

from typing import Any, Mapping

from analysis.chapters import CHAPTERS, QUARTERLY, YEARLY, input_kinds, input_schemas, load_inputs
from analysis.core.errors import AnalysisError, InputError, ParameterValueError

from .errors import InputCheckError, ParameterValueCheckError


def is_chapter(part_id: str) -> bool:
    """True for the parts of the book that are chapters (they have inputs to check)."""
    return part_id in CHAPTERS


def check_chapter_inputs(part_id: str, params: Mapping[str, Any], edition_file: str) -> bool:
    """Validate a chapter's input files and parameter values; False for parts that are not
    chapters. Raises InputCheckError or ParameterValueCheckError."""
    if not is_chapter(part_id):
        return False
    try:
        load_inputs(part_id, params)
    except ParameterValueError as err:
        raise ParameterValueCheckError(edition_file, part_id, err.parameter, err.value, err.rule) from None
    except InputError as err:
        failures = tuple((f.row, f.column, f.rule, f.value) for f in err.failures)
        raise InputCheckError(part_id, str(err), file=err.file, failures=failures) from None
    except AnalysisError as err:
        raise InputCheckError(part_id, str(err)) from None
    return True


def replaced_inputs(part_id: str, parameters: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """The input parameters of a part that an analyst replaces (QUARTERLY or YEARLY), with what
    the new file holds; empty for parts that are not chapters or have none."""
    if not is_chapter(part_id):
        return {}
    return {k: v for k, v in input_kinds(part_id, parameters).items() if v[0] in (QUARTERLY, YEARLY)}


def input_columns(part_id: str) -> dict[str, list[tuple[str, bool]]]:
    """The columns each input parameter of a chapter must have, as (name, required), from the
    chapter's schemas; empty for parts that are not chapters."""
    if not is_chapter(part_id):
        return {}
    return {param: [(name, bool(col.required)) for name, col in schema.columns.items()]
            for param, schema in input_schemas(part_id).items()}
