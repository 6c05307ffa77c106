"""Fixtures of the Rammer chapter's tests."""
from __future__ import annotations

import pytest

from analysis.chapters import rammer


@pytest.fixture(scope="session")
def inputs() -> rammer.Inputs:
    """The chapter's default (2025-Q1) inputs."""
    return rammer.load_inputs({})
