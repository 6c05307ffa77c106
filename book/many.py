"""Several editions in one command: `--edition A --edition B`, `--all` (every edition file in
params/), `--series E` (E and every `previous` before it) and `--vary chapter.parameter=all`
(one edition per value a chapter declares its parameter can take).

The editions are built in turn with one cache: a chapter whose code, parameters and inputs are
equal in two editions executes once (the second edition takes it from the cache), and the inputs
checked for one edition are not checked again for the next (book.verdicts). The rest of one
edition – the parts that show what its chapters recorded (the front chapter, the appendices), its
render and publish – runs beside the next editions' checks and chapters (one edition's rest at a
time, in order, and the chapters at most AHEAD editions ahead of the rests, so neither waits for
the other while there is work; all fork their kernels from the command's one kernel server).
An edition that another edition of the command follows (by `previous`) is built first, so the later one's
series shows it. Each edition publishes atomically on its own; a failing edition is reported
with its name and the others are still built and published. A summary table ends the command."""
from __future__ import annotations

import dataclasses
import re
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Sequence

from .chapters import parameter_values
from .editions import Edition
from .errors import BuildError, EditionError
from .execute import say, shared_kernel_servers
from .paths import display
from .plan import make_plan
from .processes import stop_stages
from .project import BookSpec, load_book
from .runs import stopping_runs
from .safety import is_edition_id

VARY_RULE = "--vary takes chapter.parameter=all or chapter.parameter=value1,value2"


@dataclass(frozen=True)
class EditionOutcome:
    """What the command did for one edition: notebooks executed and cached, seconds, and either
    the published folder or the error that stopped it."""
    edition: str
    executed: tuple[str, ...]  # the parts executed for this edition
    cached: tuple[str, ...]  # the parts taken from the cache
    seconds: float
    folder: Path | None = None
    error: BuildError | None = None

    @property
    def published(self) -> bool:
        """True when the edition was published (or already was, unchanged)."""
        return self.error is None


def slug(value: Any) -> str:
    """A value as part of an edition id: lower case a-z, 0-9 and `-` (æ ø å as ae oe aa)."""
    text = str(value).lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "tom"


def varied_id(base: str, parameter: str, value: Any) -> str:
    """The id of the edition `base` with `parameter` set to `value`: `<base>-<parameter>-<value>`."""
    return f"{base}-{slug(parameter)}-{slug(value)}"


def parse_vary(spec: str) -> tuple[str, str, list[str] | None]:
    """`chapter.parameter=all` → (chapter, parameter, None); `=a,b` → (chapter, parameter, [a, b])."""
    target, sep, values = spec.partition("=")
    chapter, dot, parameter = target.partition(".")
    if not (sep and dot and chapter and parameter and values.strip()):
        raise EditionError(spec, VARY_RULE)
    if values.strip() == "all":
        return chapter, parameter, None
    return chapter, parameter, [v.strip() for v in values.split(",") if v.strip()]


def vary(base: Edition, spec: str, book: BookSpec | None = None) -> list[Edition]:
    """One edition per value of a chapter's parameter (`spec` as for `--vary`), each with the
    id `varied_id(...)` and everything else as in `base`. `all` takes the values the chapter
    declares its parameter can take; a parameter it does not declare so is an error."""
    chapter, parameter, values = parse_vary(spec)
    plan = make_plan(base, book or load_book())
    part = next((p for p in plan.parts if p.id == chapter), None)
    if part is None or parameter not in part.parameters:
        raise EditionError(spec, f"'{chapter}' has no parameter '{parameter}'; {VARY_RULE}")
    if values is None:
        values = parameter_values(chapter, parameter, part.parameters)
        if values is None:
            raise EditionError(spec, f"the chapter '{chapter}' does not declare the values of '{parameter}'; "
                                     f"name them: {chapter}.{parameter}=value1,value2")
    out = []
    for value in dict.fromkeys(values):
        edition_id = varied_id(base.id, parameter, value)
        if not is_edition_id(edition_id):
            raise EditionError(spec, f"the value {value!r} gives no valid edition id ({edition_id!r})")
        sections = {k: dict(v) for k, v in base.sections.items()}
        sections.setdefault(chapter, {})[parameter] = value
        out.append(dataclasses.replace(base, id=edition_id, sections=MappingProxyType(
            {k: MappingProxyType(v) for k, v in sections.items()})))
    return out


def in_order(editions: Sequence[Edition]) -> list[Edition]:
    """The editions without repeats, each after every edition of the command it follows by
    `previous` (so its series shows them published); otherwise in the order given."""
    from .series import chain

    unique = list({e.id: e for e in editions}.values())
    ids = {e.id for e in unique}
    depth = {e.id: sum(1 for p in chain(e)[0] if p.id in ids) for e in unique}
    return sorted(unique, key=lambda e: depth[e.id])


def build_many(editions: Sequence[Edition], build_one: Callable[[Edition], Any],
               start_one: Callable[[Edition], Callable[[], Any]] | None = None) -> list[EditionOutcome]:
    """Build every edition in turn (see the module docstring) with `build_one(edition)` (the
    pipeline's build with one set of options, hence one cache); one outcome per edition. With
    `start_one` (the pipeline's `start_build`: the edition up to its chapters, returning the
    rest), one edition's later parts, render and publish run beside the next editions' checks
    and chapters: one edition's rest at a time, in order, the chapters at most AHEAD editions
    ahead, and an edition that follows another by `previous` waits until that one is published.
    The editions' kernels are forked from one kept kernel server while their environment is the
    same (book.execute.shared_kernel_servers)."""
    with shared_kernel_servers():
        return _build_all(in_order(editions), build_one, start_one)


AHEAD = 2  # editions whose rest may be waiting or running while the next edition's chapters run


def _build_all(ordered: list[Edition], build_one: Callable[[Edition], Any],
               start_one: Callable[[Edition], Callable[[], Any]] | None) -> list[EditionOutcome]:
    if start_one is None:
        return [_sequential(i, len(ordered), e, build_one) for i, e in enumerate(ordered, 1)]
    outcomes: dict[str, EditionOutcome] = {}
    pending: list[_Finishing] = []  # in order; each one's rest starts when the one before ended

    def settle(count: int) -> None:
        for finishing in pending[:count]:
            outcomes[finishing.edition] = finishing.wait()
        del pending[:count]

    try:
        for i, edition in enumerate(ordered, 1):
            follows = _previous_ids(edition)
            settle(max((k + 1 for k, f in enumerate(pending) if f.edition in follows), default=0))
            settle(len(pending) - AHEAD)  # the chapters at most AHEAD editions ahead of the rests
            started, rest = _outcome(i, len(ordered), edition, start_one)
            if rest is None:
                outcomes[edition.id] = started
                continue
            pending.append(_Finishing(edition.id, rest, started.seconds, pending[-1] if pending else None))
        settle(len(pending))
    except BaseException:
        if pending:
            with stopping_runs():  # their later parts' notebooks
                stop_stages()  # their render stages and every process they started
                for finishing in pending:
                    finishing.cancel()
                    finishing.thread.join(30)
        raise
    return [outcomes[e.id] for e in ordered]


def _sequential(i: int, n: int, edition: Edition, build_one: Callable[[Edition], Any]) -> EditionOutcome:
    started, rest = _outcome(i, n, edition, lambda e: (lambda result: lambda: result)(build_one(e)))
    return started if rest is None else _finished(edition.id, rest(), started.seconds)


def _previous_ids(edition: Edition) -> set[str]:
    from .series import chain

    return {p.id for p in chain(edition)[0]}


def _finished(edition_id: str, result: Any, seconds: float) -> EditionOutcome:
    return EditionOutcome(edition_id, tuple(result.executed), tuple(result.cached), seconds, result.folder)


def _outcome(i: int, n: int, edition: Edition, start_one) -> tuple[EditionOutcome, Callable[[], Any] | None]:
    """Start one edition: with `start_one` returning the rest, (the seconds so far, the rest);
    a failure, or a build that finished, as its outcome and None."""
    say(f"[{i}/{n}] edition {edition.id}")
    start = time.monotonic()
    try:
        rest = start_one(edition)
    except BuildError as err:
        say(f"  edition {edition.id} failed: {err}")
        return EditionOutcome(edition.id, (), (), time.monotonic() - start, error=err), None
    return EditionOutcome(edition.id, (), (), time.monotonic() - start), rest


class _Finishing:
    """The rest of one edition (later parts, render, publish) running in a thread of the build,
    once the rest of the edition before it (`after`) ended: one edition's rest at a time, in order."""

    def __init__(self, edition: str, rest: Callable[[], Any], seconds: float, after: _Finishing | None = None):
        self.edition, self.rest, self.seconds, self.after = edition, rest, seconds, after
        self.started = time.monotonic()
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"book-publish-{edition}", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        if self.after is not None:
            self.after.thread.join()
            self.after = None  # nothing kept of it
        if self.cancelled.is_set():
            self.error = KeyboardInterrupt()
            return
        try:
            self.result = self.rest()
        except BaseException as err:  # noqa: BLE001 - handed to the command by wait()
            self.error = err

    def cancel(self) -> None:
        """Do not start the rest (the command was interrupted before it started)."""
        self.cancelled.set()

    def wait(self) -> EditionOutcome:
        """The edition's outcome once its later parts, render and publish ended (a BuildError as a failed
        edition; anything else is raised)."""
        self.thread.join()
        seconds = self.seconds + time.monotonic() - self.started
        if isinstance(self.error, BuildError):
            say(f"  edition {self.edition} failed: {self.error}")
            return EditionOutcome(self.edition, (), (), seconds, error=self.error)
        if self.error is not None:
            raise self.error
        return _finished(self.edition, self.result, seconds)


def summary_table(outcomes: Sequence[EditionOutcome]) -> str:
    """One line per edition: edition, executed, cached, seconds, published / failed."""
    width = max([len("edition")] + [len(o.edition) for o in outcomes])
    lines = [f"{'edition':<{width}}  executed  cached  seconds  outcome"]
    for o in outcomes:
        state = f"published {display(o.folder)}" if o.published else "FAILED"
        lines.append(f"{o.edition:<{width}}  {len(o.executed):>8}  {len(o.cached):>6}  {o.seconds:>7.1f}  {state}")
    failed = [o.edition for o in outcomes if not o.published]
    total = sum(o.seconds for o in outcomes)
    lines.append(f"{len(outcomes) - len(failed)} of {len(outcomes)} editions published in {total:.1f} s"
                 + (f"; failed: {', '.join(failed)}" if failed else ""))
    return "\n".join(lines)


def run_many(editions: Sequence[Edition], args: Any, command: str) -> int:
    """The command line's `check` or render of several editions: each checked (the first error
    stops), or each built and published on its own, then the summary table; 1 when any failed."""
    from .pipeline import BuildOptions, build, check, start_build

    if command == "check":
        for edition in editions:
            parts, files = check(edition)
            print(f"Edition {edition.id}: the parameters of {parts} parts and {files} input files are valid.")
        return 0
    opts = BuildOptions(engine=args.engine, jobs=max(1, args.jobs), force=args.force, timeout=args.timeout,
                        render_timeout=args.render_timeout, scheduler=args.scheduler)
    from .cli import _outcome
    from .paths import BOOK
    from .publish import edition_state

    before = {e.id: edition_state(BOOK / e.id) for e in editions}
    outcomes = build_many(editions, lambda e: build(e, opts), lambda e: start_build(e, opts))
    print(summary_table(outcomes))
    by_id = {e.id: e for e in editions}
    failed = [o for o in outcomes if not o.published]
    for o in failed:
        print(f"\nError in edition {o.edition}: {o.error}\n{_outcome(by_id[o.edition], before[o.edition], o.error)}",
              file=sys.stderr)
    return 1 if failed else 0
