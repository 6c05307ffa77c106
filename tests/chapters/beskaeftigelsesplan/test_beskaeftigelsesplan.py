"""Tests of the chapter `beskaeftigelsesplan`: the goals are evaluated from data/raw and the
counts compared with the summary counts transcribed in data/raw (no number typed here)."""
from __future__ import annotations

import nbformat
import pandas as pd
import pytest
import yaml

from analysis.chapters import beskaeftigelsesplan as bp
from analysis.core import provenance
from analysis.core.check import status_of
from analysis.core.errors import InputError, MissingInputError
from analysis.core.paths import ROOT
from report.protocol import CHECK_MIME, RESULT_MIME

RAW = "data/raw/beskaeftigelsesplan"
FIX = "tests/fixtures/beskaeftigelsesplan"
PARAMS = dict(register_file=f"{RAW}/goals.csv", followup_file=f"{RAW}/followup.csv",
              summary_file=f"{RAW}/summary.csv", derived_file=f"{RAW}/derived_figures.csv")
EXAMPLE = ROOT / "params/examples/beskaeftigelsesplan-round3.yml"


@pytest.fixture(scope="module")
def inputs():
    return bp.load_inputs(PARAMS)


@pytest.fixture(scope="module")
def published(inputs):
    """The follow-ups the source publishes: each plan year at its latest round."""
    shown = bp.selected_rounds(inputs.followup, sorted(inputs.goals["plan_year"].unique()), {})
    return {y: bp.evaluate(inputs, y, r) for y, r in shown.items()}


def _printed(summary, year, measure, status=None, round_=None):
    s = summary[(summary["plan_year"] == year) & (summary["measure"] == measure)]
    if status is not None:
        s = s[s["status"] == status]
    if round_ is not None:
        s = s[s["round"] == round_]
    assert len(s) == 1, (year, measure, status)
    return s["value"].iloc[0]


# ---------------------------------------------------------------- data/raw
def test_provenance_covers_every_raw_file():
    reg = provenance.registry()
    files = set(reg.loc[reg["path"].str.startswith(RAW), "file"])
    assert files == {p.name for p in (ROOT / RAW).glob("*.csv")} - {"provenance.csv"}


def test_register_matches_printed_number_of_goals(inputs):
    for year in inputs.goals["plan_year"].unique():
        goals = inputs.goals[inputs.goals["plan_year"] == year]
        assert len(goals) == _printed(inputs.summary, year, "goals_planned")
    g23 = inputs.goals[inputs.goals["plan_year"] == 2023]
    assert int(g23["removed_date"].isna().sum()) == _printed(inputs.summary, 2023, "goals_remaining")


def test_itemised_counts_2023_match_every_printed_count(inputs, published):
    ev = published[2023]
    counts = bp.status_counts(ev, inputs.summary).set_index("status")
    s = inputs.summary[(inputs.summary["plan_year"] == 2023) & (inputs.summary["measure"] == "status_count")]
    assert len(s) == 3
    for _, row in s.iterrows():
        assert counts.loc[row["status"], "count"] == row["value"]
    active = ev[ev["status"] != bp.REMOVED]
    assert len(active) == _printed(inputs.summary, 2023, "goals_followed_up", round_=2)
    share = counts.loc[bp.NOT_REACHED, "share"]
    assert status_of(_printed(inputs.summary, 2023, "status_share", bp.NOT_REACHED), share) == "match"
    assert counts["count"].sum() == len(active)


def test_2024_printed_counts_disagree_with_itemised_goals_but_match_the_rule(inputs, published):
    counts = bp.status_counts(published[2024], inputs.summary).set_index("status")
    differs = set(counts.index[counts["count"] != counts["printed_count"]])
    assert differs == {bp.REACHED, bp.NOT_YET}
    assert (counts["rule_count"] == counts["printed_count"]).all()
    assert counts["count"].sum() == _printed(inputs.summary, 2024, "goals_planned")


def test_rule_agrees_with_every_published_verdict_except_2024_goal_4_1(published):
    both = pd.concat(published.values())
    checked = both[both["agrees"].notna()]
    bad = checked[checked["agrees"].eq(False)]
    assert list(zip(bad["plan_year"], bad["goal_id"])) == [(2024, "4.1")]
    # every goal with a verdict and a complete measurement is checked
    measurable = both[both["comparator"].notna() & both["published_reached"].notna()]
    assert set(checked["goal_id"] + "/" + checked["plan_year"].astype(str)) <= set(
        measurable["goal_id"] + "/" + measurable["plan_year"].astype(str))
    assert len(checked) > 0.6 * len(measurable)


def test_removed_goal_is_excluded_from_counts_but_kept(inputs, published):
    ev = published[2023]
    removed = bp.removed_goals(ev)
    assert list(removed["goal_id"]) == list(
        inputs.goals.loc[inputs.goals["removed_date"].notna(), "goal_id"])
    assert removed["evaluated_status"].isna().all()
    assert bp.theme_table(ev, removed["theme"].iloc[0])["Status"].str.contains("Udgået").any()


def test_summary_checks_record_every_printed_count(inputs, published):
    rows = pd.concat([bp.summary_checks(inputs, ev) for ev in published.values()])
    assert len(rows) == len(inputs.summary) - int((inputs.summary["measure"] == "rounds_planned").sum())
    statuses = [status_of(r.published, r.computed, r.decimals) for r in rows.itertuples()]
    assert statuses.count("differs") == 2


def test_derived_figures_reproduce_as_printed(inputs, published):
    rows = pd.concat([bp.derived_checks(inputs, ev) for ev in published.values()])
    assert len(rows) == len(inputs.derived)
    assert all(status_of(r.published, r.computed) == "match" for r in rows.itertuples())


def test_derived_figure_fails_when_a_transcribed_number_changes(inputs):
    d = inputs.derived.iloc[0]
    assert status_of(d["printed_value"], bp.derived_value(d["kind"], d["a"] + 1, d["b"])) == "differs"


# ---------------------------------------------------------------- rules
@pytest.mark.parametrize("comparator, measured, threshold, better, expected", [
    ("at_least", 80, 80, None, True), ("at_least", 79.9, 80, None, False),
    ("more_than", 80, 80, None, False), ("at_most", 4, 4, None, True),
    ("increase", 11, 11, None, False), ("increase", 12.7, 11, None, True),
    ("decrease", 339, 372, None, True), ("not_above_baseline", 10, 10, None, True),
    ("follow_national", 14.1, 13.3, "lower", False), ("follow_national", 14.1, 13.3, "higher", True),
    ("max_pp_above_national", 71.3, 71.0, "lower", False),
    ("max_pp_above_national", 71.0, 71.0, "lower", True),
])
def test_rule_verdict(comparator, measured, threshold, better, expected):
    assert bp.rule_verdict(comparator, measured, threshold, better)[0] is expected


def test_rule_cannot_decide_without_data_or_from_a_lower_bound_below_target():
    assert bp.rule_verdict(None, 1, 1) == (None, "kvalitativt mål")
    assert bp.rule_verdict("at_least", None, 1) == (None, "ingen måling")
    assert bp.rule_verdict("follow_national", 1, None, "higher") == (None, "intet landstal")
    assert bp.rule_verdict("at_least", 80, 80, lower_bound=True) == (True, "")
    assert bp.rule_verdict("at_least", 70, 80, lower_bound=True)[0] is None


def test_max_pp_threshold_is_national_plus_points(published):
    r = published[2024].set_index("goal_id").loc["6.11"]
    assert r["threshold"] == pytest.approx(r["national_value"] + r["target_value"])


def test_selected_rounds_default_latest_and_str_or_int_keys(inputs):
    assert bp.selected_rounds(inputs.followup, [2023, 2024], {"2023": 2}) == \
        bp.selected_rounds(inputs.followup, [2023, 2024], {2023: 2}) == \
        bp.selected_rounds(inputs.followup, [2023, 2024], {})
    with pytest.raises(ValueError, match="plan year 2024 has no follow-up round 9"):
        bp.selected_rounds(inputs.followup, [2024], {"2024": 9})


def test_key_messages_are_computed(inputs, published):
    msgs = bp.key_messages(published, inputs.summary)
    assert len(msgs) == 3
    n = int(bp.status_counts(published[2024]).set_index("status").loc[bp.REACHED, "count"])
    assert f"{n} af" in msgs[1] and "4.1 (2024)" in msgs[2]


# ---------------------------------------------------------------- analyst formats
def _small(followup):
    return bp.load_inputs(dict(PARAMS, register_file=f"{FIX}/register_small.csv",
                               followup_file=f"{FIX}/{followup}"))


@pytest.mark.parametrize("name", ["followup_small.csv", "followup_small_danish_excel.csv",
                                  "followup_small.xlsx"])
def test_followup_formats_give_the_same_evaluation(name):
    ref = bp.evaluate(_small("followup_small.csv"), 2024, 1)
    got = bp.evaluate(_small(name), 2024, 1)
    cols = ["goal_id", "status", "measured_value", "national_value", "measured_period",
            "threshold", "rule_reached", "evaluated_status"]
    pd.testing.assert_frame_equal(got[cols], ref[cols])
    assert list(got["goal_id"]) == ["1.1", "2.2", "6.10", "6.11", "6.12"]


def test_unknown_goal_message_names_file_row_column_rule_and_value():
    with pytest.raises(InputError) as err:
        _small("followup_unknown_goal.csv")
    assert str(err.value) == (
        f"Input file {FIX}/followup_unknown_goal.csv is not valid (2 problem(s)):\n"
        "  - row 6, column 'goal_id': goal is not in the goal register for plan year 2024 "
        "(value: '6.14')\n"
        "  - column 'goal_id': goal 6.12 of plan year 2024 has no row in round 1 (value: '6.12')")


@pytest.mark.parametrize("name, column, rule", [
    ("followup_bad_status.csv", "status", "isin"),
    ("followup_verdict_without_national.csv", "national_value", "needs the national value"),
    ("followup_percent_out_of_range.csv", "measured_value", "between 0 and 100"),
    ("followup_removed_without_date.csv", "status", "needs a removed_date"),
    ("followup_incomplete_round.csv", "goal_id", "has no row in round 1"),
    ("followup_measured_without_baseline.csv", "measured_value", "has no baseline_value"),
    ("followup_duplicate_goal.csv", None, "unique"),
    ("followup_numeric_goal_id.xlsx", "goal_id", "goal id must be text"),
])
def test_bad_followup_is_rejected(name, column, rule):
    with pytest.raises(InputError) as err:
        _small(name)
    assert err.value.file == f"{FIX}/{name}"
    assert any(rule in f.rule and (column is None or f.column == column)
               for f in err.value.failures), err.value


def test_register_rule_comparator_needs_target():
    with pytest.raises(InputError) as err:
        bp.load_inputs(dict(PARAMS, register_file=f"{FIX}/register_max_pp_without_target.csv",
                            followup_file=f"{FIX}/followup_small.csv"))
    assert err.value.first.column == "target_value" and err.value.first.row == 5


def test_missing_file_names_the_parameter():
    with pytest.raises(MissingInputError, match="followup_file"):
        bp.load_inputs(dict(PARAMS, followup_file=f"{FIX}/nope.csv"))


# ---------------------------------------------------------------- example edition
@pytest.fixture(scope="module")
def example():
    section = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["beskaeftigelsesplan"]
    files = {k: v for k, v in section.items() if k.endswith("_file")}
    return section, bp.load_inputs(files)


def test_example_keeps_published_rounds_unchanged(inputs, example):
    _, ex = example
    old = ex.followup.merge(inputs.followup[["plan_year", "round"]].drop_duplicates())
    cols = [c for c in inputs.followup.columns]
    pd.testing.assert_frame_equal(old[cols].reset_index(drop=True),
                                  inputs.followup[cols].reset_index(drop=True))


def test_example_round_is_evaluated_without_code_changes(example):
    section, ex = example
    shown = bp.selected_rounds(ex.followup, section["plan_years"], section["rounds"])
    new = {y: r for y, r in shown.items()
           if not ((ex.summary["plan_year"] == y) & (ex.summary["round"] == r)).any()}
    assert new  # the example shows a round without printed counts
    for year, rnd in new.items():
        ev = bp.evaluate(ex, year, rnd)
        assert ev["document"].str.contains("OPDIGTET EKSEMPEL").all()
        counts = bp.status_counts(ev, ex.summary)
        assert counts["count"].sum() == (ev["status"] != bp.REMOVED).sum()
        assert counts["printed_count"].isna().all()
        assert bp.summary_checks(ex, ev)["item"].str.contains("opfølgning").sum() == 0
        # the last planned round turns a miss into "ikke nået", never "endnu ikke nået"
        final = rnd == bp.rounds_planned(ex.summary, year)
        assert (bp.NOT_YET not in set(ev["evaluated_status"].dropna())) == final


# ---------------------------------------------------------------- notebook
def _run(tmp_path, **params):
    papermill = pytest.importorskip("papermill")
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks/beskaeftigelsesplan.ipynb"), str(out),
                               parameters=params, cwd=str(ROOT), progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert not [o for o in outputs if o["output_type"] in ("stream", "error")]
    return outputs


def test_notebook_records_checks_and_results(tmp_path, inputs, published):
    outputs = _run(tmp_path)
    checks = [o["data"][CHECK_MIME] for o in outputs if CHECK_MIME in o.get("data", {})]
    results = {o["data"][RESULT_MIME]["name"]: o["data"][RESULT_MIME]["value"]
               for o in outputs if RESULT_MIME in o.get("data", {})}
    n_goal_checks = sum(int(ev["agrees"].notna().sum()) for ev in published.values())
    assert len(checks) == (len(inputs.summary) - 2) + n_goal_checks + len(inputs.derived)
    differs = sorted(c["item"] for c in checks if c["status"] != "match")
    assert len(differs) == 3 and any("mål 4.1" in d for d in differs)
    assert results["goals_2023_reached"] == _printed(inputs.summary, 2023, "status_count", bp.REACHED)
    assert results["goals_2024_rule_disagreements"] == 1


def test_notebook_renders_example_edition(tmp_path, example):
    section, ex = example
    outputs = _run(tmp_path, **section)
    text = "".join(o["data"].get("text/markdown", "") for o in outputs if "data" in o)
    assert "**Eksempel:**" in text and "2024, opfølgning 2" in text
    ev = bp.evaluate(ex, 2024, 2)
    n = int((ev["status"] == bp.REACHED).sum())
    assert f"{n} af {int((ev['status'] != bp.REMOVED).sum())} mål er nået" in text
