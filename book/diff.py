"""What changed between two editions, in plain text for a reviewer: metadata, parameters, input
files (by content) and the key figures of the rendered editions."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .cache import expand_inputs, sha256_file
from .editions import Edition
from .paths import BOOK, display
from .plan import make_plan
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


def _results(edition: Edition, book_dir: Path) -> dict | None:
    path = book_dir / edition.id / "results.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def diff_editions(a: Edition, b: Edition, book: BookSpec | None = None, book_dir: Path = BOOK) -> str:
    """What changed between two editions, as plain text: parameters, input files by content,
    and every key figure (from each edition's published results.json)."""
    book = book or load_book()
    lines = [f"Changes from edition {a.id} ({display(a.path)}) to {b.id} ({display(b.path)})", ""]

    lines.append("Edition")
    meta = [(k, getattr(a, k), getattr(b, k)) for k in ("title", "subtitle", "date")]
    changed = [f"  {k}: {_fmt(str(x))} -> {_fmt(str(y))}" for k, x, y in meta if x != y]
    lines += changed or ["  (no change)"]

    lines += ["", "Parameters"]
    pa, pb = make_plan(a, book), make_plan(b, book)
    changed = []
    for part in pb.parts:
        old = dict(pa.part(part.id).parameters)
        for key, value in part.parameters.items():
            if old.get(key) != value:
                changed.append(f"  {part.id}.{key}: {_fmt(old.get(key))} -> {_fmt(value)}")
    lines += changed or ["  (no change)"]

    lines += ["", "Input files (by content)"]
    ia, ib = _inputs(a, book), _inputs(b, book)
    changed = []
    for key in sorted(set(ia) | set(ib)):
        fa, fb = ia.get(key, {}), ib.get(key, {})
        if fa == fb:
            continue
        part, name = key
        if list(fa) != list(fb):
            changed.append(f"  {part}.{name}: {', '.join(fa) or '(none)'} -> {', '.join(fb) or '(none)'}")
        for path in fb:
            if path in fa and fa[path] != fb[path]:
                changed.append(f"  {part}.{name}: {path} changed content "
                               f"(sha256 {str(fa[path])[:12]} -> {str(fb[path])[:12]})")
    lines += changed or ["  (no change)"]

    lines += ["", "Key figures (results.json)"]
    ra, rb = _results(a, book_dir), _results(b, book_dir)
    if ra is None or rb is None:
        missing = [e.id for e, r in ((a, ra), (b, rb)) if r is None]
        lines.append(f"  not compared: edition(s) {', '.join(missing)} not rendered yet "
                     f"(python render.py --edition <id>)")
    else:
        changed = []
        for chapter in sorted(set(ra) | set(rb)):
            xa, xb = ra.get(chapter, {}), rb.get(chapter, {})
            for name in sorted(set(xa) | set(xb)):
                if xa.get(name) != xb.get(name):
                    before, after = _fmt(xa.get(name, "(none)")), _fmt(xb.get(name, "(none)"))
                    changed.append(f"  {chapter}.{name}: {before} -> {after}")
        lines += changed or ["  (no change)"]
    return "\n".join(lines) + "\n"
