#!/usr/bin/env python3
"""Render the report book: `python render.py [--edition E | --params FILE] [--engine auto|quarto|pandoc]
[--jobs N] [--force]`, `python render.py check`, `python render.py diff A B`. See README.md."""
from book.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
