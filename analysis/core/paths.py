"""Paths of the domain's data, defined in one place (cookiecutter-data-science style)."""
from __future__ import annotations

from pathlib import Path

from report.inputs import display_input, resolve_input

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"


def resolve(path: str | Path) -> Path:
    """Resolve a parameter path: absolute paths stay, relative ones are taken from the repo root
    (during a build: from the build's snapshot of the inputs, see `report.inputs`)."""
    return resolve_input(path, ROOT)


def display(path: str | Path) -> str:
    """A path as an analyst should read it: relative to the repo root where possible (a file of
    the build's snapshot by its project-relative name)."""
    return display_input(path, ROOT)
