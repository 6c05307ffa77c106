#!/usr/bin/env python3
"""Time the book's build against the naive build, in one run.

Scenarios: cold (empty cache), warm (nothing changed), one chapter changed (one parameter of one
chapter). The naive build executes every notebook in turn with `jupyter nbconvert --execute`
(parameters injected the same way), then renders with the same renderer; it has no cache, so it
does the same work in every scenario. Prints a Markdown table of seconds and ratios.

    python benchmarks/bench_render.py [--edition E] [--change chapter.key=yaml-value] [--jobs N]
"""
from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from book import harvest as hv  # noqa: E402
from book.editions import find_edition, load_edition  # noqa: E402
from book.execute import kernel_environment  # noqa: E402
from book.pipeline import BuildOptions, build, input_listing, write_harvest  # noqa: E402
from book.plan import injected_parameters, make_plan  # noqa: E402
from book.project import load_book  # noqa: E402
from book.renderers import RenderJob, get_renderer  # noqa: E402

DEFAULT_CHANGE = "kvoter.sweep_max=31"


def naive_build(edition, engine: str, work: Path) -> float:
    """Every notebook in turn with `jupyter nbconvert --execute`, then the same renderer."""
    import os

    start = time.monotonic()
    os.environ.update(kernel_environment(edition.epoch))
    book = load_book()
    plan = make_plan(edition, book)
    executed: dict[str, Path] = {}
    harvest_files: dict[str, Path] = {}

    def run(parts):
        for p in parts:
            nb = load_notebook_node(str(p.part.path))
            params = {**p.parameters, **injected_parameters(p, plan, harvest_files)}
            src = work / "naive" / f"{p.id}.in.ipynb"
            src.parent.mkdir(parents=True, exist_ok=True)
            nb = parameterize_notebook(nb, params)
            # nbconvert runs a notebook in its own folder; input paths are relative to the repo
            nb.cells.insert(0, nbformat.v4.new_code_cell(f"import os; os.chdir({str(ROOT)!r})"))
            nbformat.write(nb, src)
            out = work / "naive" / f"{p.id}.ipynb"
            subprocess.run([sys.executable, "-m", "nbconvert", "--execute", "--to", "notebook",
                            "--output", out.name, str(src)], check=True, capture_output=True,
                           cwd=ROOT)
            executed[p.id] = out

    run([p for p in plan.parts if not p.needs_harvest])
    h = hv.merge([hv.harvest_notebook(k, v) for k, v in executed.items()])
    harvest_files.update(write_harvest(work / "naive-harvest", plan, h, input_listing(plan)))
    run([p for p in plan.parts if p.needs_harvest])
    get_renderer(engine).render(RenderJob(book, edition, tuple((p.part, executed[p.id]) for p in plan.parts),
                                          work / "naive-render", work / "naive-out"))
    return time.monotonic() - start


def changed_edition(edition, change: str, folder: Path):
    target, value = change.split("=", 1)
    chapter, key = target.split(".", 1)
    data = yaml.safe_load(edition.path.read_text(encoding="utf-8"))
    data.setdefault(chapter, {})
    data[chapter] = dict(data[chapter] or {}, **{key: yaml.safe_load(value)})
    path = folder / edition.path.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_edition(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edition")
    ap.add_argument("--change", default=DEFAULT_CHANGE)
    ap.add_argument("--engine", default="pandoc")
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    edition = find_edition(args.edition)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        opts = BuildOptions(engine=args.engine, cache_dir=work / "cache", book_dir=work / "book",
                            build_dir=work / "build", processed_dir=work / "processed")
        if args.jobs:
            opts = dataclasses.replace(opts, jobs=args.jobs)
        rows = []
        for name, ed in (("cold (empty cache)", edition), ("warm (nothing changed)", edition),
                         (f"one chapter changed ({args.change})", changed_edition(edition, args.change, work))):
            t = time.monotonic()
            result = build(ed, opts)
            ours = time.monotonic() - t
            naive = naive_build(ed, args.engine, work / name.split()[0])
            rows.append((name, ours, naive, len(result.executed)))
    print(f"\nEdition {edition.id}, engine {args.engine}, jobs {opts.jobs}\n")
    print("| scenario | build (s) | notebooks executed | naive build (s) | build / naive |")
    print("|---|---:|---:|---:|---:|")
    for name, ours, naive, n in rows:
        print(f"| {name} | {ours:.1f} | {n} | {naive:.1f} | {ours / naive:.2f} |")


if __name__ == "__main__":
    main()
