"""Every path the build reads or writes, defined in one place (cookiecutter-data-science)."""
from __future__ import annotations

from pathlib import Path

from report.inputs import display_input, resolve_input

ROOT = Path(__file__).resolve().parent.parent
PARAMS = ROOT / "params"
PROCESSED = ROOT / "data" / "processed"
BOOK = ROOT / "_book"
BUILD = ROOT / "_build"
CACHE = ROOT / ".cache"


def resolve(path: str | Path) -> Path:
    """A parameter path: absolute paths stay, relative ones are taken from the project root
    (during a build: from the build's snapshot of the inputs, see `report.inputs`)."""
    return resolve_input(path, ROOT)


def display(path: str | Path) -> str:
    """A path as an analyst should read it: relative to the project root where possible (a file
    of the build's snapshot by its project-relative name)."""
    return display_input(path, ROOT)
