"""Command line of the book: render (default), check, diff."""
from __future__ import annotations

import argparse
import os
import sys
import traceback

from .editions import Edition, find_edition
from .errors import BuildError


def _edition_arg(value: str) -> Edition:
    """An edition given as an id (params/<id>.yml) or as a path to a YAML file."""
    if value.endswith((".yml", ".yaml")) or "/" in value:
        return find_edition(params=value)
    return find_edition(edition=value)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="render.py", description="Render the labour-market committee's report book.")
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
    _edition_options(p)
    _render_options(p)
    return p


def _edition_options(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--edition", "-e", help="edition id in params/ (default: the newest)")
    g.add_argument("--params", "-p", help="path of an edition file")


def _render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", default="auto", help="auto (default), quarto or pandoc")
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                   help="notebooks executed in parallel (default: number of cores)")
    p.add_argument("--force", action="store_true", help="execute every notebook, ignoring the cache")
    p.add_argument("--debug", action="store_true", help="show Python tracebacks of unexpected errors")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "render"
    try:
        if command == "diff":
            from .diff import diff_editions

            sys.stdout.write(diff_editions(_edition_arg(args.a), _edition_arg(args.b)))
            return 0
        edition = find_edition(args.edition, args.params)
        if command == "check":
            from .pipeline import check

            parts, files = check(edition)
            print(f"Edition {edition.id}: the parameters of {parts} parts and {files} input files are valid.")
            return 0
        from .pipeline import BuildOptions, build

        result = build(edition, BuildOptions(engine=args.engine, jobs=max(1, args.jobs), force=args.force))
        print(f"Book: {result.folder / 'index.html'}\nPDF:  {result.pdf}")
        return 0
    except BuildError as err:
        print(f"\nError: {err}\nNothing was published; the last good edition in _book/ is unchanged.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrupted; nothing was published.", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - last resort: still one clear paragraph
        if getattr(args, "debug", False):
            traceback.print_exc()
        print(f"\nError: an unexpected {type(err).__name__}: {err}\nNothing was published; the last good "
              f"edition in _book/ is unchanged. Run again with --debug for the Python traceback.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
