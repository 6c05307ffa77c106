"""The folders the build reads and writes (cookiecutter-data-science). The project root and how an
input path is resolved and shown are defined in one place, `report.inputs` (the protocol the
domain's `analysis.core.paths` imports too)."""
from __future__ import annotations

from report.inputs import ROOT, display, resolve

__all__ = ["BOOK", "BUILD", "CACHE", "PARAMS", "PROCESSED", "ROOT", "display", "resolve"]

PARAMS = ROOT / "params"
PROCESSED = ROOT / "data" / "processed"
BOOK = ROOT / "_book"
BUILD = ROOT / "_build"
CACHE = ROOT / ".cache"
