"""Tests of `inputs` and the transcribed data: every data file holds the figures the source
prints, and bad analyst files are rejected with file, row, column, rule and value."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.chapters.beskaeftigelsesplan import load_inputs, model
from analysis.core import provenance
from analysis.core.errors import InputError, MissingInputError
from analysis.core.paths import ROOT

from .conftest import FIX, PARAMS, RAW, printed


def _goal(inputs, year, goal_id):
    f = inputs.followup
    return f[(f["plan_year"] == year) & (f["goal_id"] == goal_id)].iloc[-1]


# ---------------------------------------------------------------- data/raw against the source
def test_provenance_covers_every_raw_file():
    reg = provenance.registry()
    files = set(reg.loc[reg["path"].str.startswith(RAW), "file"])
    assert files == {p.name for p in (ROOT / RAW).glob("*.csv")} - {"provenance.csv"}


def test_goal_register_has_the_printed_number_of_goals(inputs):
    # "udarbejdet 25 lokale målsætninger" (pkt. 3) and "udarbejdet 22 lokale målsætninger" (pkt. 4)
    assert int((inputs.goals["plan_year"] == 2023).sum()) == 25
    assert int((inputs.goals["plan_year"] == 2024).sum()) == 22
    g23 = inputs.goals[inputs.goals["plan_year"] == 2023]
    assert list(g23.loc[g23["removed_date"].notna(), "goal_id"]) == ["3.1.1"]
    for year in (2023, 2024):
        assert (inputs.goals["plan_year"] == year).sum() == printed(inputs.summary, year, "goals_planned")


def test_followup_holds_the_printed_measurements(inputs):
    g = _goal(inputs, 2024, "4.1")  # pkt. 4, mål 4.1: 51,9 % in Norddjurs, 53,5 % nationally
    assert (g["measured_value"], g["national_value"], g["status"]) == (51.9, 53.5, "nået")
    g = _goal(inputs, 2023, "4.1")  # pkt. 3, mål 4.1: 14,1 % against 13,3 % nationally
    assert (g["measured_value"], g["national_value"], g["status"]) == (14.1, 13.3, "ikke nået")
    r = inputs.goals.set_index(["plan_year", "goal_id"]).loc[(2024, "4.1")]
    assert (r["baseline_value"], r["national_baseline"]) == (50.3, 54.6)


def test_summary_holds_the_printed_counts(inputs):
    s = inputs.summary
    assert printed(s, 2023, "status_share", "ikke nået", 2) == 45.8  # "svarer til 45,8 %"
    assert printed(s, 2023, "goals_remaining") == 24  # "reduceret fra 25 til 24"
    assert [printed(s, 2024, "status_count", st, 1) for st in ("nået", "endnu ikke nået", "for tidligt")] \
        == [8, 6, 8]  # "8 mål er nået ... 6 mål er endnu ikke nået ... 8 mål er det endnu for tidligt"


def test_derived_figures_hold_the_printed_values(inputs):
    d = inputs.derived.set_index(["goal_id", "kind"])
    assert d.loc[("3.3.1", "share"), ["a", "b", "printed_value"]].tolist() == [36, 38, 94.7]
    assert d.loc[("2.2", "change_pct"), "printed_value"] == -8.9  # "et fald på 8,9 %"


@pytest.mark.parametrize("phrase", [
    "udarbejdet 25 lokale målsætninger", "udarbejdet 22 lokale målsætninger",
    "steget fra 50,3 % i januar 2024 til 51,9 % i marts 2024",
    "faldet fra 54,6 % i januar 2024 til 53,5 % i marts 2024",
    "svarer til 45,8 % af målene", "8 mål er nået ved denne opfølgning",
    "6 mål er endnu ikke nået ved denne opfølgning", "en beståelsesprocent på 94,7%",
    "et fald på 8,9 %",
])
def test_the_literals_above_are_printed_in_the_source(phrase, seed_text):
    assert phrase in seed_text


# ---------------------------------------------------------------- analyst formats
def small(followup):
    """The small register with one of the follow-up fixtures."""
    return load_inputs(dict(PARAMS, register_file=f"{FIX}/register_small.csv",
                            followup_file=f"{FIX}/{followup}"))


@pytest.mark.parametrize("name", ["followup_small.csv", "followup_small_danish_excel.csv",
                                  "followup_small.xlsx"])
def test_followup_formats_give_the_same_evaluation(name):
    ref = model.evaluate(small("followup_small.csv"), 2024, 1)
    got = model.evaluate(small(name), 2024, 1)
    cols = ["goal_id", "status", "measured_value", "national_value", "measured_period",
            "threshold", "rule_reached", "evaluated_status"]
    pd.testing.assert_frame_equal(got[cols], ref[cols])
    assert list(got["goal_id"]) == ["1.1", "2.2", "6.10", "6.11", "6.12"]


def test_unknown_goal_message_names_file_row_column_rule_and_value():
    with pytest.raises(InputError) as err:
        small("followup_unknown_goal.csv")
    assert str(err.value) == (
        f"Input file {FIX}/followup_unknown_goal.csv is not valid (2 problem(s)):\n"
        "  - row 6, column 'goal_id': goal is not in the goal register for plan year 2024 "
        "(value: '6.14')\n"
        "  - column 'goal_id': goal 6.12 of plan year 2024 has no row in round 1 (value: '6.12')")


@pytest.mark.parametrize("name, column, rule", [
    ("followup_bad_status.csv", "status", "expected one of 'nået', 'endnu ikke nået'"),
    ("followup_verdict_without_national.csv", "national_value", "needs the national value"),
    ("followup_percent_out_of_range.csv", "measured_value", "between 0 and 100"),
    ("followup_removed_without_date.csv", "status", "needs a removed_date"),
    ("followup_incomplete_round.csv", "goal_id", "has no row in round 1"),
    ("followup_measured_without_baseline.csv", "measured_value", "has no baseline_value"),
    ("followup_duplicate_goal.csv", "goal_id", "each combination of plan_year, round, goal_id may appear only once"),
    ("followup_numeric_goal_id.xlsx", "goal_id", "goal id must be text"),
])
def test_bad_followup_is_rejected(name, column, rule):
    with pytest.raises(InputError) as err:
        small(name)
    assert err.value.file == f"{FIX}/{name}"
    assert any(rule in f.rule and (column is None or f.column == column)
               for f in err.value.failures), err.value


def test_register_rule_comparator_needs_target():
    with pytest.raises(InputError) as err:
        load_inputs(dict(PARAMS, register_file=f"{FIX}/register_max_pp_without_target.csv",
                         followup_file=f"{FIX}/followup_small.csv"))
    assert err.value.first.column == "target_value" and err.value.first.row == 5


def test_missing_file_names_the_parameter():
    with pytest.raises(MissingInputError, match="followup_file"):
        load_inputs(dict(PARAMS, followup_file=f"{FIX}/nope.csv"))


def test_a_round_missing_from_the_followup_is_a_parameter_error():
    from analysis.core.errors import ParameterValueError

    with pytest.raises(ParameterValueError, match="no follow-up round 9") as err:
        load_inputs({**PARAMS, "plan_years": [2023], "rounds": {"2023": 9}})
    assert err.value.parameter == "rounds"
    load_inputs({**PARAMS, "plan_years": [2023], "rounds": {"2023": 2}})
