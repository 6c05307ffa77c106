"""Shared fixtures of the Kvoter tests: the default edition's inputs and the source text."""
from __future__ import annotations

import pytest
from kvoter_common import PARAMS, SEED_NAME

from analysis.chapters.kvoter import load_inputs
from analysis.core.paths import ROOT


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
