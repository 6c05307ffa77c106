"""Helpers of the Rammer chapter's tests: the raw transcriptions read plainly, and the seed
documents' text with whitespace collapsed (to find the figures as printed)."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.chapters.rammer.inputs import DEFAULT_FILES
from analysis.core.paths import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "rammer"
SEEDS = Path("/work/shared/seeds")
SEED_INTRO = "001_803900a89830a097.txt"
SEED_NBR = "002_9ca4cba65c336023.txt"


def raw(key: str) -> pd.DataFrame:
    """A raw transcription file read plainly (no schema), to compare against."""
    return pd.read_csv(ROOT / DEFAULT_FILES[key])


def seed_text(name: str) -> str:
    """A seed document with every run of whitespace collapsed to one space."""
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed document {name} is not on this machine")
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
