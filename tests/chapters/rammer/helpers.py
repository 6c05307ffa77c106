"""Helpers of the Rammer chapter's tests: the raw transcriptions read plainly, and the names of
the source documents (read through the `sources` fixture of tests/conftest.py)."""
from __future__ import annotations

import pandas as pd

from analysis.chapters.rammer.inputs import DEFAULT_FILES
from analysis.core.paths import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "rammer"
SEED_INTRO = "001_803900a89830a097.txt"
SEED_NBR = "002_9ca4cba65c336023.txt"


def raw(key: str) -> pd.DataFrame:
    """A raw transcription file read plainly (no schema), to compare against."""
    return pd.read_csv(ROOT / DEFAULT_FILES[key])

