"""What the front chapter and the appendices show, read once: `load_inputs(params) -> Inputs`.

The build sets the `book_*` parameters a part declares (the edition, the book's parts, and the
files it wrote: what the chapters recorded and what the plan holds); the part hands its
parameters over as one mapping, `load_inputs(collected(globals()))`, as the chapters do, and
shows what `Inputs` holds. A file a part does not declare, or that the build has not written
(the notebook run on its own), is read as empty."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import pandas as pd

from report.protocol import FINDINGS_HEADER, RECONCILIATION_HEADER

from . import changes
from .reconciliation import read_findings


def read_json(path: str | Path) -> Any:
    """A JSON file the build harvested."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def read_reconciliation(path: str | Path) -> pd.DataFrame:
    """reconciliation.csv with published/computed kept as text (their printed precision matters)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@dataclass(frozen=True)
class Inputs:
    """What a front or appendix part shows: its parameters and the files they name, read."""

    parameters: Mapping[str, Any]
    parts: tuple[tuple[str, str, str], ...]  # (part id, role, title) in book order
    front: Mapping[str, Any]  # front.json: {part: {"committee": [items], "period": text}}
    messages: Mapping[str, list[str]]  # messages.json: {part: [key messages]}
    reconciliation: pd.DataFrame  # reconciliation.csv, as text
    findings: pd.DataFrame  # findings.csv
    edition_parameters: Mapping[str, Any]  # parameters.json: this and the previous edition's (Bilag A)
    input_files: list  # inputs.json: every input file of the edition (Bilag B)
    changes: Mapping[str, Any] | None  # what changed since the previous edition (None: no previous)
    series: Mapping[str, Any] | None  # the series file: the earlier editions' published figures
    key_figures: Mapping[str, Any]  # key_figures.json: this edition's key figures with their metadata

    @property
    def edition(self) -> str:
        """The edition's id."""
        return self.parameters.get("book_edition", "")

    @property
    def date(self) -> str:
        """The edition's date (ISO)."""
        return self.parameters.get("book_date", "")

    @property
    def titles(self) -> dict[str, str]:
        """Every part's title by its id."""
        return {pid: title for pid, _role, title in self.parts}

    @property
    def chapter_titles(self) -> dict[str, str]:
        """The chapters' titles by their id, in book order (not the front matter or appendices)."""
        return {pid: title for pid, role, title in self.parts if role == "chapter"}


def _read(params: Mapping[str, Any], key: str, reader, empty):
    path = params.get(key)
    return reader(path) if path else empty


def load_inputs(params: Mapping[str, Any]) -> Inputs:
    """Read every file the part's `book_*_file` parameters name (see the module docstring)."""
    return Inputs(
        parameters=MappingProxyType(dict(params)),
        parts=tuple(tuple(p) for p in params.get("book_parts", ())),
        front=_read(params, "book_front_file", read_json, {}),
        messages=_read(params, "book_messages_file", read_json, {}),
        reconciliation=_read(params, "book_reconciliation_file", read_reconciliation,
                             pd.DataFrame(columns=list(RECONCILIATION_HEADER), dtype=str)),
        findings=_read(params, "book_findings_file", read_findings,
                       pd.DataFrame(columns=list(FINDINGS_HEADER), dtype=str)),
        edition_parameters=_read(params, "book_parameters_file", read_json, {}),
        input_files=_read(params, "book_inputs_file", read_json, []),
        changes=changes.read(params.get("book_changes_file")),
        series=_read(params, "book_series_file", lambda p: read_json(p) if Path(p).is_file() else None, None),
        key_figures=_read(params, "book_key_figures_file", read_json, {}),
    )
