"""Harvest what the notebooks recorded (key results, reconciliation checks, open-data tables)
from their executed outputs, and write them in the contract formats."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from analysis.report import CHECK_MIME, DATA_MIME, MESSAGES_MIME, RESULT_MIME, STATUSES

from .errors import HarvestError

RECONCILIATION_HEADER = ["chapter", "item", "source", "published", "computed", "unit", "status", "note"]
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Harvest:
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    checks: list[dict[str, Any]] = field(default_factory=list)
    tables: dict[str, str] = field(default_factory=dict)  # file name → CSV text
    messages: dict[str, list[str]] = field(default_factory=dict)  # part id → key messages


def _outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") in ("display_data", "execute_result"):
                yield out.get("data", {})


def harvest_notebook(part_id: str, path: Path) -> Harvest:
    results: dict[str, Any] = {}
    checks: list[dict[str, Any]] = []
    tables: dict[str, str] = {}
    messages: list[str] = []
    for data in _outputs(path):
        if MESSAGES_MIME in data:
            messages += data[MESSAGES_MIME]["messages"]
        if RESULT_MIME in data:
            rec = data[RESULT_MIME]
            name = rec.get("name", "")
            if not _SNAKE.match(str(name)):
                raise HarvestError(f"Notebook {part_id}: result name {name!r} is not lower snake case")
            if name in results:
                raise HarvestError(f"Notebook {part_id}: result '{name}' is recorded twice")
            results[name] = rec["value"]
        if CHECK_MIME in data:
            rec = dict(data[CHECK_MIME])
            if rec.get("status") not in STATUSES:
                raise HarvestError(f"Notebook {part_id}: check '{rec.get('item')}' has status {rec.get('status')!r}")
            checks.append({"chapter": part_id, **rec})
        if DATA_MIME in data:
            rec = data[DATA_MIME]
            fname = f"{part_id}_{rec['name']}.csv"
            if fname in tables:
                raise HarvestError(f"Notebook {part_id}: data table '{rec['name']}' is published twice")
            tables[fname] = rec["csv"]
    return Harvest({part_id: results} if results else {}, checks, tables,
                   {part_id: messages} if messages else {})


def merge(harvests: list[Harvest]) -> Harvest:
    results: dict[str, dict[str, Any]] = {}
    checks: list[dict[str, Any]] = []
    tables: dict[str, str] = {}
    messages: dict[str, list[str]] = {}
    for h in harvests:
        results.update(h.results)
        messages.update(h.messages)
        checks += h.checks
        tables.update(h.tables)
    return Harvest(results, checks, tables, messages)


def plain_number(value: Any) -> str:
    """A number as the contract wants it: `.` decimal, no thousands separator; empty if none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise HarvestError(f"not a number: {value!r}")
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return str(int(value))
    text = f"{float(value):.10f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def results_json(h: Harvest) -> str:
    return json.dumps(h.results, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def reconciliation_csv(h: Harvest) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(RECONCILIATION_HEADER)
    for c in h.checks:
        w.writerow([c["chapter"], c["item"], c["source"], plain_number(c.get("published")),
                    plain_number(c.get("computed")), c.get("unit", ""), c["status"], c.get("note", "")])
    return buf.getvalue()
