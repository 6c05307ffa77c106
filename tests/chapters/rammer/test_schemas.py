"""Schemas and cross-row rules of the Rammer inputs: every failure of a file at once, with row,
column, rule and value, in three file formats; broken files report, never crash."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.chapters.rammer.inputs import load_table
from analysis.chapters.rammer.schemas import SCHEMAS, best_effort, cross_row_failures
from analysis.core.errors import InputError

from .helpers import FIXTURES, raw


def test_utf8_csv_annual_cycle_errors_exact_message():
    path = FIXTURES / "annual_cycle_end_before_start.csv"
    with pytest.raises(InputError) as exc:
        load_table("annual_cycle_file", str(path))
    assert str(exc.value) == (
        "Input file tests/fixtures/rammer/annual_cycle_end_before_start.csv is not valid (4 problem(s)):\n"
        "  - row 2, column 'end_month': end_month must not be before start_month (value: 8)\n"
        "  - row 4, column 'end_month': start_month and end_month must both be given or both be empty\n"
        "  - row 5, column 'end_month': expected a whole number from 1 to 12 (value: 13)\n"
        "  - row 5, column 'start_month': expected a whole number from 1 to 12 (value: 13)")


def test_danish_csv_benchmark_duplicate_group_names_row():
    path = FIXTURES / "benchmark_duplicate_group_danish.csv"
    with pytest.raises(InputError) as exc:
        load_table("benchmark_file", str(path))
    assert [(x.row, x.column, x.rule, x.value) for x in exc.value.failures] == [
        (4, "group_id", "must be unique (appears more than once)", "kontanthjaelp")]


def test_xlsx_akasse_coverage_missing_row_and_too_many_agreements():
    path = FIXTURES / "akasse_coverage_missing_row_too_many_agreements.xlsx"
    with pytest.raises(InputError) as exc:
        load_table("akasse_coverage_file", str(path))
    rules = [(x.row, x.rule, x.value) for x in exc.value.failures]
    assert (None, "required row is missing", "andel_medlemmer") in rules
    assert (2, "agreements cannot exceed the number of a-kasser", 9) in rules


def test_key_figures_schema_and_cross_row_failures_reported_together():
    path = FIXTURES / "key_figures_rank_exceeds_total.csv"
    with pytest.raises(InputError) as exc:
        load_table("key_figures_file", str(path))
    rules = {(x.row, x.column, x.rule) for x in exc.value.failures}
    assert (2, "rank", "rank must not exceed rank_of") in rules
    assert any(r == 3 and c == "value" for r, c, _ in rules)


def test_duplicate_measure_with_text_value_reports_instead_of_crashing():
    """A duplicated measure id and a value that is not a number: the cross-row rules run on the
    best-effort frame and report with the schema's failures; nothing but InputError is raised."""
    path = FIXTURES / "akasse_coverage_duplicate_measure_text_value.csv"
    with pytest.raises(InputError) as exc:
        load_table("akasse_coverage_file", str(path))
    rules = {(x.row, x.column, x.rule) for x in exc.value.failures}
    assert (3, "measure_id", "must be unique (appears more than once)") in rules
    assert any(r == 2 and c == "value" for r, c, _ in rules)


@pytest.mark.parametrize("key", sorted(SCHEMAS))
def test_cross_row_rules_run_on_a_frame_without_its_columns(key):
    """Every rule runs on a frame that lost all its columns (the worst a reader can return)."""
    frame = pd.DataFrame({"unrelated": ["x", "y"]}, index=[2, 3])
    failures = cross_row_failures(key, best_effort(frame, SCHEMAS[key]))
    assert all(f.rule for f in failures)


@pytest.mark.parametrize("key", sorted(SCHEMAS))
def test_cross_row_rules_run_on_text_in_every_cell(key):
    frame = raw(key).astype(str).map(lambda v: "ikke et tal")
    frame.index = range(2, 2 + len(frame))
    failures = cross_row_failures(key, best_effort(frame, SCHEMAS[key]))
    assert all(f.rule for f in failures)


def test_benchmark_needs_exactly_one_total_row():
    b = raw("benchmark_file")
    b = b[b["group_id"] != "i_alt"]
    b.index = range(2, 2 + len(b))
    assert [f.rule for f in cross_row_failures("benchmark_file", b)] == [
        "exactly one total row 'i_alt' is required"]
