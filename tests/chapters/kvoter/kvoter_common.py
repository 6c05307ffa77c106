"""Paths, parameters and fixtures shared by the Kvoter tests (imported by each test module;
a conftest.py here would shadow tests/conftest.py, which other tests import by name)."""
from __future__ import annotations

import pytest

from analysis.chapters.kvoter import load_inputs
from analysis.core.paths import ROOT

RAW = ROOT / "data" / "raw" / "kvoter"
FIX = ROOT / "tests" / "fixtures" / "kvoter"
EXAMPLES = ROOT / "data" / "examples" / "kvoter"
SEED_NAME = "000_eb2675815339feb2.txt"
PARAMS = {
    "roster_file": "data/raw/kvoter/roster_synthetic.csv",
    "placements_file": "data/raw/kvoter/placements_by_type.csv",
    "quota_table_file": "data/raw/kvoter/tabel1_quota.csv",
    "stated_figures_file": "data/raw/kvoter/stated_figures.csv",
    "quota_examples_file": "data/raw/kvoter/quota_examples.csv",
    "periods_file": "data/raw/kvoter/periods.csv",
    "committee_file": "data/raw/kvoter/committee_ask.csv",
}


@pytest.fixture(scope="session")
def inputs():
    """The default edition's validated inputs."""
    return load_inputs(PARAMS)


@pytest.fixture(scope="session")
def seed_text(sources) -> str:
    """The source document's text, whitespace collapsed (through the `sources` fixture of
    tests/conftest.py, which skips, or fails in CI, where the documents are not found)."""
    return sources.text(SEED_NAME)
