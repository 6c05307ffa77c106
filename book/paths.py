"""Every path the build reads or writes, defined in one place (cookiecutter-data-science)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARAMS = ROOT / "params"
PROCESSED = ROOT / "data" / "processed"
BOOK = ROOT / "_book"
BUILD = ROOT / "_build"
CACHE = ROOT / ".cache"


def resolve(path: str | Path) -> Path:
    """A parameter path: absolute paths stay, relative ones are taken from the project root."""
    p = Path(path)
    return p if p.is_absolute() else ROOT / p


def display(path: str | Path) -> str:
    """A path as an analyst should read it: relative to the project root where possible."""
    p = Path(path)
    try:
        return p.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(p)
