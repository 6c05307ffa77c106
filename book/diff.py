"""What changed between two editions, for a reviewer: metadata, parameters, input files (per file:
checksum, rows added / removed / changed, columns added / removed) and the key figures of the
rendered editions, at their printed precision.

`diff_data` builds one dict; `diff_text` (plain text) and `diff_json` (`--format json`) print it,
and the build writes the same dict for the appendix »Ændringer siden sidste udgave«, so the
command and the book page cannot disagree. `differs` says whether anything changed: the exit
status of `render.py diff` is 0 when the editions are equal and 1 when they differ.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Mapping

from .cache import expand_inputs, sha256_file
from .chapters import printed_decimals, table_rows
from .editions import Edition
from .paths import BOOK, display
from .plan import column_map, make_plan
from .project import BookSpec, load_book


def _fmt(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v


def _inputs(edition: Edition, book: BookSpec) -> dict[tuple[str, str], dict[str, str | None]]:
    plan = make_plan(edition, book)
    out: dict[tuple[str, str], dict[str, str | None]] = {}
    for p in plan.parts:
        for name, paths in expand_inputs(p.parameters).items():
            out[(p.id, name)] = {display(x): (sha256_file(x) if x.is_file() else None) for x in paths}
    return out


def _rows(edition: Edition, path: str):
    return table_rows(Path(path) if Path(path).is_absolute() else BOOK.parent / path,
                      column_map(edition))  # the readers rename an extract's headers by the edition's map


def _key_width(va: list[tuple], vb: list[tuple]) -> int:
    """How many leading columns identify a row in both tables (0: none do; rows are then
    compared whole). The last column is never part of the key."""
    for n in range(1, len(va[0]) if va else 0):
        ka, kb = [v[:n] for v in va], [v[:n] for v in vb]
        if len(set(ka)) == len(ka) and len(set(kb)) == len(kb):
            return n
    return 0


def table_changes(a: Edition, path_a: str, b: Edition, path_b: str) -> dict[str, Any]:
    """Rows added, removed and changed and columns added and removed from one table to another.
    Rows are matched on the fewest leading columns that identify a row in both tables (e.g.
    case, year, measure, kind), else compared whole."""
    ta, tb = _rows(a, path_a), _rows(b, path_b)
    if ta is None or tb is None:
        return {"note": "not compared: not a readable table"}
    (ha, ra), (hb, rb) = ta, tb
    common = [c for c in ha if c in hb]
    out: dict[str, Any] = {"columns_added": [c for c in hb if c not in ha],
                           "columns_removed": [c for c in ha if c not in hb]}
    ia, ib = [ha.index(c) for c in common], [hb.index(c) for c in common]
    va, vb = [tuple(r[i] for i in ia) for r in ra], [tuple(r[i] for i in ib) for r in rb]
    width = _key_width(va, vb) if common else 0
    if width:
        da, db = {v[:width]: v for v in va}, {v[:width]: v for v in vb}
        out.update(rows_added=len(set(db) - set(da)), rows_removed=len(set(da) - set(db)),
                   rows_changed=sum(1 for k in set(da) & set(db) if da[k] != db[k]),
                   matched_on=", ".join(common[:width]))
    else:
        ca, cb = Counter(va), Counter(vb)
        out.update(rows_added=sum((cb - ca).values()), rows_removed=sum((ca - cb).values()), rows_changed=0,
                   matched_on=None)
    out.update(rows_before=len(ra), rows_after=len(rb))
    return out


def _input_changes(a: Edition, b: Edition, book: BookSpec) -> list[dict[str, Any]]:
    ia, ib = _inputs(a, book), _inputs(b, book)
    out = []
    for key in sorted(set(ia) | set(ib)):
        fa, fb = ia.get(key, {}), ib.get(key, {})
        if fa == fb:
            continue
        part, name = key
        pairs = ([(next(iter(fa)), next(iter(fb)))] if len(fa) == 1 and len(fb) == 1 else
                 [(p, p) for p in fb if p in fa and fa[p] != fb[p]]
                 + [(None, p) for p in fb if p not in fa] + [(p, None) for p in fa if p not in fb])
        for before, after in pairs:
            row = {"part": part, "parameter": name, "before": before, "after": after,
                   "sha256_before": fa.get(before) if before else None,
                   "sha256_after": fb.get(after) if after else None}
            if before and after and row["sha256_before"] != row["sha256_after"]:
                row.update(table_changes(a, before, b, after))
            out.append(row)
    return out


def _published(edition: Edition, book_dir: Path, name: str) -> dict | None:
    path = book_dir / edition.id / name
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _figure_changes(ra: Mapping, rb: Mapping, meta: Mapping) -> list[dict[str, Any]]:
    out = []
    for chapter in sorted(set(ra) | set(rb)):
        xa, xb = ra.get(chapter, {}), rb.get(chapter, {})
        for name in sorted(set(xa) | set(xb)):
            before, after = xa.get(name), xb.get(name)
            m = meta.get(chapter, {}).get(name, {})
            d = printed_decimals(m.get("unit"), *(v for v in (before, after) if v is not None))
            if before is not None and after is not None and round(before, d) == round(after, d):
                continue
            out.append({"chapter": chapter, "name": name, "label": m.get("label"), "unit": m.get("unit"),
                        "decimals": d, "before": before, "after": after,
                        "change": None if before is None or after is None else round(after - before, d)})
    return out


def diff_data(a: Edition, b: Edition, book: BookSpec | None = None, book_dir: Path = BOOK,
              results_b: Mapping | None = None, meta_b: Mapping | None = None) -> dict[str, Any]:
    """Everything that changed from edition `a` to `b` (see the module docstring). The key
    figures come from each edition's published results.json, or for `b` from `results_b`."""
    book = book or load_book()
    meta = [{"key": k, "before": str(getattr(a, k)), "after": str(getattr(b, k))}
            for k in ("title", "subtitle", "date") if getattr(a, k) != getattr(b, k)]
    pa, pb = make_plan(a, book), make_plan(b, book)
    params = []
    for part in pb.parts:
        old = dict(pa.part(part.id).parameters)
        params += [{"part": part.id, "key": k, "before": old.get(k), "after": v}
                   for k, v in part.parameters.items() if old.get(k) != v]
    ra = _published(a, book_dir, "results.json")
    rb = results_b if results_b is not None else _published(b, book_dir, "results.json")
    figures: dict[str, Any] = {"compared": ra is not None and rb is not None, "missing": [], "changes": []}
    if figures["compared"]:
        kb = meta_b if meta_b is not None else (_published(b, book_dir, "key_figures.json") or {})
        figures["changes"] = _figure_changes(ra, rb, {**(_published(a, book_dir, "key_figures.json") or {}), **kb})
    else:
        figures["missing"] = [e.id for e, r in ((a, ra), (b, rb)) if r is None]
    return {"a": {"edition": a.id, "file": display(a.path)}, "b": {"edition": b.id, "file": display(b.path)},
            "edition": meta, "parameters": params, "inputs": _input_changes(a, b, book), "key_figures": figures}


def differs(data: Mapping[str, Any]) -> bool:
    """True when anything differs between the two editions (metadata, parameters, inputs, figures)."""
    return bool(data["edition"] or data["parameters"] or data["inputs"] or data["key_figures"]["changes"])


def _number(value, decimals: int, sign: bool = False) -> str:
    if value is None:
        return "(none)"
    return f"{value:+.{decimals}f}" if sign else f"{value:.{decimals}f}"


def _input_line(r: Mapping[str, Any]) -> list[str]:
    head = f"  {r['part']}.{r['parameter']}: "
    if r["before"] != r["after"]:
        head += f"{r['before'] or '(none)'} -> {r['after'] or '(none)'}"
    else:
        head += f"{r['after']} changed content"
    lines = [head]
    if r["sha256_before"] or r["sha256_after"]:
        lines.append(f"    sha256 {str(r['sha256_before'])[:12]} -> {str(r['sha256_after'])[:12]}")
    if "rows_added" in r:
        cols = [f"+{c}" for c in r["columns_added"]] + [f"-{c}" for c in r["columns_removed"]]
        lines.append(f"    rows: {r['rows_added']} added, {r['rows_removed']} removed, {r['rows_changed']} changed "
                     f"({r['rows_before']} -> {r['rows_after']}); columns: {', '.join(cols) or 'no change'}")
    elif r.get("note"):
        lines.append(f"    {r['note']}")
    return lines


def diff_text(data: Mapping[str, Any]) -> str:
    """The diff as plain text for a reviewer; numbers at their printed precision."""
    a, b = data["a"], data["b"]
    lines = [f"Changes from edition {a['edition']} ({a['file']}) to {b['edition']} ({b['file']})", "", "Edition"]
    lines += [f"  {m['key']}: {_fmt(m['before'])} -> {_fmt(m['after'])}" for m in data["edition"]] or ["  (no change)"]
    lines += ["", "Parameters"]
    lines += [f"  {p['part']}.{p['key']}: {_fmt(p['before'])} -> {_fmt(p['after'])}"
              for p in data["parameters"]] or ["  (no change)"]
    lines += ["", "Input files (by content)"]
    lines += [x for r in data["inputs"] for x in _input_line(r)] or ["  (no change)"]
    lines += ["", "Key figures (results.json, at their printed precision)"]
    kf = data["key_figures"]
    if not kf["compared"]:
        lines.append(f"  not compared: edition(s) {', '.join(kf['missing'])} not rendered yet "
                     f"(python render.py --edition <id>)")
    else:
        lines += [f"  {c['chapter']}.{c['name']}: {_number(c['before'], c['decimals'])} -> "
                  f"{_number(c['after'], c['decimals'])}"
                  + (f" ({_number(c['change'], c['decimals'], True)})" if c["change"] is not None else "")
                  for c in kf["changes"]] or ["  (no change)"]
    return "\n".join(lines) + "\n"


def diff_json(data: Mapping[str, Any]) -> str:
    """The diff as JSON for reviewers' tools (exact values, with each figure's printed decimals)."""
    return json.dumps({**data, "differs": differs(data)}, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def diff_editions(a: Edition, b: Edition, book: BookSpec | None = None, book_dir: Path = BOOK) -> str:
    """What changed between two editions, as plain text (see `diff_data`)."""
    return diff_text(diff_data(a, b, book, book_dir))


def write_changes(folder: Path, plan, harvested, book_dir: Path) -> Path:
    """Write `changes.json` for the appendix »Ændringer siden sidste udgave«: `diff_data` from the
    previous edition to this one (this edition's key figures as harvested), or `{}` without one."""
    from .editions import previous_edition
    from .errors import BuildError

    try:
        prev = previous_edition(plan.edition, plan.edition.path.parent)
    except BuildError:
        prev = None
    data = diff_data(prev, plan.edition, plan.book, book_dir, harvested.results, harvested.meta) if prev else {}
    path = folder / "changes.json"
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return path
