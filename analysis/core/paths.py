"""Paths of the domain's data, defined in one place (cookiecutter-data-science style)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"


def resolve(path: str | Path) -> Path:
    """Resolve a parameter path: absolute paths stay, relative ones are taken from the repo root."""
    p = Path(path)
    return p if p.is_absolute() else ROOT / p


def display(path: str | Path) -> str:
    """A path as an analyst should read it: relative to the repo root where possible."""
    p = Path(path)
    try:
        return p.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(p)
