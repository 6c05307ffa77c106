"""The build of one edition, stage by stage: plan (parameters) → check inputs → execute
(chapters, then the parts that show what chapters recorded) → harvest → render → publish."""
from __future__ import annotations

import contextlib
import dataclasses
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from report.inputs import SNAPSHOT_ENV

from . import harvest as hv
from .cache import NotebookCache, analysis_source_hash, cache_key, expand_inputs, sha256_file
from .compose import compose
from .datapackage import datapackage_json
from .diff import write_changes
from .editions import Edition, previous_edition
from .errors import BuildError
from .execute import (
    Job,
    build_kernel_server,
    default_jobs,
    execute_all,
    execution_environment,
    kernel_environment,
    run_renderer,
    say,
)
from .limits import RENDER_TIMEOUT
from .locking import edition_lock
from .paths import BOOK, BUILD, CACHE, PROCESSED, display
from .plan import Plan, PlannedPart, check_inputs, injected_parameters, make_plan
from .project import BookSpec, load_book
from .publish import manifest, recover, swap_into_place, write_json, write_text
from .publishkey import publish_key, published_key
from .renderers import RenderJob, get_renderer
from .safety import inside, remove_tree
from .schedule import longest_first
from .series import series_parameter, write_series
from .snapshot import Snapshot, neutral_parameters, reading_from, take_snapshot
from .spreadsheet import safe_csv
from .verdicts import Verdicts


@dataclass(frozen=True)
class BuildOptions:
    """How to build: renderer, parallel jobs, cache use, timeout and the output folders."""
    engine: str = "auto"
    jobs: int = dataclasses.field(default_factory=default_jobs)
    force: bool = False
    cache_dir: Path = CACHE / "executed"
    book_dir: Path = BOOK
    build_dir: Path = BUILD
    processed_dir: Path = PROCESSED
    timeout: float = 600.0  # seconds one notebook may run
    render_timeout: float = RENDER_TIMEOUT  # seconds the render stage may take
    scheduler: str | None = None  # a Dask cluster for the notebooks: "local" or tcp://host:port

    @property
    def output_roots(self) -> tuple[Path, ...]:
        """The project's own output folders: the only places the build deletes, replaces or locks."""
        return (self.book_dir, self.build_dir, self.processed_dir, self.cache_dir)


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the published folder and PDF, the renderer, executed and cached parts."""
    edition: Edition
    folder: Path
    pdf: Path
    renderer: str
    executed: tuple[str, ...]
    cached: tuple[str, ...]
    seconds: float


def input_listing(plan: Plan, snap: Snapshot | None = None) -> list[dict[str, Any]]:
    """Every input file of the plan with its part, parameter, sha256 and size (as the snapshot
    read them, during a render)."""
    rows = []
    for p in plan.parts:
        for name, paths in expand_inputs(p.parameters).items():
            for path in paths:
                shown = display(path)
                sha, size = (snap.files[shown] if snap and shown in snap.files
                             else (sha256_file(path), path.stat().st_size))
                rows.append({"part": p.id, "parameter": name, "path": shown, "sha256": sha, "bytes": size})
    return rows


def previous_parameters(plan: Plan) -> tuple[str | None, dict[str, dict[str, Any]] | None]:
    """The previous edition's parameters (its sections over today's notebook defaults)."""
    try:
        prev = previous_edition(plan.edition, plan.edition.path.parent)
    except BuildError:
        prev = None
    if prev is None:
        return None, None
    out = {}
    for p in plan.parts:
        params = {k: v for k, v in p.declared.defaults.items() if not k.startswith("book_")}
        params.update(prev.section(p.id))
        out[p.id] = neutral_parameters(params)
    return prev.id, out


def _harvest_path(folder: Path, name: str, ext: str) -> Path:
    return folder / f"{name.removeprefix('book_').removesuffix('_file')}{ext}"


def write_plan_files(folder: Path, plan: Plan, inputs: list[dict[str, Any]]) -> dict[str, Path]:
    """Write what the plan alone tells (the edition's parameters against the previous edition's,
    and its input files), for the parts that show it; they can run beside the chapters."""
    folder.mkdir(parents=True, exist_ok=True)
    prev_id, prev_params = previous_parameters(plan)
    files = {"book_parameters_file": _harvest_path(folder, "book_parameters_file", ".json"),
             "book_inputs_file": _harvest_path(folder, "book_inputs_file", ".json")}
    write_json(files["book_parameters_file"], {"edition": plan.edition.id, "previous_edition": prev_id,
                                               "current": {p.id: dict(p.parameters) for p in plan.parts},
                                               "previous": prev_params})
    write_json(files["book_inputs_file"], inputs)
    return files


def write_harvest(folder: Path, plan: Plan, harvested: hv.Harvest, inputs: list[dict[str, Any]]) -> dict[str, Path]:
    """Write what the chapters recorded (and the edition's parameters and inputs) for the parts
    that show it; returns the `book_*_file` parameters pointing at the files."""
    files = write_plan_files(folder, plan, inputs)
    files.update({name: _harvest_path(folder, name, ext)
                  for name, ext in (("book_results_file", ".json"), ("book_reconciliation_file", ".csv"),
                                    ("book_messages_file", ".json"), ("book_findings_file", ".csv"),
                                    ("book_key_figures_file", ".json"), ("book_front_file", ".json"))})
    write_text(files["book_results_file"], hv.results_json(harvested))
    write_text(files["book_reconciliation_file"], hv.reconciliation_csv(harvested))
    write_text(files["book_findings_file"], hv.findings_csv(harvested))
    write_json(files["book_messages_file"], harvested.messages)
    write_text(files["book_key_figures_file"], hv.key_figures_json(harvested))
    write_text(files["book_front_file"], hv.front_json(harvested))
    return files


def located_by_content(params: dict[str, Any], harvest_files: dict[str, Path]) -> dict[str, Any]:
    """The parameters as the cache key sees them: a harvested file by its content, not by where
    the build staged it (another build folder or checkout executes nothing again)."""
    out = {k: v for k, v in params.items() if k not in harvest_files}
    for name, path in harvest_files.items():
        if name in params:
            out[name.removesuffix("_file") + "_sha256"] = sha256_file(path)
    return out


def _jobs(parts: list[PlannedPart], plan: Plan, staging: Path, harvest_files: dict[str, Path],
          series: dict[str, Path] | None = None) -> list[Job]:
    jobs = []
    for p in parts:
        files = {**harvest_files, **series_parameter(p.id, series)}
        harvest = {k: display(v) for k, v in files.items()}  # names in the snapshot
        params = {**p.parameters, **injected_parameters(p, plan, harvest)}
        keyed = located_by_content(params, files)  # book_column_map among them: part of the result
        key = cache_key(p.part.path, keyed,
                        analysis_source_hash(p.part.path))
        jobs.append(Job(p.id, p.part.path, params, key, staging / "notebooks" / f"{p.id}.ipynb",
                        staging / "failed"))
    return jobs


def _execute(jobs: list[Job], opts: BuildOptions, epoch: int, store: NotebookCache, servers=None,
             env: dict[str, str] | None = None) -> list:
    cache = None if opts.force else store
    started = execute_all(longest_first(jobs), cache, opts.jobs, epoch, timeout=opts.timeout,
                          scheduler=opts.scheduler, servers=servers, env=env)
    by_id = {o.part_id: o for o in started}
    outcomes = [by_id[j.part_id] for j in jobs]  # in the book's order again
    if opts.force:  # --force ignores the cache for reading but refreshes it
        for job, o in zip(jobs, outcomes):
            if not o.error:
                store.put(job.key, o.output)
    failed = [o for o in outcomes if o.error]
    if failed:
        raise failed[0].error
    return outcomes


def build(edition: Edition, opts: BuildOptions | None = None, book: BookSpec | None = None) -> BuildResult:
    """Build one edition and publish it in `opts.book_dir/<edition id>/` (see the module docstring)."""
    return start_build(edition, opts, book)()


def start_build(edition: Edition, opts: BuildOptions | None = None,
                book: BookSpec | None = None) -> Callable[[], BuildResult]:
    """Build one edition up to its later parts (its checks and chapters), holding the edition's
    lock and its kernel server; returns the rest (the parts that show what the chapters
    recorded, render and publish), which releases them. A many-edition command runs the rest of
    one edition beside the next edition's checks and chapters; `build` runs it at once."""
    opts = opts or BuildOptions()
    start = time.monotonic()
    book = book or load_book()
    opts.build_dir.mkdir(parents=True, exist_ok=True)
    lock = inside(opts.build_dir / f"{edition.id}.lock", opts.output_roots, "lock")
    held = contextlib.ExitStack()
    held.enter_context(edition_lock(lock, edition.id, say))
    try:
        rest = _build_locked(edition, opts, book, start, held)
    except BaseException:
        held.close()
        raise

    def finish() -> BuildResult:
        with held:
            return rest()

    return finish


def _prepare_folders(edition: Edition, opts: BuildOptions) -> tuple[Path, Path]:
    """Finish an interrupted publish of this edition, and start a clean staging folder (the
    failed notebooks an earlier run kept in `failed/` stay)."""
    final = opts.book_dir / edition.id
    recover(inside(final, opts.output_roots, "replace"), opts.output_roots)
    staging = opts.build_dir / edition.id
    if staging.is_dir() and not staging.is_symlink():
        for entry in staging.iterdir():
            if entry.name != "failed":
                remove_tree(entry, opts.output_roots)
    else:
        remove_tree(staging, opts.output_roots)
    (staging / "book").mkdir(parents=True)
    return final, staging


def _published_line(final: Path, seconds: float, executed: tuple, cached: tuple, harvested: hv.Harvest) -> str:
    """The closing line of a render, with the checks no finding explains (the analyst's to-do)."""
    line = f"Published {display(final)} in {seconds:.1f} s ({len(executed)} executed, {len(cached)} cached)"
    loose = hv.unexplained(harvested)
    if loose:
        line += (f"\n  {len(loose)} checked figures do not match and no finding explains them "
                 "(see reconciliation.csv: status other than match, empty finding)")
    return line


def _build_locked(edition: Edition, opts: BuildOptions, book: BookSpec, start: float,
                  held: contextlib.ExitStack) -> Callable[[], BuildResult]:
    say(f"Edition {edition.id} ({display(edition.path)})")
    make_plan(edition, book)  # parameter errors before any folder is touched
    final, staging = _prepare_folders(edition, opts)
    plan, snap = take_snapshot(edition, book, staging / "inputs")
    with reading_from(snap):
        # one kernel server for both stages, kept (in `held`) until the rest has run
        servers = held.enter_context(build_kernel_server(edition.epoch))
        # a check that must run (a new input) starts the kernel server beside it
        n_inputs = check_inputs(plan, None if opts.force else servers.on_miss(Verdicts(opts.cache_dir / "checked")))
        say(f"  parameters of {len(plan.parts)} parts and {n_inputs} input files are valid")
        return _execute_render_publish(plan, snap, get_renderer(opts.engine), final, staging, opts, start, servers)


def _execute_render_publish(plan: Plan, snap: Snapshot, renderer, final: Path, staging: Path,
                            opts: BuildOptions, start: float, servers) -> Callable[[], BuildResult]:
    edition = plan.edition
    store = NotebookCache(opts.cache_dir)  # one cache (and at most one warning) per build

    first = [p for p in plan.parts if not p.needs_harvest]
    later = [p for p in plan.parts if p.needs_harvest]
    current_params = {p.id: dict(p.parameters) for p in plan.parts}
    series = write_series(snap.folder / "harvest", edition, current_params, opts.book_dir)
    inputs = input_listing(plan, snap)
    plan_files = write_plan_files(snap.folder / "harvest", plan, inputs)
    outcomes = _execute(_jobs(first, plan, staging, plan_files, series), opts, edition.epoch, store, servers)
    later_jobs = _harvest_for_later(plan, outcomes, later, staging, series, inputs, opts, snap.folder / "harvest")
    # what the rest needs from the snapshot, taken while it is the one being read: the rest may
    # run beside the next edition's chapters, which read another snapshot (book.many)
    env = execution_environment(edition.epoch)
    notebooks = {display(p.part.path): snap.files[display(p.part.path)][0] for p in plan.parts}
    render_env = {**kernel_environment(edition.epoch), SNAPSHOT_ENV: str(snap.folder)}

    def rest() -> BuildResult:
        done = outcomes + _execute_later(later_jobs, outcomes, staging, opts, servers, store, renderer.name, env)
        return _publish_rest(plan, done, renderer, final, staging, opts, start, notebooks, render_env, inputs,
                             current_params)

    return rest


def _publish_rest(plan: Plan, outcomes: list, renderer, final: Path, staging: Path, opts: BuildOptions,
                  start: float, notebooks: dict, env: dict[str, str], inputs: list,
                  current_params: dict) -> BuildResult:
    """Once every part executed: the published edition left as it is when unchanged, else
    rendered and published (reads no snapshot through the environment)."""
    edition = plan.edition
    by_id = {o.part_id: o for o in outcomes}
    harvested = hv.merge([hv.harvest_notebook(p.id, by_id[p.id].output) for p in plan.parts])

    key = publish_key(edition, renderer.name, [by_id[p.id].output for p in plan.parts])
    if published_key(final) == key:
        ran = sum(1 for o in outcomes if not o.cached)
        say(f"Unchanged: {display(final)} already holds exactly this edition ({ran} notebooks executed, "
            f"{len(outcomes) - ran} from the cache)")
        return BuildResult(edition, final, next(final.glob("*.pdf")), renderer.name, (),
                           tuple(o.part_id for o in outcomes), time.monotonic() - start)
    package = datapackage_json(edition, harvested)
    job = RenderJob(plan.book, edition, tuple((p.part, by_id[p.id].output) for p in plan.parts),
                    staging / "render", staging / "book", None if opts.force else opts.cache_dir / "read")
    return _render_publish(job, renderer, env, Publication(
        plan, final, outcomes, harvested, inputs, notebooks, package, key, current_params), opts, start)


def _harvest_for_later(plan: Plan, outcomes: list, later: list[PlannedPart], staging: Path, series: dict,
                       inputs: list, opts: BuildOptions, folder: Path) -> list[Job]:
    """The chapters' records harvested (into `folder`); the jobs of the parts that show them."""
    edition = plan.edition
    for o in outcomes:  # the edition's date and series, after the chapters ran (book.compose)
        compose(o.output, edition.date.isoformat(), series.get(o.part_id))
    shows_plan = {p.id for p in plan.parts if p.reads_plan and not p.needs_harvest}  # not the chapters' records
    harvested = hv.merge([hv.harvest_notebook(o.part_id, o.output) for o in outcomes if o.part_id not in shows_plan])
    harvest_files = {**write_harvest(folder, plan, harvested, inputs),
                     "book_changes_file": write_changes(folder, plan, harvested, opts.book_dir)}
    return _jobs(later, plan, staging, harvest_files, series)


def _execute_later(jobs: list[Job], outcomes: list, staging: Path, opts: BuildOptions, servers,
                   store: NotebookCache, renderer: str, env: dict[str, str]) -> list:
    """The parts that show the chapters' records executed (under `env`, the edition's own)
    while the embedded renderer reads the chapters ahead (`_read_ahead`)."""
    ahead = _read_ahead(renderer, opts, staging, outcomes, jobs, store)
    try:
        return _execute(jobs, opts, int(env["SOURCE_DATE_EPOCH"]), store, servers, env)
    finally:
        if ahead:
            ahead.stop()


def _read_ahead(renderer: str, opts: BuildOptions, staging: Path, outcomes: list, jobs: list[Job],
                store: NotebookCache):
    """For the embedded renderer with its read cache, when a later part executes: the chapters'
    readings started (book.renderers.readcache.ReadAhead), longest notebook first; else None."""
    if renderer != "pandoc" or opts.force or all(store.path(j.key).is_file() for j in jobs):
        return None
    from .renderers.pandoc import ReadAhead, pandoc_version

    pandoc_version()  # asked once here; the render stage (forked from the build) knows it then
    order = sorted(outcomes, key=lambda o: -o.output.stat().st_size)
    return ReadAhead([(o.part_id, o.output) for o in order], staging / "read-ahead", opts.cache_dir / "read")


@dataclass(frozen=True)
class Publication:
    """What an edition publishes besides the rendered book, settled before its render stage."""
    plan: Plan
    final: Path
    outcomes: list
    harvested: hv.Harvest
    inputs: list
    notebooks: dict
    datapackage: str
    key: str
    parameters: dict


def _render_publish(job: RenderJob, renderer, env: dict[str, str], pub: Publication, opts: BuildOptions,
                    start: float) -> BuildResult:
    """The render stage, then the edition's files staged beside the published one and swapped in."""
    plan, final, harvested, edition = pub.plan, pub.final, pub.harvested, job.edition
    by_id = {o.part_id: o for o in pub.outcomes}
    say(f"  rendering {edition.id} with {renderer.name}")
    rendered = run_renderer(renderer, job, opts.render_timeout, env)
    out_dir = job.out_dir
    notebooks_dir = out_dir / "notebooks"
    notebooks_dir.mkdir()
    for p in plan.parts:
        shutil.copyfile(by_id[p.id].output, notebooks_dir / f"{p.id}.ipynb")
    processed = opts.processed_dir / edition.id
    remove_tree(processed, opts.output_roots)
    for name, text in sorted(harvested.tables.items()):
        write_text(out_dir / "data" / name, text)
        write_text(processed / name, text)
    write_text(out_dir / "results.json", hv.results_json(harvested))
    write_text(out_dir / "key_figures.json", hv.key_figures_json(harvested))
    write_text(out_dir / "reconciliation.csv", safe_csv(hv.reconciliation_csv(harvested)))
    write_text(out_dir / "findings.csv", safe_csv(hv.findings_csv(harvested)))
    write_text(out_dir / "datapackage.json", pub.datapackage)
    write_json(out_dir / "manifest.json",
               {**manifest(edition, pub.parameters, pub.inputs, pub.notebooks, rendered.renderer, rendered.note),
                "publish_key": pub.key})

    swap_into_place(out_dir, final, opts.output_roots)
    seconds = time.monotonic() - start
    cached = tuple(o.part_id for o in pub.outcomes if o.cached)
    executed = tuple(o.part_id for o in pub.outcomes if not o.cached)
    say(_published_line(final, seconds, executed, cached, harvested))
    return BuildResult(edition, final, final / rendered.pdf.name, rendered.renderer, executed, cached, seconds)


def check(edition: Edition, book: BookSpec | None = None) -> tuple[int, int]:
    """Validate an edition's parameters and inputs without running anything."""
    plan = make_plan(edition, book or load_book())
    return len(plan.parts), check_inputs(plan)
