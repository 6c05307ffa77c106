"""Typed notebook parameters: declared by the `parameters` cell, checked against the edition.

A notebook declares each parameter as `name = <literal>`; the literal's type is the type. The
build injects the `book_*` parameters itself (edition metadata, harvested tables) when a notebook
declares them; an edition file may not set them.
"""
from __future__ import annotations

import ast
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import nbformat

from .errors import BuildError, ParameterError
from .nbread import derived
from .paths import display

BUILD_PREFIX = "book_"
TYPE_NAMES = {bool: "true/false", int: "a whole number", float: "a number", str: "text",
              list: "a list", dict: "a mapping"}


@dataclass(frozen=True)
class Declared:
    """The parameters a notebook declares: name → default (whose type is the parameter's type)."""

    notebook: str
    defaults: Mapping[str, Any]

    @property
    def names(self) -> tuple[str, ...]:
        """The declared parameter names, in order."""
        return tuple(self.defaults)

    @property
    def inputs(self) -> tuple[str, ...]:
        """Parameters that name input files (by convention their names end in `_file`/`_files`)."""
        return tuple(n for n in self.defaults if n.endswith(("_file", "_files")))


def parameters_cell(nb: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    """The notebook's cell tagged `parameters` (None when it has none)."""
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    return cells[0] if cells else None


def declared_parameters(path: Path) -> Declared:
    """Parse the `parameters` cell of a notebook into name → literal default."""
    shown = display(path)
    return derived("declared", path, lambda nb: _declared(nb, shown), shown)


def _declared(nb: nbformat.NotebookNode, shown: str) -> Declared:
    cell = parameters_cell(nb)
    if cell is None:
        return Declared(shown, MappingProxyType({}))
    defaults: dict[str, Any] = {}
    try:
        tree = ast.parse(cell.source)
    except SyntaxError as exc:
        raise BuildError(f"Notebook {shown}: the parameters cell is not valid Python "
                         f"({exc.msg}, line {exc.lineno})") from None
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name, value = node.targets[0].id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            name, value = node.target.id, node.value
        else:
            raise BuildError(f"Notebook {shown}: the parameters cell may only hold `name = literal` lines "
                             f"(line {node.lineno})")
        try:
            defaults[name] = ast.literal_eval(value)
        except ValueError:
            raise BuildError(f"Notebook {shown}: parameter '{name}' must have a literal default "
                             f"(line {node.lineno})") from None
    return Declared(shown, MappingProxyType(defaults))


def _type_ok(default: Any, value: Any) -> bool:
    if default is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    for t in (int, str, list, dict):
        if isinstance(default, t):
            return isinstance(value, t)
    return type(value) is type(default)


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _element_type(values) -> type | None:
    """The one type of a default's elements (list items or mapping values), if they share one."""
    kinds = {type(v) for v in values}
    return kinds.pop() if len(kinds) == 1 and not kinds & {list, dict} else None


def value_problem(default: Any, value: Any) -> str | None:
    """Why `value` cannot stand for a parameter whose default is `default` (None when it can):
    the default's type; for lists and mappings the type of the default's elements; for a
    default written as an ISO date, a real date."""
    if not _type_ok(default, value):
        want = TYPE_NAMES.get(type(default), type(default).__name__)
        return f"must be {want} like the default {default!r}, not {value!r}"
    if isinstance(default, str) and ISO_DATE.fullmatch(default):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f"must be a real date written YYYY-MM-DD like the default {default!r}, not {value!r}"
    items = list(default.values()) if isinstance(default, dict) else default if isinstance(default, list) else []
    kind = _element_type(items)
    if kind is None or kind is type(None):
        return None
    given = ((f"the value of {k!r}", v) for k, v in value.items()) if isinstance(value, dict) else \
        ((f"item {i + 1}", v) for i, v in enumerate(value))
    for where, item in given:
        if not _type_ok(kind(), item):
            return (f"every element must be {TYPE_NAMES.get(kind, kind.__name__)} like in the default "
                    f"{default!r}; {where} is {item!r}")
    return None


def resolve_parameters(edition_file: str, chapter: str, declared: Declared,
                       section: Mapping[str, Any]) -> dict[str, Any]:
    """The edition's section merged over the notebook defaults, after checking every key (one
    ParameterError naming every bad key at once)."""
    valid = [n for n in declared.names if not n.startswith(BUILD_PREFIX)]
    problems = []
    for key, value in section.items():
        if key.startswith(BUILD_PREFIX):
            problems.append((key, "is set by the build and cannot be given in an edition"))
        elif key not in declared.defaults:
            problems.append((key, "is not a parameter of this chapter"))
        elif problem := value_problem(declared.defaults[key], value):
            problems.append((key, problem))
    if problems:
        errors = [ParameterError(edition_file, chapter, key, problem, valid) for key, problem in problems]
        raise ParameterError.joined(errors)
    merged = {k: v for k, v in declared.defaults.items() if not k.startswith(BUILD_PREFIX)}
    merged.update({k: (float(v) if isinstance(declared.defaults[k], float) else v) for k, v in section.items()})
    return merged
