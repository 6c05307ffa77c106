#!/usr/bin/env python3
"""Where a cold build's time goes: one build of an edition from an empty cache, with the wall
time of each stage (plan and snapshot, input checks, chapters, harvest, appendices, render,
publish), per notebook the kernel start, the imports cell and the chapter's own cells, and in
the render stage pandoc's reading, the HTML book, the Typst source and Typst's compile.

    python benchmarks/profile_build.py [--edition E] [--engine pandoc] [--jobs N] [--warm]
                                       [--vary benchmark.focus=Syddjurs]

It changes nothing the build computes: it wraps the build's functions with timers (in this
process and, through fork, in the workers) and prints one table. `--warm` builds twice with one
cache and profiles the second (nothing changed) build; `--vary` profiles, after the edition, one
edition of a many-edition command (`--vary`, one value) built with the same cache.
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from book import execute, pipeline  # noqa: E402
from book.editions import find_edition  # noqa: E402
from book.renderers import pandoc  # noqa: E402

LOG = Path(tempfile.gettempdir()) / f"profile-build-{os.getpid()}.jsonl"


def record(kind: str, name: str, seconds: float, **extra) -> None:
    """Append one timing (from this process or a worker) to the log."""
    with open(LOG, "a", encoding="utf-8") as f:
        f.write(json.dumps({"kind": kind, "name": name, "seconds": seconds, **extra}) + "\n")


def timed(module, attr: str, kind: str, name=None) -> None:
    """Wrap `module.attr` so that every call records its wall time."""
    fn = getattr(module, attr)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t = time.monotonic()
        try:
            return fn(*args, **kwargs)
        finally:
            record(kind, name(*args, **kwargs) if name else attr, time.monotonic() - t)

    setattr(module, attr, wrapper)


def cell_times(path: Path) -> dict:
    """From papermill's metadata of an executed notebook (before the build drops the timings):
    kernel start (notebook start to the first cell), the imports cell, the rest."""
    import datetime as dt

    nb = json.loads(path.read_text(encoding="utf-8"))
    parse = lambda s: dt.datetime.fromisoformat(s.rstrip("Z"))  # noqa: E731
    cells = [c["metadata"]["papermill"] for c in nb["cells"]
             if c["cell_type"] == "code" and c["metadata"].get("papermill", {}).get("start_time")]
    if not cells:
        return {}
    start = parse(nb["metadata"]["papermill"]["start_time"])
    durations = [c.get("duration") or 0.0 for c in cells]
    # cell 0 is papermill's injected parameters, then the notebook's parameters cell, then its imports
    imports = next((i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
                    and "import" in "".join(c["source"]) and "parameters" not in c["metadata"].get("tags", [])
                    and "injected-parameters" not in c["metadata"].get("tags", [])), None)
    code = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
            and c["metadata"].get("papermill", {}).get("start_time")]
    imp = durations[code.index(imports)] if imports in code else 0.0
    return {"kernel_start": (parse(cells[0]["start_time"]) - start).total_seconds(),
            "imports": imp, "cells": sum(durations) - imp}


def instrument() -> None:
    """Wrap the build's stages and the renderer's steps with timers."""
    timed(pipeline, "take_snapshot", "stage", lambda *a, **k: "plan and snapshot of the inputs")
    timed(pipeline, "check_inputs", "stage", lambda *a, **k: "input checks (schemas)")
    timed(pipeline, "write_series", "stage", lambda *a, **k: "series file")
    timed(pipeline, "_execute", "stage",
          lambda jobs, *a, **k: "execute: " + ("appendices" if any(j.part_id == "afstemning" for j in jobs)
                                               else "chapters"))
    timed(pipeline, "write_harvest", "stage", lambda *a, **k: "harvest (results for the appendices)")
    timed(pipeline, "write_changes", "stage", lambda *a, **k: "harvest (changes since last edition)")
    timed(pipeline, "run_renderer", "stage", lambda *a, **k: "render (pandoc, Typst)")
    timed(pipeline, "swap_into_place", "stage", lambda *a, **k: "publish (atomic swap)")
    timed(pandoc, "notebook_ast", "render", lambda nb, part, wd, cache=None: f"pandoc reads {part}")
    timed(pandoc, "write_html", "render", lambda *a, **k: "HTML book (pandoc chunkedhtml + pages)")
    timed(pandoc, "run_pandoc", "pandoc", lambda args, cwd, step, stdin=None: step)
    timed(pandoc, "write_pdf", "render", lambda *a, **k: "PDF (Typst source + compile)")
    original = execute.normalise_executed

    def normalise(path, papermill=None):
        record("notebook", Path(path).stem, 0.0, **cell_times(Path(path)))
        return original(path, papermill)

    execute.normalise_executed = normalise
    original_job = execute.run_job

    def run_job(job):
        outcome = original_job(job)
        record("notebook-total", job.part_id, outcome.seconds)
        return outcome

    execute.run_job = run_job
    # run_parallel's default runner was bound at definition: pass ours
    original_parallel = execute.run_parallel
    execute.run_parallel = lambda todo, workers, timeout, runner=None, env=None, **kw: original_parallel(
        todo, workers, timeout, run_job, env, **kw)


def report(total: float) -> None:
    """The table of where the time went."""
    rows = [json.loads(line) for line in LOG.read_text(encoding="utf-8").splitlines()]
    print(f"\nTotal wall time {total:.1f} s (load average {os.getloadavg()[0]:.1f})\n")
    print("| stage | seconds |\n|---|---:|")
    for r in rows:
        if r["kind"] == "stage":
            print(f"| {r['name']} | {r['seconds']:.1f} |")
    nbs = {r["name"]: r for r in rows if r["kind"] == "notebook"}
    totals = {r["name"]: r["seconds"] for r in rows if r["kind"] == "notebook-total"}
    if nbs:
        print("\n| notebook | total | kernel start | imports cell | its other cells | papermill and the rest |")
        print("|---|---:|---:|---:|---:|---:|")
        sums = [0.0] * 5
        for name, r in nbs.items():
            tot = totals.get(name, 0.0)
            vals = [tot, r.get("kernel_start", 0), r.get("imports", 0), r.get("cells", 0)]
            vals.append(tot - sum(vals[1:]))
            sums = [a + b for a, b in zip(sums, vals)]
            print(f"| {name} | " + " | ".join(f"{v:.1f}" for v in vals) + " |")
        print("| **sum (seconds; two notebooks at a time)** | " + " | ".join(f"{v:.1f}" for v in sums) + " |")
    render = [r for r in rows if r["kind"] in ("render", "pandoc")]
    if render:
        print("\n| render step (the reads run at once, then HTML and PDF at once) | seconds |\n|---|---:|")
        for r in render:
            print(f"| {r['kind']}: {r['name']} | {r['seconds']:.1f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edition")
    ap.add_argument("--engine", default="pandoc")
    ap.add_argument("--jobs", type=int)
    ap.add_argument("--warm", action="store_true")
    ap.add_argument("--vary", help="profile the edition varied so (e.g. benchmark.focus=Syddjurs) after the "
                                   "edition itself was built with the same cache: one focus edition's cost")
    args = ap.parse_args()
    edition = find_edition(args.edition)
    profiled = edition
    if args.vary:
        from book.many import vary

        profiled = vary(edition, args.vary)[0]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        opts = pipeline.BuildOptions(engine=args.engine, cache_dir=work / "cache", book_dir=work / "book",
                                     build_dir=work / "build", processed_dir=work / "processed")
        if args.jobs:
            opts = dataclasses.replace(opts, jobs=args.jobs)
        if args.warm or args.vary:
            pipeline.build(edition, opts)
        instrument()
        t = time.monotonic()
        pipeline.build(profiled, opts)
        total = time.monotonic() - t
    try:
        report(total)
    finally:
        LOG.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
