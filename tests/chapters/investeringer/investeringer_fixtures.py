"""Shared fixtures of the investeringer chapter's tests (imported by each test module; a conftest.py here
would shadow the suite's root conftest): the default inputs (Notat 26-11-2021) and the invented later
follow-up of the example edition."""
from __future__ import annotations

import pytest
import yaml

from analysis.chapters.investeringer import load_inputs, model
from analysis.core.paths import ROOT

FIX = "tests/fixtures/investeringer"
EXAMPLE = ROOT / "params/examples/investeringer-later-followup.yml"
TOL = 5e-4  # half a unit of the printed precision (thousandths of a million kroner)


@pytest.fixture(scope="session")
def inputs():
    return load_inputs({})


@pytest.fixture(scope="session")
def derived(inputs):
    return model.derive(inputs)


@pytest.fixture(scope="session")
def cy(derived):
    return derived.cy


@pytest.fixture(scope="session")
def example_params():
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["investeringer"]


@pytest.fixture(scope="session")
def example(example_params):
    return load_inputs(example_params)


@pytest.fixture(scope="session")
def headline(inputs):
    """headline(item, case=None, year=None): the one value of a printed text figure."""
    def value(item, case=None, year=None):
        h = inputs.headlines[inputs.headlines["item"] == item]
        h = h[h["case"].isna()] if case is None else h[h["case"] == case]
        if year is not None:
            h = h[h["year"] == year]
        assert len(h) == 1
        return float(h["value"].iloc[0])
    return value
