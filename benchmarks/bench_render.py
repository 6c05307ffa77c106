#!/usr/bin/env python3
"""Time the book's build against the naive build, in one run, and print the issue's goals as
one table of ratios.

Scenarios: cold (empty cache), warm (nothing changed), one chapter changed (one parameter of one
chapter), the ten benchmark-focus editions in one command (`--vary benchmark.focus=all`, fresh
cache) against one cold edition, and 1 -> 10 -> 40 editions in one command (a series, then focus
editions of its editions; each size in a process of its own from a fresh cache: time and peak
memory). The naive build executes every notebook in turn with `jupyter nbconvert --execute`
(parameters injected the same way), then renders with the same renderer; it has no cache, so it
does the same work in every scenario.

    python benchmarks/bench_render.py [--edition E] [--change chapter.key=yaml-value] [--jobs N]
                                      [--sizes 1,10,40] [--skip-naive]
"""
from __future__ import annotations

import argparse
import dataclasses
import os
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
from book.execute import default_jobs, kernel_environment, run_renderer  # noqa: E402
from book.pipeline import (  # noqa: E402
    BuildOptions,
    build,
    input_listing,
    start_build,
    write_harvest,
    write_plan_files,
)
from book.plan import injected_parameters, make_plan  # noqa: E402
from book.project import load_book  # noqa: E402
from book.renderers import RenderJob, get_renderer  # noqa: E402

DEFAULT_CHANGE = "kvoter.sweep_max=31"
FOCUS = "benchmark.focus=all"
SERIES_END = "eksempel-2025-Q3"  # the demonstration series (params/examples)


def naive_build(edition, engine: str, work: Path) -> float:
    """Every notebook in turn with `jupyter nbconvert --execute`, then the same renderer."""
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

    harvest_files.update(write_plan_files(work / "naive-harvest", plan, input_listing(plan)))
    run([p for p in plan.parts if not p.needs_harvest])
    shows_plan = {p.id for p in plan.parts if p.reads_plan}
    h = hv.merge([hv.harvest_notebook(k, v) for k, v in executed.items() if k not in shows_plan])
    harvest_files.update(write_harvest(work / "naive-harvest", plan, h, input_listing(plan)))
    run([p for p in plan.parts if p.needs_harvest])
    # in a worker process, as the build renders: typst's thread pool does not survive a fork, so a
    # process that compiled a PDF itself would hang the next build's render stage
    run_renderer(get_renderer(engine), RenderJob(book, edition, tuple((p.part, executed[p.id]) for p in plan.parts),
                                                 work / "naive-render", work / "naive-out"), 1800)
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


def edition_set(n: int) -> list:
    """n editions for the scale runs: the demonstration series (oldest first), the other example
    editions, then focus editions of each of them (`--vary benchmark.focus=all`)."""
    from book.cli import _edition_arg
    from book.editions import edition_files, load_edition
    from book.many import vary
    from book.paths import PARAMS
    from book.series import series_editions

    series = series_editions(_edition_arg(SERIES_END))
    examples = [load_edition(p) for p in edition_files(PARAMS / "examples")]
    examples = [e for e in examples if e.id not in {s.id for s in series}]
    pool = list(series) + examples + [v for e in series + examples for v in vary(e, FOCUS)]
    if n > len(pool):
        raise SystemExit(f"only {len(pool)} editions for the scale run, not {n}")
    return pool[:n]


def run_many_timed(editions, opts) -> tuple[float, list]:
    """Build the editions in one command (book.many); seconds and outcomes."""
    from book.many import build_many

    t = time.monotonic()
    outcomes = build_many(editions, lambda e: build(e, opts), lambda e: start_build(e, opts))
    failed = [o.edition for o in outcomes if not o.published]
    if failed:  # timed all the same (a failing edition fails alone); the table names it
        print(f"editions failed: {', '.join(failed)}", file=sys.stderr)
    return time.monotonic() - t, outcomes


def scale_child(n: int, work: Path, engine: str, jobs: int | None) -> None:
    """One scale run in this process (called as --scale-child): prints seconds and peak memory."""
    import json
    import resource

    opts = BuildOptions(engine=engine, cache_dir=work / "cache", book_dir=work / "book",
                        build_dir=work / "build", processed_dir=work / "processed")
    if jobs:
        opts = dataclasses.replace(opts, jobs=jobs)
    seconds, outcomes = run_many_timed(edition_set(n), opts)
    executed = sum(len(o.executed) for o in outcomes)
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"n": n, "seconds": seconds, "executed": executed, "peak_build_mb": peak_self,
                      "peak_worker_mb": peak_child}))


def scale_runs(sizes: list[int], engine: str, jobs: int | None) -> list[dict]:
    """Each size in a process of its own, from a fresh cache (peak memory per size)."""
    import json

    out = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, __file__, "--scale-child", str(n), "--work", tmp, "--engine", engine]
            cmd += ["--jobs", str(jobs)] if jobs else []
            proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
            out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


def single_edition_rows(edition, args, work: Path) -> tuple[list, float]:
    """Cold, warm and one-chapter-changed builds of one edition with one cache, and the naive
    build once (it has no cache: the same work in every scenario)."""
    work.mkdir(parents=True, exist_ok=True)
    opts = BuildOptions(engine=args.engine, cache_dir=work / "cache", book_dir=work / "book",
                        build_dir=work / "build", processed_dir=work / "processed")
    if args.jobs:
        opts = dataclasses.replace(opts, jobs=args.jobs)
    rows = []
    for name, ed in (("cold edition (empty cache)", edition), ("warm (nothing changed)", edition),
                     (f"one chapter's parameter changed ({args.change})",
                      changed_edition(edition, args.change, work))):
        t = time.monotonic()
        result = build(ed, opts)
        rows.append((name, time.monotonic() - t, len(result.executed)))
    return rows, naive_build(edition, args.engine, work / "naive")


def focus_editions(edition, args, work: Path) -> tuple[float, int]:
    """The ten benchmark-focus editions in one command from a fresh cache: seconds, notebooks
    executed, the editions that failed."""
    from book.many import vary

    opts = BuildOptions(engine=args.engine, cache_dir=work / "cache", book_dir=work / "book",
                        build_dir=work / "build", processed_dir=work / "processed")
    if args.jobs:
        opts = dataclasses.replace(opts, jobs=args.jobs)
    seconds, outcomes = run_many_timed(vary(edition, FOCUS), opts)
    failed = [o.edition for o in outcomes if not o.published]
    return seconds, sum(len(o.executed) for o in outcomes), failed


def print_table(edition, args, rows, naive, focus, scale) -> None:
    """The goals of issue 21 as one Markdown table."""
    cold = rows[0][1]
    print(f"\nEdition {edition.id}, engine {args.engine}, jobs {args.jobs or default_jobs()}; "
          f"naive build {naive:.1f} s (nbconvert per notebook, same renderer)\n")
    print("| goal | seconds | notebooks executed | ratio | target | met |")
    print("|---|---:|---:|---:|---:|:-:|")
    for (name, seconds, n), target in zip(rows, (0.4, 0.02, 0.2)):
        ratio = seconds / naive
        met = "yes" if ratio <= target else "no"
        print(f"| {name} / naive | {seconds:.1f} | {n} | {ratio:.3f} | ≤ {target} | {met} |")
    ratio = focus[0] / cold
    failed = f" (failed: {', '.join(focus[2])})" if focus[2] else ""
    print(f"| ten focus editions in one command{failed} / one cold edition | {focus[0]:.1f} | {focus[1]} | "
          f"{ratio:.2f} | ≤ 3 | {'yes' if ratio <= 3 else 'no'} |")
    one = scale[0]["seconds"] / scale[0]["n"] if scale else None
    for r in scale:
        per = r["seconds"] / r["n"]
        print(f"| {r['n']} editions in one command (s per edition {per:.1f}; peak memory: build "
              f"{r['peak_build_mb']:.0f} MB, largest worker {r['peak_worker_mb']:.0f} MB) | {r['seconds']:.1f} | "
              f"{r['executed']} | {per / one:.2f} × per edition of 1 | linear or better | "
              f"{'yes' if per <= one * 1.05 else 'no'} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edition")
    ap.add_argument("--change", default=DEFAULT_CHANGE)
    ap.add_argument("--engine", default="pandoc")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--sizes", default="1,10,40", help="edition counts of the scale runs ('' for none)")
    ap.add_argument("--scale-child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.scale_child:
        scale_child(args.scale_child, Path(args.work), args.engine, args.jobs)
        return
    edition = find_edition(args.edition)
    with tempfile.TemporaryDirectory() as tmp:
        rows, naive = single_edition_rows(edition, args, Path(tmp) / "one")
        focus = focus_editions(edition, args, Path(tmp) / "focus")
    scale = scale_runs([int(n) for n in args.sizes.split(",") if n.strip()], args.engine, args.jobs)
    print_table(edition, args, rows, naive, focus, scale)


if __name__ == "__main__":
    main()
