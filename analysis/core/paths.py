"""Paths of the domain's data. The project root and how an input path is resolved and shown are
defined in one place, `report.inputs` (the protocol the build's `book.paths` imports too); this
module adds the domain's own folder."""
from __future__ import annotations

from report.inputs import ROOT, display, resolve

__all__ = ["RAW", "ROOT", "display", "resolve"]

RAW = ROOT / "data" / "raw"
