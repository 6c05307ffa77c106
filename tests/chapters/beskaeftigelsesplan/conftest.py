"""Shared fixtures of the chapter's tests: the inputs of data/raw and the published follow-ups."""
from __future__ import annotations

import pytest

from analysis.chapters.beskaeftigelsesplan import load_inputs, model
from analysis.core.paths import ROOT

RAW = "data/raw/beskaeftigelsesplan"
FIX = "tests/fixtures/beskaeftigelsesplan"
PARAMS = dict(register_file=f"{RAW}/goals.csv", followup_file=f"{RAW}/followup.csv",
              summary_file=f"{RAW}/summary.csv", derived_file=f"{RAW}/derived_figures.csv",
              committee_file=f"{RAW}/committee.csv", explanations_file=f"{RAW}/explanations.csv",
              abbreviations_file=f"{RAW}/abbreviations.csv")
EXAMPLE = ROOT / "params/examples/beskaeftigelsesplan-round3.yml"
SEED = "002_9ca4cba65c336023.txt"  # the source document (see the `sources` fixture)


@pytest.fixture(scope="session")
def inputs():
    """The chapter's inputs as transcribed in data/raw."""
    return load_inputs(PARAMS)


@pytest.fixture(scope="session")
def published(inputs):
    """The follow-ups the source publishes: each plan year at its latest round."""
    shown = model.selected_rounds(inputs.followup, sorted(inputs.goals["plan_year"].unique()), {})
    return {y: model.evaluate(inputs, y, r) for y, r in shown.items()}


def printed(summary, year, measure, status=None, round_=None):
    """The one value of the published summary for a plan year, measure (and status, round)."""
    s = summary[(summary["plan_year"] == year) & (summary["measure"] == measure)]
    if status is not None:
        s = s[s["status"] == status]
    if round_ is not None:
        s = s[s["round"] == round_]
    assert len(s) == 1, (year, measure, status)
    return s["value"].iloc[0]


@pytest.fixture(scope="session")
def seed_text(sources) -> str:
    """The source document with line breaks, hyphenations and page furniture joined, so a
    printed phrase can be found (the `sources` fixture skips, or fails in CI, without it)."""
    return sources.text(SEED, join_hyphenation=True)
