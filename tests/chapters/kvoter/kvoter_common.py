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
def seed_text() -> str:
    """The source document's text (the seeds folder lies beside the checkout); skip if absent."""
    for parent in [ROOT, *ROOT.parents]:
        p = parent / "shared" / "seeds" / SEED_NAME
        if p.is_file():
            return " ".join(p.read_text(encoding="utf-8").split())
    pytest.skip("the source documents (shared/seeds) are not beside this checkout")
