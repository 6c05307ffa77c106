#!/usr/bin/env python3
"""Render the report book (a thin wrapper of the `render` console script, book.cli): `python render.py
[--edition E | --params FILE] [--engine auto|quarto|pandoc]`, `python render.py check`, `python render.py
diff A B`, `python render.py new 2025-Q2`; `--help` lists every command and the exit codes. See README.md."""
from book.cli import main

if __name__ == "__main__":
    raise SystemExit(main(prog="render.py"))
