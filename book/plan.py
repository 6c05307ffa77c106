"""The build plan of an edition: every part of the book with its checked parameters, and the
check of every chapter's input files (before anything runs)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from .cache import expand_inputs
from .chapters import check_chapter_inputs, check_sources, edition_dated
from .editions import Edition
from .errors import EditionError, InputCheckError, ParameterError
from .limits import MAX_INPUT_BYTES, input_too_large
from .nbread import derived
from .parameters import BUILD_PREFIX, Declared, declared_parameters, resolve_parameters
from .paths import display, resolve
from .project import BookSpec, Part
from .verdicts import Verdicts, chapter_key, sources_key

# Files the build writes from what the chapters recorded: a part declaring one runs after them.
HARVEST_PARAMETERS = ("book_results_file", "book_reconciliation_file", "book_messages_file",
                      "book_findings_file", "book_key_figures_file", "book_front_file", "book_changes_file")
# Files the build writes from the plan alone (the edition's parameters, its input files): a part
# declaring only these runs beside the chapters.
PLAN_PARAMETERS = ("book_parameters_file", "book_inputs_file")


@dataclass(frozen=True)
class PlannedPart:
    """One part of the book with its checked parameters and title."""
    part: Part
    declared: Declared
    parameters: Mapping[str, Any]  # edition over defaults, without book_* parameters
    title: str

    @property
    def id(self) -> str:
        """The part's id (its notebook's stem)."""
        return self.part.id

    @property
    def needs_harvest(self) -> bool:
        """Parts that show what other parts recorded run after them (the appendices that read
        the chapters' results); parts that read only what the plan gives run beside the chapters."""
        return any(n in self.declared.defaults for n in HARVEST_PARAMETERS)

    @property
    def reads_plan(self) -> bool:
        """Parts that show what the plan gives (the edition's parameters or input files)."""
        return any(n in self.declared.defaults for n in PLAN_PARAMETERS)


@dataclass(frozen=True)
class Plan:
    """An edition's build plan: every part of the book with its parameters."""
    edition: Edition
    book: BookSpec
    parts: tuple[PlannedPart, ...]

    def part(self, part_id: str) -> PlannedPart:
        """The planned part with this id."""
        return next(p for p in self.parts if p.id == part_id)


def notebook_title(path: Path) -> str:
    """The notebook's first Markdown heading (its file name when it has none)."""
    return derived("title", path, lambda nb: _title(nb, path.stem), path.stem)


def _title(nb, stem: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+?)\s*(\{.*\})?\s*$", cell.source, re.M)
            if m:
                return m.group(1)
    return stem


def make_plan(edition: Edition, book: BookSpec) -> Plan:
    """Check the edition's sections against the notebooks' declared parameters."""
    shown = display(edition.path)
    unknown = [k for k in edition.sections if k not in book.ids]
    if unknown:
        raise EditionError(shown, f"section '{unknown[0]}' is not a part of the book; "
                                  f"known parts: {', '.join(book.ids)}")
    parts, errors = [], []
    for part in book.parts:
        if not part.path.is_file():
            raise EditionError("_quarto.yml", f"lists {display(part.path)}, which does not exist")
        declared = declared_parameters(part.path)
        try:
            params = resolve_parameters(shown, part.id, declared, edition.section(part.id))
        except ParameterError as err:  # every chapter's bad keys are reported together
            errors.append(err)
            continue
        parts.append(PlannedPart(part, declared, MappingProxyType(params), notebook_title(part.path)))
    if errors:
        raise ParameterError.joined(errors)
    return Plan(edition, book, tuple(parts))


def column_map(edition: Edition) -> dict[str, dict[str, str]]:
    """The edition's `columns:` map with every file by its project-relative name (during a
    render, the name of its copy in the snapshot)."""
    return {display(resolve(file)): dict(mapping) for file, mapping in sorted(edition.columns.items())}


def own_columns(columns: Mapping[str, dict[str, str]], parameters: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """The part of the edition's column map that names the part's own input files (so that a map
    for one chapter's extract is no part of another chapter's cache key)."""
    own = {display(path) for paths in expand_inputs(parameters).values() for path in paths}
    return {file: mapping for file, mapping in columns.items() if file in own}


def check_inputs(plan: Plan, verdicts: Verdicts | None = None) -> int:
    """Every rule a render enforces on the inputs (`check` runs exactly these): every input file
    exists and is within the size limit, passes its chapter's validation, and every file in
    data/raw has a provenance row; returns the files checked. With `verdicts`, a chapter's
    validation (and the provenance check) that passed before on exactly these files, parameters
    and source is not run again (book.verdicts)."""
    columns = {"book_column_map": column_map(plan.edition)}  # the readers rename headers by it
    count = 0
    for p in plan.parts:
        for name, paths in expand_inputs(p.parameters).items():
            for path in paths:
                if not path.is_file():
                    raise InputCheckError(p.id, f"the input file {display(path)} named by parameter "
                                                f"'{name}' does not exist (edition file {display(plan.edition.path)}).")
                if path.stat().st_size > MAX_INPUT_BYTES:
                    raise InputCheckError(p.id, input_too_large(path, path.stat().st_size, name), display(path))
                count += 1
        params = {**p.parameters, **columns}
        key = chapter_key(p.part.path, params) if verdicts else ""
        if not (verdicts and verdicts.passed(key)):
            if check_chapter_inputs(p.id, params, display(plan.edition.path)) and verdicts:
                verdicts.remember(key)
    key = sources_key() if verdicts else ""
    if not (verdicts and verdicts.passed(key)):
        check_sources()  # the provenance registries Datagrundlag shows (every file in data/raw has a row)
        if verdicts:
            verdicts.remember(key)
    return count


def injected_parameters(p: PlannedPart, plan: Plan, harvest_files: Mapping[str, Path]) -> dict[str, Any]:
    """The `book_*` parameters a notebook declares, filled in by the build, and the chapter's
    date parameters left empty that mean the edition's date (`chapters.edition_dated`)."""
    e = plan.edition
    values: dict[str, Any] = {
        "book_edition": e.id,
        "book_title": e.title,
        "book_subtitle": e.subtitle,
        "book_date": e.date.isoformat(),
        "book_parts": [[q.id, q.part.role, q.title] for q in plan.parts],
        "book_column_map": own_columns(column_map(e), p.parameters),  # its readers rename headers by it
    }
    values.update({k: str(v) for k, v in harvest_files.items()})
    return {**{k: v for k, v in values.items() if k in p.declared.defaults and k.startswith(BUILD_PREFIX)},
            **edition_dated(p.id, p.parameters, e.date.isoformat())}
