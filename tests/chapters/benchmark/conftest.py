"""Shared fixtures of the Jobcenterbenchmark tests: the 2025-Q1 parameters and inputs."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.chapters.benchmark import Inputs, load_inputs

RAW = "data/raw/benchmark/"
FIX = Path(__file__).parents[2] / "fixtures" / "benchmark"
PARAMS = {
    "unit_costs_by_group_file": RAW + "unit_costs_by_group.csv",
    "unit_costs_by_task_file": RAW + "unit_costs_by_task.csv",
    "group_tables_file": RAW + "group_tables.csv",
    "key_figures_file": RAW + "key_figures.csv",
    "expenditure_file": RAW + "expenditure_by_group.csv",
    "cost_drivers_file": RAW + "cost_drivers.csv",
    "fte_correction_file": RAW + "fte_correction.csv",
    "text_statements_file": RAW + "text_statements.csv",
    "gaps_file": RAW + "gaps.csv",
    "peer_names_file": RAW + "peer_names.csv",
    "period_file": RAW + "period.csv",
    "source_notes_file": RAW + "source_notes.csv",
}


@pytest.fixture(scope="session")
def inp() -> Inputs:
    return load_inputs(PARAMS)
