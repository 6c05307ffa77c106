"""Command line of the book: render (default), check, diff, new, new-chapter.

Run it as `render` (the console script), `python -m book` or `python render.py`. Exit status:
0 ok; 1 the command failed (a build error, or `diff` found differences); 2 a usage error (an
unknown option or a bad value on the command line); 130 interrupted (Ctrl-C), 143 terminated.
"""
from __future__ import annotations

import argparse
import signal
import sys
import traceback

from .editions import Edition, find_edition
from .errors import BuildError, PublishError
from .execute import default_jobs
from .limits import RENDER_TIMEOUT
from .paths import BOOK, PARAMS, display
from .publish import edition_state
from .renderers import RENDERERS
from .safety import is_edition_id

ENGINES = ("auto", *RENDERERS)


def _edition_arg(value: str) -> Edition:
    """An edition given as an id (params/<id>.yml, else params/examples/<id>.yml) or as a path
    to a YAML file."""
    if value.endswith((".yml", ".yaml")) or "/" in value:
        return find_edition(params=value)
    example = PARAMS / "examples" / f"{value}.yml"
    if not (PARAMS / f"{value}.yml").is_file() and is_edition_id(value) and example.is_file():
        return find_edition(params=example)
    return find_edition(edition=value)


EXIT_CODES = """exit status:
  0    ok
  1    the command failed (the error says which stage, file and rule), or diff found differences
  2    usage error (unknown option, bad value on the command line)
  130  interrupted (Ctrl-C); 143 terminated (kill)"""


def version() -> str:
    """The installed project's version (the one in pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("norddjurs-amu-book")
    except PackageNotFoundError:
        return "unknown (not installed: pip install -e .)"


def _parser(prog: str | None = None) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description="Render the labour-market committee's report book.",
                                epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = p.add_subparsers(dest="command")
    for name, help_ in (("render", "render an edition (the default command)"),
                        ("check", "validate an edition's parameters and input files without rendering")):
        s = sub.add_parser(name, help=help_)
        _edition_options(s)
        if name == "render":
            _render_options(s)
    d = sub.add_parser("diff", help="what changed between two editions (parameters, inputs, key figures)")
    d.add_argument("a", help="edition id or edition file")
    d.add_argument("b", help="edition id or edition file")
    d.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default) or json; the exit status is 0 when the editions are equal, 1 when they differ")
    _new_parser(sub)
    c = sub.add_parser("new-chapter", help="write a new chapter: package, notebook, data file, edition section, tests")
    c.add_argument("id", help="the chapter's id: lower-case letters, digits and _ (it names the package)")
    c.add_argument("--title", help="the chapter's Danish title (default: from the id)")
    _edition_options(p)
    _render_options(p)
    return p


def _new_parser(sub) -> None:
    n = sub.add_parser("new", help="start the next edition: params/<id>.yml from the newest edition")
    n.add_argument("id", help="the new edition's id: a quarter (2025-Q2) or a name (then give --date)")
    n.add_argument("--from", dest="base", help="edition id or file to start from (default: the newest)")
    n.add_argument("--date", help="the edition's date, YYYY-MM-DD (default: the end of the quarter)")


def _new(args: argparse.Namespace) -> int:
    from .newedition import describe, start_edition

    base = _edition_arg(args.base) if args.base else find_edition()
    sys.stdout.write(describe(start_edition(args.id, base, date=args.date)))
    return 0


def _edition_options(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--edition", "-e", action="append",
                   help="edition id in params/ (default: the newest); repeat it to render several in one command")
    g.add_argument("--params", "-p", help="path of an edition file")
    g.add_argument("--series", "-s", metavar="EDITION",
                   help="render this edition (id, example id or file) and every edition before it by "
                        "`previous`, oldest first, each published on its own")
    g.add_argument("--all", action="store_true", help="render every edition file in params/ in one command")
    p.add_argument("--vary", action="append", metavar="CHAPTER.PARAMETER=all|V1,V2",
                   help="one edition per value of a chapter's parameter (all: every value the chapter "
                        "declares), ids <edition>-<parameter>-<value>, e.g. --vary benchmark.focus=all")


def _render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", default="auto", choices=ENGINES,
                   help="renderer: auto (quarto if on PATH, else pandoc; the default), " + ", ".join(ENGINES[1:]))
    p.add_argument("--jobs", "-j", type=int, default=default_jobs(),
                   help="notebooks executed in parallel (default: number of cores + 1)")
    p.add_argument("--force", action="store_true", help="execute every notebook, ignoring the cache")
    p.add_argument("--timeout", type=_seconds, default=600.0,
                   help="seconds one notebook may run before it is stopped (default: 600)")
    p.add_argument("--render-timeout", type=_seconds, default=RENDER_TIMEOUT,
                   help=f"seconds the render stage may take before it is stopped (default: {RENDER_TIMEOUT:g})")
    p.add_argument("--scheduler", metavar="local|tcp://HOST:PORT",
                   help="run the notebooks on a Dask cluster (optional extra dask): local starts one here; "
                        "publishing stays on this machine")
    p.add_argument("--debug", action="store_true", help="show Python tracebacks of unexpected errors")


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds < 7 * 24 * 3600:
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, not {value!r}")
    return seconds


class Terminated(KeyboardInterrupt):
    """SIGTERM (or SIGHUP), turned into an exception so the build stops its workers and kernels."""


def _terminate(signum, frame):
    raise Terminated(signal.Signals(signum).name)


def _outcome(edition: Edition | None, before: tuple | None, err: BuildError | None = None,
             command: str = "render") -> str:
    """The sentence about the published edition after a failure, true in every case."""
    if command == "check":
        return "(check renders and publishes nothing.)"
    if command == "new":
        return "No edition file was written."
    if command == "new-chapter":
        return "No chapter was written."
    if edition is None:
        return "Nothing was published."
    final = BOOK / edition.id
    if isinstance(err, PublishError) and err.published:
        return f"The new edition is published in {display(final)}."
    after = edition_state(final)
    if before is None and after is None:
        return f"Nothing was published; there is no earlier edition in {display(final)}."
    if after == before:
        return f"Nothing was published; the last good edition in {display(final)} is unchanged."
    return f"Check {display(final)}: it changed during this failed run."


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    """Run the command line; returns the exit status (EXIT_CODES: 0 ok, 1 failed, 2 usage,
    130 interrupted, 143 terminated)."""
    args = _parser(prog).parse_args(argv)
    command = args.command or "render"
    handlers = {sig: signal.signal(sig, _terminate) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return _run(args, command)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def _render_or_check(edition: Edition, args: argparse.Namespace, command: str) -> int:
    """Check or render (and publish) one edition; raises BuildError."""
    if command == "check":
        from .pipeline import check

        parts, files = check(edition)
        print(f"Edition {edition.id}: the parameters of {parts} parts and {files} input files are valid.")
        return 0
    from .pipeline import BuildOptions, build

    result = build(edition, BuildOptions(engine=args.engine, jobs=max(1, args.jobs), force=args.force,
                                         timeout=args.timeout, render_timeout=args.render_timeout,
                                         scheduler=args.scheduler))
    print(f"Book: {result.folder / 'index.html'}\nPDF:  {result.pdf}")
    return 0


def _selected(args: argparse.Namespace) -> list[Edition]:
    """The editions the command names: --series, --all, one or more --edition, --params or the
    newest; each --vary makes one edition per value of each of them."""
    if getattr(args, "series", None):
        from .series import series_editions

        editions = series_editions(_edition_arg(args.series))
    elif getattr(args, "all", False):
        from .editions import edition_files, load_edition

        editions = [load_edition(p) for p in edition_files()]
    elif args.edition and len(args.edition) > 1:
        editions = [_edition_arg(e) for e in args.edition]
    else:
        editions = [find_edition(args.edition[0] if args.edition else None, args.params)]
    if getattr(args, "vary", None):
        from .many import vary

        editions = [v for e in editions for spec in args.vary for v in vary(e, spec)]
    return editions


def _run(args: argparse.Namespace, command: str) -> int:
    edition: Edition | None = None
    before = None
    try:
        if command == "diff":
            from .diff import diff_data, diff_json, diff_text, differs

            data = diff_data(_edition_arg(args.a), _edition_arg(args.b))
            sys.stdout.write(diff_json(data) if args.format == "json" else diff_text(data))
            return 1 if differs(data) else 0
        if command == "new":
            return _new(args)
        if command == "new-chapter":
            from .newchapter import describe, new_chapter

            sys.stdout.write(describe(args.id, new_chapter(args.id, args.title)))
            return 0
        editions = _selected(args)
        if len(editions) > 1 or getattr(args, "series", None) or getattr(args, "all", False):
            from .many import run_many

            return run_many(editions, args, command)
        edition = editions[0]
        before = edition_state(BOOK / edition.id)
        return _render_or_check(edition, args, command)
    except BuildError as err:
        print(f"\nError: {err}\n{_outcome(edition, before, err, command)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as err:
        how = f"by {err.args[0]}" if isinstance(err, Terminated) and err.args else "(Ctrl-C)"
        outcome = _outcome(edition, before, command=command)
        print(f"\nInterrupted {how}; every worker, kernel and renderer was stopped. {outcome}", file=sys.stderr)
        return 143 if isinstance(err, Terminated) else 130
    except Exception as err:  # noqa: BLE001 - last resort: still one clear paragraph
        if getattr(args, "debug", False):
            traceback.print_exc()
        print(f"\nError: an unexpected {type(err).__name__}: {err}\n{_outcome(edition, before, command=command)} "
              f"Run again with --debug for the Python traceback.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
