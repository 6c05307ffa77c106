"""Tests of chapter `rammer`: computed figures against the printed figures in data/raw,
the figures' drawn values against the printed values, input validation in three formats,
parameters, and one execution of the notebook."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from analysis.chapters import rammer as rm
from analysis.core import fmt
from analysis.core.check import status_of
from analysis.core.errors import InputError, MissingInputError
from analysis.core.paths import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "rammer"


@pytest.fixture(scope="module")
def inputs() -> rm.Inputs:
    return rm.load_inputs({})


def raw(key: str) -> pd.DataFrame:
    """A raw transcription file read plainly (no schema), to compare against."""
    return pd.read_csv(ROOT / rm.DEFAULT_FILES[key])


# ---------------------------------------------------------------- printed figures reproduce
def test_every_reproducible_check_matches(inputs):
    checks = rm.all_checks(inputs, rm.BLOCKS)
    computed = [c for c in checks if c.computed is not None]
    assert computed, "no reproducible checks"
    bad = [(c.item, c.published, c.computed) for c in computed
           if status_of(c.published, c.computed, c.decimals) != "match"]
    assert bad == []


def test_not_reproducible_checks_are_the_expected_ones(inputs):
    nr = [c.item for c in rm.all_checks(inputs, rm.BLOCKS) if c.computed is None]
    assert len(nr) == 8
    assert "Andel af a-kassemedlemmerne i a-kasser med samarbejdsaftale" in nr
    assert "Mindre brugt på offentlig forsørgelse end forventet" in nr


def test_benchmark_difference_is_actual_minus_expected(inputs):
    t = rm.benchmark_table(inputs.benchmark)
    assert (t["difference_computed"] == t["difference"]).all()
    # and the printed sign is not expected minus actual (the header's word order)
    assert not (t["expected"] - t["actual"] == t["difference"]).all()


def test_benchmark_total_row_is_sum_of_groups():
    b = raw("benchmark_file")
    groups, total = b[b["group_id"] != "i_alt"], b[b["group_id"] == "i_alt"].iloc[0]
    for col in ("expected", "actual", "difference"):
        assert groups[col].sum() == total[col], col


def test_shares_sum_to_hundred_at_printed_precision():
    s = raw("budget_shares_file")
    for split, part in s.groupby("split"):
        decimals = max(rm.fmt_decimals(v) for v in part["share_pct"])
        assert round(part["share_pct"].sum(), decimals) == 100, split


def test_akasse_coverage_reproduces_nine_of_twentytwo(inputs):
    cov = raw("akasse_coverage_file").set_index("measure_id")["value"]
    c = rm.akasse_coverage(inputs.akasse_agreements, inputs.akasse_coverage)
    assert c["aftaler"] == cov["aftaler"] == len(raw("akasse_agreements_file"))
    assert round(c["andel_akasser"]) == cov["andel_akasser"]
    assert c["andel_akasser"] == pytest.approx(cov["aftaler"] / cov["akasser_i_alt"] * 100)


def test_pool_deadlines_count_matches_printed(inputs):
    printed = raw("intro_figures_file").set_index("indicator_id").loc["pulje_frister", "value"]
    cycle = raw("annual_cycle_file")
    assert (cycle["series"] == "pulje").sum() == printed


def test_changed_transcription_is_caught(tmp_path, inputs):
    """A changed number in data/raw makes a check differ (the tests can fail)."""
    b = raw("benchmark_file")
    b.loc[b["group_id"] == "sygedagpenge", "actual"] += 1
    path = tmp_path / "benchmark.csv"
    b.to_csv(path, index=False)
    changed = rm.load_table("benchmark_file", str(path))
    statuses = {c.item: status_of(c.published, c.computed) for c in
                rm.benchmark_checks(changed, inputs.intro_figures) if c.computed is not None}
    assert statuses["Forskel mellem forventet og faktisk antal, Sygedagpenge mv."] == "differs"
    assert statuses["Faktisk antal, ydelsesgrupper i alt"] == "differs"


def test_contact_ratios(inputs):
    c = raw("contact_file").set_index("group_id")["count"]
    r = rm.contact_ratios(inputs.contact).set_index("group_id")["jobcenter_per_person"]
    assert r["grundskoleelever"] == pytest.approx(c["kontaktforloeb"] / c["grundskoleelever"])
    assert r["folkepensionister"] == pytest.approx(c["kontaktforloeb"] / c["folkepensionister"])


def test_results_are_numbers_with_stable_unique_names(inputs):
    res = rm.results(inputs, rm.BLOCKS)
    names = [n for n, _, _ in res]
    assert len(names) == len(set(names))
    assert all(n == n.lower() and " " not in n for n in names)
    values = dict((n, v) for n, v, _ in res)
    b = raw("benchmark_file").set_index("group_id")
    assert values["benchmark_difference_total"] == b.loc["i_alt", "difference"]
    assert values["akasse_agreements"] == len(raw("akasse_agreements_file"))


def test_blocks_select_results_and_checks(inputs):
    assert {n for n, _, _ in rm.results(inputs, ["akasser"])} == {
        "akasse_agreements", "akasse_total", "akasse_coverage_pct", "akasse_member_coverage_pct"}
    assert {c.block for c in rm.all_checks(inputs, ["benchmark"])} == {"benchmark"}
    assert rm.key_messages(inputs, []) == []
    for block in rm.BLOCKS:  # every block alone still yields a key message
        assert rm.key_messages(inputs, [block]), block


# ---------------------------------------------------------------- figures draw the printed values
def _bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def test_economy_figure_draws_printed_shares(inputs):
    fig = rm.economy_figure(inputs.budget_shares)
    s = raw("budget_shares_file")
    for ax, split in zip(fig.axes, rm.SPLITS):
        printed = list(s[s["split"] == split]["share_pct"])
        assert [round(b.get_width(), 6) for b in _bars(ax)] == printed
        labels = [t.get_text() for t in ax.texts]
        assert labels == [fmt.percent(v, rm.fmt_decimals(v)) for v in printed]
    plt.close(fig)


def test_benchmark_figure_draws_printed_counts_and_differences(inputs):
    fig = rm.benchmark_figure(inputs.benchmark)
    ax = fig.axes[0]
    b = raw("benchmark_file")
    g = b[b["group_id"] != "i_alt"]
    widths = [round(p.get_width()) for p in _bars(ax)]
    assert widths == list(g["expected"]) + list(g["actual"])
    diffs = [t.get_text() for t in ax.texts if t.get_text().startswith("Forskel")]
    assert diffs == [f"Forskel: {fmt.integer(v, sign=True)}" for v in g["difference"]]
    plt.close(fig)


def test_annual_cycle_figure_spans_and_edition_lines(inputs):
    months = (2, 7)
    fig = rm.annual_cycle_figure(inputs.annual_cycle, months)
    ax = fig.axes[0]
    c = raw("annual_cycle_file")
    single = c[c["start_month"].notna() & c["series"].isna()]
    spans = sorted((round(p.get_x() + 0.5), round(p.get_x() + p.get_width() - 0.5)) for p in _bars(ax))
    assert spans == sorted(zip(single["start_month"].astype(int), single["end_month"].astype(int)))
    dashed = sorted(line.get_xdata()[0] for line in ax.lines if line.get_linestyle() not in ("-", "None"))
    assert dashed == list(months)
    markers = sorted(x for line in ax.lines if line.get_marker() == "D" for x in line.get_xdata())
    recurring = c[c["series"].notna()]
    assert markers == sorted(recurring["start_month"].astype(int))
    plt.close(fig)


def test_alt_texts_name_the_printed_numbers(inputs):
    alt = rm.benchmark_alt(inputs.benchmark)
    for v in raw("benchmark_file").query("group_id != 'i_alt'")["difference"]:
        assert fmt.integer(v, sign=True) in alt
    assert "september" in rm.cycle_alt(inputs.annual_cycle, (9,))


# ---------------------------------------------------------------- parameters
def test_blocks_parameter():
    assert rm.selected_blocks([]) == rm.BLOCKS
    assert rm.selected_blocks(["aarshjul", "benchmark"]) == ("benchmark", "aarshjul")
    with pytest.raises(rm.ParameterValueError) as exc:
        rm.selected_blocks(["budget"])
    assert str(exc.value) == (
        "Parameter 'blocks' of chapter 'rammer' is not valid: unknown block id(s); known: "
        "oekonomi, benchmark, rammevilkaar, kontakt, noegletal, akasser, aarshjul (value: ['budget'])")


def test_edition_months_parameter():
    assert rm.edition_months([]) == rm.DEFAULT_EDITION_MONTHS
    assert rm.edition_months([12, 3, 3]) == (3, 12)
    with pytest.raises(rm.ParameterValueError, match="edition_months"):
        rm.edition_months([0, 13])
    with pytest.raises(rm.ParameterValueError):
        rm.load_inputs({"edition_months": [3.5]})


def test_unknown_file_parameter():
    with pytest.raises(rm.ParameterValueError, match="roster_file"):
        rm.load_inputs({"roster_file": "x.csv"})


def test_edition_overview_lists_activities_in_month(inputs):
    ov = rm.edition_overview(inputs.annual_cycle, (6,)).iloc[0]
    assert "Budgetopfølgning" in ov["Aktiviteter i årshjulet samme måned"]


# ---------------------------------------------------------------- inputs in three formats
@pytest.mark.parametrize("key", sorted(rm.DEFAULT_FILES))
def test_every_input_reads_as_danish_csv_and_xlsx(tmp_path, key, inputs):
    """The transcription re-saved as Danish Excel CSV (cp1252, ;, decimal comma) and as .xlsx
    loads to the same table."""
    original = rm.load_table(key, rm.DEFAULT_FILES[key])
    plain = raw(key)
    danish = tmp_path / "danish.csv"
    plain.to_csv(danish, sep=";", decimal=",", index=False, encoding="cp1252", float_format="%g")
    xlsx = tmp_path / "book.xlsx"
    plain.to_excel(xlsx, index=False)
    for path in (danish, xlsx):
        other = rm.load_table(key, str(path))
        pd.testing.assert_frame_equal(other.reset_index(drop=True), original.reset_index(drop=True),
                                      check_dtype=False)


def test_utf8_csv_annual_cycle_errors_exact_message():
    path = FIXTURES / "annual_cycle_end_before_start.csv"
    with pytest.raises(InputError) as exc:
        rm.load_table("annual_cycle_file", str(path))
    assert str(exc.value) == (
        "Input file tests/fixtures/rammer/annual_cycle_end_before_start.csv is not valid (4 problem(s)):\n"
        "  - row 2, column 'end_month': end_month must not be before start_month (value: 8)\n"
        "  - row 4, column 'end_month': start_month and end_month must both be given or both be empty\n"
        "  - row 5, column 'end_month': in_range(1, 12) (value: 13)\n"
        "  - row 5, column 'start_month': in_range(1, 12) (value: 13)")


def test_danish_csv_benchmark_duplicate_group_names_row():
    path = FIXTURES / "benchmark_duplicate_group_danish.csv"
    with pytest.raises(InputError) as exc:
        rm.load_table("benchmark_file", str(path))
    f = exc.value.failures
    assert [(x.row, x.column, x.rule, x.value) for x in f] == [
        (4, "group_id", "must be unique (appears more than once)", "kontanthjaelp")]


def test_xlsx_akasse_coverage_missing_row_and_too_many_agreements():
    path = FIXTURES / "akasse_coverage_missing_row_too_many_agreements.xlsx"
    with pytest.raises(InputError) as exc:
        rm.load_table("akasse_coverage_file", str(path))
    rules = [(x.row, x.rule, x.value) for x in exc.value.failures]
    assert (None, "required row is missing", "andel_medlemmer") in rules
    assert (2, "agreements cannot exceed the number of a-kasser", 9) in rules


def test_key_figures_schema_and_cross_row_failures_reported_together():
    path = FIXTURES / "key_figures_rank_exceeds_total.csv"
    with pytest.raises(InputError) as exc:
        rm.load_table("key_figures_file", str(path))
    rules = {(x.row, x.column, x.rule) for x in exc.value.failures}
    assert (2, "rank", "rank must not exceed rank_of") in rules
    assert any(r == 3 and c == "value" for r, c, _ in rules)


def test_missing_file_names_parameter():
    with pytest.raises(MissingInputError, match="contact_file"):
        rm.load_inputs({"contact_file": "data/raw/rammer/nope.csv"})


# ---------------------------------------------------------------- the notebook
def test_notebook_runs_with_block_subset(tmp_path):
    """One execution with a subset of blocks and other edition months: no errors, no stray
    output, only the chosen sections, and only their results and checks."""
    import nbformat
    import papermill as pm

    out = tmp_path / "out.ipynb"
    pm.execute_notebook(str(ROOT / "notebooks" / "rammer.ipynb"), str(out), cwd=str(ROOT),
                        parameters={"blocks": ["benchmark", "aarshjul"], "edition_months": [1, 7]},
                        progress_bar=False, log_output=False)
    nb = nbformat.read(out, 4)
    md, results, checks, svgs = [], [], [], []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            assert o.output_type not in ("stream", "error"), o
            data = o.get("data", {})
            md += [data["text/markdown"]] if "text/markdown" in data else []
            svgs += [o["metadata"]["image/svg+xml"]["alt"]] if "image/svg+xml" in data else []
            results += [data[rm_mime]["name"] for rm_mime in data if rm_mime.endswith("result+json")]
            checks += [data[m]["status"] for m in data if m.endswith("check+json")]
            if "text/plain" in data:
                assert data["text/plain"] == "", data["text/plain"]
    text = "\n".join(md)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Forventet og faktisk antal på offentlig forsørgelse", "## Udvalgets årshjul"]
    assert "januar, juli" in svgs[-1]
    assert all(n.startswith(("benchmark_", "annual_cycle_")) for n in results)
    assert checks.count("not_reproducible") == 2 and "differs" not in checks
