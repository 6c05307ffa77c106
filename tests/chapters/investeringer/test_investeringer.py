"""Tests of the investeringer chapter: recompute the notat's printed figures from its case rows,
check the validation of the analyst's quarterly forecast file in all three formats, and run
the notebook for the default edition and the later-follow-up example edition."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from analysis.chapters import investeringer as iv
from analysis.core.check import status_of
from analysis.core.errors import InputError
from analysis.core.paths import ROOT

FIX = "tests/fixtures/investeringer"
EXAMPLE = ROOT / "params/examples/investeringer-later-followup.yml"
TOL = 5e-4  # half a unit of the printed precision (thousandths of a million kroner)


@pytest.fixture(scope="module")
def inputs():
    return iv.load_inputs({})


@pytest.fixture(scope="module")
def cy(inputs):
    return iv.case_year(inputs.amounts)


@pytest.fixture(scope="module")
def example_params():
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["investeringer"]


@pytest.fixture(scope="module")
def example(example_params):
    return iv.load_inputs(example_params)


def _headline(inputs, item, case=None):
    h = inputs.headlines[inputs.headlines["item"] == item]
    h = h[h["case"].isna()] if case is None else h[h["case"] == case]
    assert len(h) == 1
    return float(h["value"].iloc[0])


# ---------------------------------------------------------------- recompute the notat
def test_tabel1_recomputed_from_case_rows(inputs, cy):
    t1 = iv.tabel1(cy).set_index("year")
    pub = inputs.tabel1.set_index("year")
    assert list(t1.index) == list(pub.index)
    for col in ("investment", "savings", "net"):
        assert np.allclose(t1[col], pub[col], atol=TOL), col
    assert list(t1["kind"]) == list(pub["kind"])


def test_tabel1_columns_are_independent_sums(inputs):
    """The same totals from the raw long table by a plain groupby, not via case_year."""
    a = inputs.amounts[inputs.amounts["kind"] != "budget"]
    by = a.pivot_table(index="year", columns="measure", values="amount", aggfunc="sum")
    pub = inputs.tabel1.set_index("year")
    assert np.allclose(by["investment"], pub["investment"], atol=TOL)
    assert np.allclose(by["savings"], pub["savings"], atol=TOL)


def test_case_net_rows_match_printed_i_alt(inputs, cy):
    pub = inputs.published_net.dropna(subset=["net"])
    assert len(pub) > 0
    for _, p in pub.iterrows():
        row = cy[(cy["case"] == p["case"]) & (cy["year"] == p["year"])].iloc[0]
        col = "net_budget" if p["kind"] == "budget" else "net_actual"
        assert abs(row[col] - p["net"]) < TOL, (p["case"], p["year"], p["kind"])
    # the printed dashes (ended case) are dashes in the amounts too
    dashes = inputs.published_net[inputs.published_net["net"].isna()]
    for _, p in dashes.iterrows():
        row = cy[(cy["case"] == p["case"]) & (cy["year"] == p["year"])].iloc[0]
        assert np.isnan(row["net_budget" if p["kind"] == "budget" else "net_actual"])


def test_net_saving_returned_funds_and_surpluses(inputs, cy):
    t1 = iv.tabel1(cy)
    assert abs(iv.net_saving(t1) - _headline(inputs, "net_saving_period")) < TOL
    rf = iv.returned_funds(cy, inputs.cases)
    assert list(rf["case"]) == list(inputs.cases.loc[inputs.cases["status"] == "ended", "case"])
    assert abs(rf["returned"].sum() - _headline(inputs, "case_returned_funds", case=1)) < TOL
    cum = iv.cumulative(cy, iv.BUDGET_PERIOD).set_index("case")
    for case in (3, 4):
        assert abs(-cum.loc[case, "net_actual"] - _headline(inputs, "case_surplus_period", case=case)) < TOL
    # the sum of the cases' cumulative effects is Tabel 1's period total
    assert abs(cum["net_actual"].sum() + iv.net_saving(t1)) < TOL


def test_deviation_is_actual_minus_budget(cy):
    for m in ("investment", "savings", "net"):
        d = cy[f"{m}_actual"] - cy[f"{m}_budget"]
        assert np.allclose(cy[f"{m}_deviation"].dropna(), d.dropna())


def test_cumulative_by_year_ends_at_cumulative(cy):
    years = list(iv.BUDGET_PERIOD)
    last = iv.cumulative_by_year(cy, years).groupby("case").last()
    cum = iv.cumulative(cy, years).set_index("case")
    assert np.allclose(last["net_actual_cumulative"], cum["net_actual"])
    assert np.allclose(last["net_budget_cumulative"], cum["net_budget"])


def test_reconciliation_statuses(inputs):
    """Everything the case tables can reproduce matches; the planned investment differs (case
    1's 2022-2023 budget is printed as '-') and the budget agreement's yearly savings target
    cannot be reproduced."""
    rows = iv.reconciliation(inputs)
    status = {r.item: status_of(r.published, r.computed, r.decimals) for r in rows}
    odd = {k: v for k, v in status.items() if v != "match"}
    assert odd.pop("Planlagt investering i budgetaftalen 2020-2023") == "differs"
    assert set(odd.values()) == {"not_reproducible"}
    years = inputs.headlines.loc[inputs.headlines["item"] == "planned_savings_year", "year"]
    assert sorted(odd) == sorted(f"Besparelse lagt ind i budgettet {int(y)}" for y in years)
    n_printed = inputs.tabel1.shape[0] * 3 + inputs.published_net["net"].notna().sum()
    assert len(rows) == n_printed + len(inputs.headlines)


def test_planned_investment_gap_is_one_year_of_case_1(inputs, cy):
    gap = _headline(inputs, "planned_investment") - iv.planned_investment(cy)
    case1 = cy[cy["case"] == 1]["investment_budget"].dropna()
    assert abs(gap - case1.iloc[0]) < TOL and case1.nunique() == 1


def test_tabel1_net_label_says_b_minus_a_but_is_a_plus_b(inputs):
    assert iv.net_label_is_sum(inputs.tabel1)
    t = inputs.tabel1
    assert not np.allclose(t["savings"] - t["investment"], t["net"], atol=TOL)


# ---------------------------------------------------------------- survival curves
def test_survival_checkpoints_and_differences(inputs):
    s = iv.survival_summary(inputs.survival, "avg_2017_2019").set_index("series")
    wide = iv.survival_wide(inputs.survival)
    for series in s.index:
        for wk in iv.CHECKPOINT_WEEKS:
            v = wide.loc[wk, series]
            assert (np.isnan(v) and np.isnan(s.loc[series, f"share_week_{wk}"])) or v == s.loc[series, f"share_week_{wk}"]
            d = v - wide.loc[wk, "avg_2017_2019"]
            got = s.loc[series, f"diff_week_{wk}_pp"]
            assert (np.isnan(d) and np.isnan(got)) or abs(d - got) < 1e-9
    assert abs(s.loc["h1_2021", "share_week_13"] - _headline(inputs, "survival_share")) < 0.05
    assert s.loc["y2020", "last_week"] == wide["y2020"].last_valid_index()


def test_area_between_curves():
    base = pd.DataFrame({"series": "b", "label": "b", "week": [0, 4, 8], "share": [100.0, 60.0, 40.0]})
    shifted = base.assign(series="s", share=base["share"] - 2.0)
    shifted.loc[2, "share"] = np.nan  # the series ends after week 4
    surv = pd.concat([base, shifted], ignore_index=True)
    a = iv.area_between(surv, "s", "b")
    assert a["last_week"] == 4 and a["area_pp_weeks"] == pytest.approx(2.0 * 4)
    assert a["mean_gap_pp"] == pytest.approx(2.0)
    assert iv.area_between(surv, "b", "b")["area_pp_weeks"] == 0.0


# ---------------------------------------------------------------- example edition
def test_example_changes_exactly_two_cases(inputs, example):
    assert not example.amounts_are_published
    assert example.follow_up_date > inputs.follow_up_date
    changed = iv.changed_cases(example.amounts, example.published_amounts)
    assert len(changed) == 2
    cy_new = iv.cumulative(iv.case_year(example.amounts), iv.BUDGET_PERIOD).set_index("case")
    cy_old = iv.cumulative(iv.case_year(inputs.amounts), iv.BUDGET_PERIOD).set_index("case")
    for case in cy_old.index:
        same = abs(cy_new.loc[case, "net_actual"] - cy_old.loc[case, "net_actual"]) < TOL
        assert same == (case not in changed)
        assert cy_new.loc[case, "net_budget"] == pytest.approx(cy_old.loc[case, "net_budget"])


def test_example_tabel1_from_its_own_rows(example):
    """Tabel 1 of the later follow-up equals the plain sums of the example file's rows, and
    2021 has become a result year."""
    raw = pd.read_csv(ROOT / "data/examples/investeringer/case_amounts_invented_2022-05-31.csv")
    act = raw[raw["kind"] != "budget"]
    t1 = iv.tabel1(iv.case_year(example.amounts)).set_index("year")
    sums = act.pivot_table(index="year", columns="measure", values="amount", aggfunc="sum")
    assert np.allclose(t1["investment"], sums["investment"], atol=1e-9)
    assert np.allclose(t1["net"], sums["investment"] + sums["savings"], atol=1e-9)
    closed = [y for y in iv.BUDGET_PERIOD if iv.year_closed(y, example.follow_up_date)]
    assert list(t1.loc[closed, "kind"]) == ["result"] * len(closed)
    assert set(t1.drop(index=closed)["kind"]) == {"forecast"}


def test_example_checks_still_reconcile_the_notat(inputs, example):
    a = [status_of(r.published, r.computed, r.decimals) for r in iv.reconciliation(inputs)]
    b = [status_of(r.published, r.computed, r.decimals) for r in iv.reconciliation(example)]
    assert a == b


# ---------------------------------------------------------------- validation, three formats
def _write_danish(df: pd.DataFrame, path: Path, encoding: str) -> None:
    text = df.to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    path.write_bytes(text.encode(encoding))


@pytest.mark.parametrize("fmt_", ["danish_cp1252", "danish_utf8_bom", "xlsx"])
def test_amounts_accepted_in_every_format(tmp_path, inputs, fmt_):
    src = pd.read_csv(ROOT / "data/raw/investeringer/case_amounts.csv")
    if fmt_ == "xlsx":
        path = tmp_path / "amounts.xlsx"
        src.to_excel(path, index=False)
    else:
        path = tmp_path / "amounts.csv"
        _write_danish(src, path, "cp1252" if fmt_ == "danish_cp1252" else "utf-8-sig")
    got = iv.load_inputs({"amounts_file": str(path)})
    cols = ["case", "year", "measure", "kind", "amount"]
    pd.testing.assert_frame_equal(got.amounts[cols].reset_index(drop=True),
                                  inputs.amounts[cols].reset_index(drop=True), check_dtype=False)


def test_duplicate_row_exact_message():
    with pytest.raises(InputError) as e:
        iv.load_inputs({"amounts_file": f"{FIX}/amounts_duplicate_row.csv"})
    n = len(pd.read_csv(ROOT / FIX / "amounts_duplicate_row.csv"))
    assert str(e.value) == (
        f"Input file {FIX}/amounts_duplicate_row.csv is not valid (1 problem(s)):\n"
        f"  - row {n + 1}, column 'kind': more than one value for the same case/year/measure/kind "
        "(value: 'case 3, 2021, savings, forecast')")


def test_unknown_case_in_danish_csv():
    with pytest.raises(InputError) as e:
        iv.load_inputs({"amounts_file": f"{FIX}/amounts_unknown_case_danish.csv"})
    raw = pd.read_csv(ROOT / FIX / "amounts_unknown_case_danish.csv", sep=";", encoding="cp1252")
    bad_row = int(raw.index[~raw["case"].isin([1, 2, 3, 4, 5])][0]) + 2
    f = e.value.failures
    assert f[0].row is None and f[0].rule == "missing row"  # case 5's row is now missing
    unknown = [x for x in f if x.column == "case"]
    assert [(x.row, x.value) for x in unknown] == [(bad_row, 6)]
    assert unknown[0].rule.startswith("unknown case; known cases: [1, 2, 3, 4, 5]")


def test_result_before_year_end_in_xlsx():
    with pytest.raises(InputError) as e:
        iv.load_inputs({"amounts_file": f"{FIX}/amounts_result_before_year_end.xlsx"})
    (f,) = e.value.failures
    assert f.column == "kind" and f.value == "2022: result"
    assert "not closed at the follow-up date 2021-11-26" in f.rule
    # the same file is valid once 2022 has ended, apart from the mix of kinds, which is allowed
    iv.load_inputs({"amounts_file": f"{FIX}/amounts_result_before_year_end.xlsx",
                    "follow_up_date": "2023-02-01"})


def test_positive_saving_is_rejected():
    with pytest.raises(InputError) as e:
        iv.load_inputs({"amounts_file": f"{FIX}/amounts_savings_positive.csv"})
    (f,) = e.value.failures
    assert f.rule.startswith("a saving is lower spending") and f.value > 0


def test_survival_curve_that_rises_is_rejected():
    with pytest.raises(InputError) as e:
        iv.load_inputs({"survival_file": f"{FIX}/survival_curve_rises.csv"})
    (f,) = e.value.failures
    assert f.column == "share" and "cannot rise" in f.rule


def test_missing_file_and_unknown_selection():
    with pytest.raises(InputError, match="named by parameter 'amounts_file'"):
        iv.load_inputs({"amounts_file": f"{FIX}/no_such_file.csv"})
    with pytest.raises(iv.SelectionError, match=r"Parameter 'cases' of chapter 'investeringer' is not valid: names unknown value\(s\) \[9\]"):
        iv.load_inputs({"cases": [9]})
    with pytest.raises(iv.SelectionError, match="'years'"):
        iv.load_inputs({"years": [2019]})


# ---------------------------------------------------------------- notebook
def _run(tmp_path, params: dict) -> dict:
    import papermill as pm

    out = tmp_path / "out.ipynb"
    pm.execute_notebook(str(ROOT / "notebooks/investeringer.ipynb"), str(out), parameters=params,
                        cwd=str(ROOT), progress_bar=False, log_output=False)
    nb = json.loads(out.read_text(encoding="utf-8"))
    results, checks, stray = {}, [], []
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            d = o.get("data", {})
            if o["output_type"] in ("stream", "error"):
                stray.append(o)
            elif "application/vnd.amu-book.result+json" in d:
                r = d["application/vnd.amu-book.result+json"]
                results[r["name"]] = r["value"]
            elif "application/vnd.amu-book.check+json" in d:
                checks.append(d["application/vnd.amu-book.check+json"])
            elif set(d) == {"text/plain"}:
                stray.append(o)
    return {"results": results, "checks": checks, "stray": stray, "nb": nb}


def test_notebook_default_and_example_edition(tmp_path, inputs, example_params):
    default = _run(tmp_path, {})
    assert default["stray"] == []
    r = default["results"]
    pub = inputs.tabel1.set_index("year")
    for y in iv.BUDGET_PERIOD:
        assert abs(r[f"net_total_{y}"] - pub.loc[y, "net"]) < TOL
    assert abs(r["net_saving_period"] - _headline(inputs, "net_saving_period")) < TOL
    assert {f"case_{c}_cumulative_net_forecast" for c in inputs.cases["case"]} <= set(r)
    statuses = [c["status"] for c in default["checks"]]
    assert statuses.count("differs") == 1 and statuses.count("not_reproducible") == 4

    later = _run(tmp_path, example_params)
    assert later["stray"] == []
    r2 = later["results"]
    changed = iv.changed_cases(iv.load_inputs(example_params).amounts, inputs.published_amounts)
    for c in inputs.cases["case"]:
        key = f"case_{c}_cumulative_net_forecast"
        assert (abs(r2[key] - r[key]) > TOL) == (c in changed)
    assert [c["status"] for c in later["checks"]] == statuses


def test_balance_message_and_bad_date(cy):
    t1 = iv.tabel1(cy)
    msg = iv.balance_message(t1)
    first = t1.iloc[0]
    assert msg.startswith(f"I {int(first['year'])} (resultat) gav investeringerne en nettoudgift")
    assert f"fra {iv.first_net_saving_year(t1)} ventes besparelsen" in msg
    with pytest.raises(iv.ParameterError, match="Parameter 'follow_up_date' of chapter 'investeringer' is not valid: must be an ISO date"):
        iv.load_inputs({"follow_up_date": "26-11-2021"})


def test_every_raw_file_has_provenance():
    from analysis.core.provenance import registry

    reg = registry()
    ours = {p.name for p in (ROOT / "data/raw/investeringer").glob("*.csv")} - {"provenance.csv"}
    assert ours <= set(reg.loc[reg["path"].str.startswith("data/raw/investeringer/"), "file"])
    for name, path in iv.DEFAULT_FILES.items():
        assert iv.has_provenance(path), name
