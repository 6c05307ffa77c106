"""Harvest what the notebooks recorded (key results, reconciliation checks, open-data tables)
from their executed outputs, and write them in the contract formats."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report.protocol import (
    BASES,
    CHECK_FIELDS,
    CHECK_MIME,
    COMMITTEE_KINDS,
    COMMITTEE_MIME,
    DATA_MIME,
    FINDING_MIME,
    FINDINGS_HEADER,
    MATCH,
    MESSAGES_MIME,
    PERIOD_MIME,
    RECONCILIATION_HEADER,
    RESULT_MIME,
    STATUSES,
    is_valid_name,
)

from .errors import HarvestError
from .nbread import derived
from .spreadsheet import safe_csv


@dataclass(frozen=True)
class Harvest:
    """What the notebooks of one build recorded: key results, checks, open-data tables, key messages and findings."""
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    checks: list[dict[str, Any]] = field(default_factory=list)
    tables: dict[str, str] = field(default_factory=dict)  # file name → CSV text
    messages: dict[str, list[str]] = field(default_factory=dict)  # part id → key messages
    findings: list[dict[str, Any]] = field(default_factory=list)  # chapter, finding, title, explanation
    meta: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # chapter → name → metadata
    committee: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # part id → items »Til udvalget«
    periods: dict[str, str] = field(default_factory=dict)  # part id → the period its figures refer to
    described: dict[str, dict[str, Any]] = field(default_factory=dict)  # data file → title, Table Schema fields


def _outputs(nb):
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") in ("display_data", "execute_result"):
                yield out.get("data", {})


def harvest_notebook(part_id: str, path: Path) -> Harvest:
    """Read the records of one executed notebook (results, checks, tables, messages, findings),
    refusing malformed or duplicate ones. Kept by the notebook's content (book.nbread): a build
    harvests the chapters twice, a warm build and the next edition the same notebooks again."""
    return derived("harvest", path, lambda nb: _harvest(part_id, nb), part_id, keep=False)


def _harvest(part_id: str, nb) -> Harvest:
    results: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    checks: list[dict[str, Any]] = []
    tables: dict[str, str] = {}
    messages: list[str] = []
    findings: list[dict[str, Any]] = []
    committee: list[dict[str, Any]] = []
    periods: list[str] = []
    described: dict[str, dict[str, Any]] = {}
    for data in _outputs(nb):
        if COMMITTEE_MIME in data:
            committee += [_committee_item(part_id, i) for i in data[COMMITTEE_MIME]["items"]]
        if PERIOD_MIME in data:
            periods.append(data[PERIOD_MIME]["text"])
        if MESSAGES_MIME in data:
            messages += data[MESSAGES_MIME]["messages"]
        if RESULT_MIME in data:
            rec = data[RESULT_MIME]
            name = rec.get("name", "")
            if not is_valid_name(name):
                raise HarvestError(f"Notebook {part_id}: result name {name!r} is not lower snake case")
            if name in results:
                raise HarvestError(f"Notebook {part_id}: result '{name}' is recorded twice")
            results[name] = rec["value"]
            meta[name] = {"unit": rec.get("unit"), **(rec.get("meta") or {})}
        if CHECK_MIME in data:
            checks.append(_check_record(part_id, data[CHECK_MIME]))
        if FINDING_MIME in data:
            findings.append({"chapter": part_id, **data[FINDING_MIME]})
        if DATA_MIME in data:
            rec = data[DATA_MIME]
            fname = f"{part_id}_{rec['name']}.csv"
            if fname in tables:
                raise HarvestError(f"Notebook {part_id}: data table '{rec['name']}' is published twice")
            tables[fname] = safe_csv(rec["csv"])  # open data: safe to open in a spreadsheet
            described[fname] = {"title": rec.get("title"), "fields": rec.get("fields") or [], "part": part_id}
    _check_findings(part_id, checks, findings)
    return Harvest({part_id: results} if results else {}, checks, tables,
                   {part_id: messages} if messages else {}, findings, {part_id: meta} if meta else {},
                   committee={part_id: committee} if committee else {},
                   periods={part_id: " ".join(periods)} if periods else {}, described=described)



def _committee_item(part_id: str, item: dict) -> dict[str, Any]:
    if item.get("kind") not in COMMITTEE_KINDS:
        raise HarvestError(f"Notebook {part_id}: item »Til udvalget« {str(item.get('text'))[:60]!r} has kind "
                           f"{item.get('kind')!r}; known kinds: {', '.join(COMMITTEE_KINDS)}")
    if item["kind"] == "decided" and not item.get("date"):
        raise HarvestError(f"Notebook {part_id}: decided item {str(item.get('text'))[:60]!r} has no date")
    return dict(item)


def _check_record(part_id: str, record: dict) -> dict[str, Any]:
    rec = {k: record.get(k) for k in CHECK_FIELDS}
    if rec["status"] not in STATUSES:
        raise HarvestError(f"Notebook {part_id}: check '{rec['item']}' has status {rec['status']!r}")
    rec["basis"] = rec["basis"] or "recomputed"
    if rec["basis"] not in BASES:
        raise HarvestError(f"Notebook {part_id}: check '{rec['item']}' has basis {rec['basis']!r}")
    return {"chapter": part_id, **rec}


def _check_findings(part_id: str, checks: list[dict], findings: list[dict]) -> None:
    """Every finding a check names is recorded once by the same notebook."""
    known = [f["finding"] for f in findings]
    twice = {f for f in known if known.count(f) > 1}
    if twice:
        raise HarvestError(f"Notebook {part_id}: finding '{sorted(twice)[0]}' is recorded twice")
    for c in checks:
        if c.get("finding") and c["finding"] not in known:
            raise HarvestError(f"Notebook {part_id}: check '{c['item']}' names finding "
                               f"'{c['finding']}', which the notebook does not record")


def merge(harvests: list[Harvest]) -> Harvest:
    """One harvest of several notebooks, in book order."""
    results: dict[str, dict[str, Any]] = {}
    checks: list[dict[str, Any]] = []
    tables: dict[str, str] = {}
    messages: dict[str, list[str]] = {}
    findings: list[dict[str, Any]] = []
    meta: dict[str, dict[str, dict[str, Any]]] = {}
    committee: dict[str, list[dict[str, Any]]] = {}
    periods: dict[str, str] = {}
    described: dict[str, dict[str, Any]] = {}
    for h in harvests:
        results.update(h.results)
        meta.update(h.meta)
        messages.update(h.messages)
        committee.update(h.committee)
        periods.update(h.periods)
        checks += h.checks
        tables.update(h.tables)
        findings += h.findings
        described.update(h.described)
    return Harvest(results, checks, tables, messages, findings, meta, committee, periods, described)


def front_json(h: Harvest) -> str:
    """What the front chapter gathers from the chapters: per part, its items »Til udvalget«
    and the period its figures refer to."""
    parts = list(dict.fromkeys([*h.committee, *h.periods]))
    out = {p: {"committee": h.committee.get(p, []), "period": h.periods.get(p, "")} for p in parts}
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


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
    """results.json: every key figure as {chapter: {name: number}}, sorted."""
    return json.dumps(h.results, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def key_figures_json(h: Harvest) -> str:
    """key_figures.json: every key figure of results.json with its value and metadata (unit,
    Danish label, population, source, as_of, definition), as {chapter: {name: {...}}}, sorted."""
    out = {chapter: {name: {"value": value, **h.meta.get(chapter, {}).get(name, {})}
                     for name, value in figures.items()}
           for chapter, figures in h.results.items()}
    return json.dumps(out, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def reconciliation_csv(h: Harvest) -> str:
    """reconciliation.csv in the contract's header and number format."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(RECONCILIATION_HEADER)
    numeric = {"published", "computed", "low", "high"}
    for c in h.checks:
        w.writerow([plain_number(c.get(k)) if k in numeric else (c.get(k) or "")
                    for k in RECONCILIATION_HEADER])
    return buf.getvalue()


def findings_csv(h: Harvest) -> str:
    """One row per finding with the number of checks it covers (`rows`)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(FINDINGS_HEADER)
    for f in h.findings:
        rows = sum(1 for c in h.checks if c["chapter"] == f["chapter"] and c.get("finding") == f["finding"])
        w.writerow([f["chapter"], f["finding"], f["title"], f["explanation"], rows])
    return buf.getvalue()


def unexplained(h: Harvest) -> list[dict[str, Any]]:
    """Checks that do not match and name no finding (the book should explain every one)."""
    return [c for c in h.checks if c["status"] != MATCH and not c.get("finding")]
