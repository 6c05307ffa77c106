"""Reading and validation of the chapter's inputs (three file formats, every rule's message),
the selection parameters, and every data file cross-checked against the notat as printed."""
# ruff: noqa: F401, F811  (the shared fixtures are imported, then requested by name)
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analysis.chapters.investeringer import inputs as inp
from analysis.chapters.investeringer import load_inputs
from analysis.core.errors import InputError, ParameterValueError
from analysis.core.paths import ROOT

from .investeringer_fixtures import cy, derived, example, example_params, headline, inputs  # pytest fixtures

FIX = "tests/fixtures/investeringer"


# ---------------------------------------------------------------- data files against the notat
def _amount(inputs, case, year, measure, kind):
    a = inputs.amounts
    hit = a[(a["case"] == case) & (a["year"] == year) & (a["measure"] == measure) & (a["kind"] == kind)]
    return float(hit["amount"].iloc[0])


def test_case_amounts_as_printed(inputs):
    # Tabel 3: "Investering i indsats 3,079 3,079 3,079 1,026 - - - -"
    assert _amount(inputs, 1, 2021, "investment", "forecast") == 1.026
    assert pd.isna(_amount(inputs, 1, 2022, "investment", "budget"))
    # Tabel 6: "Besparelse på forsørgelse -2,128 -0,781 -1,362 -0,634 -0,674 -1,175 -0,674 -1,298"
    assert _amount(inputs, 5, 2023, "savings", "forecast") == -1.298
    # first Tabel 5: "-3,11" printed with two decimals
    assert _amount(inputs, 3, 2021, "savings", "budget") == -3.11


def test_case_net_and_tabel1_as_printed(inputs):
    n = inputs.published_net.set_index(["case", "year", "kind"])["net"]
    assert n[(3, 2023, "forecast")] == -3.346  # first Tabel 5, I alt
    assert n[(2, 2022, "forecast")] == 0  # Tabel 4 prints "0"
    t = inputs.tabel1.set_index("year")
    # Tabel 1: "(A) 4,834 3,233 2,794 2,426", "(B) -1,773 -3,827 -7,822 -10,394", "3,061 -0,594 -5,028 -7,968"
    assert list(t["investment"]) == [4.834, 3.233, 2.794, 2.426]
    assert t.loc[2023, "savings"] == -10.394 and t.loc[2021, "net"] == -0.594


def test_headlines_as_printed(inputs, headline):
    assert headline("planned_investment") == 20.856  # "investere 20,856 mio. kr."
    assert headline("planned_savings_total") == 20.0  # "spare i alt 20,0 mio. kr."
    split = inputs.headlines[inputs.headlines["item"] == "planned_savings_year"]
    assert list(split["value"]) == [0, 5.0, 6.0, 9.0]  # "0 kr. ... 5,0 ... 6,0 ... 9,0 mio. kr."
    assert headline("net_saving_period") == 10.529
    assert headline("case_surplus_period", case=3) == 8.234


def test_survival_cases_and_activity_as_printed(inputs):
    s = inputs.survival.set_index(["series", "week"])["share"]
    assert s[("h1_2021", 13)] == 39.4 and s[("avg_2017_2019", 52)] == 25.6
    assert pd.isna(s[("y2020", 43)])  # the 2020 curve ends after week 39
    c = inputs.cases.set_index("case")
    assert c.loc[1, "status"] == "ended" and c.loc[1, "decision_date"] == "2021-04-28"  # "28. april 2021"
    act = inputs.activity
    assert act[(act["case"] == 3) & (act["measure"] == "small_jobs_created")]["value"].item() == 36


def test_every_raw_file_has_provenance():
    from analysis.core.provenance import lookup, registry

    reg = registry()
    ours = {p.name for p in (ROOT / inp.RAW).glob("*.csv")} - {"provenance.csv"}
    assert ours <= set(reg.loc[reg["path"].str.startswith(inp.RAW + "/"), "file"])
    for name, path in inp.DEFAULT_FILES.items():
        assert lookup(path) is not None, name


# ---------------------------------------------------------------- validation, three formats
def _write_danish(df: pd.DataFrame, path: Path, encoding: str) -> None:
    text = df.to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    path.write_bytes(text.encode(encoding))


@pytest.mark.parametrize("fmt_", ["danish_cp1252", "danish_utf8_bom", "xlsx"])
def test_amounts_accepted_in_every_format(tmp_path, inputs, fmt_):
    src = pd.read_csv(ROOT / inp.DEFAULT_FILES["amounts_file"])
    if fmt_ == "xlsx":
        path = tmp_path / "amounts.xlsx"
        src.to_excel(path, index=False)
    else:
        path = tmp_path / "amounts.csv"
        _write_danish(src, path, "cp1252" if fmt_ == "danish_cp1252" else "utf-8-sig")
    got = load_inputs({"amounts_file": str(path)})
    cols = ["case", "year", "measure", "kind", "amount"]
    pd.testing.assert_frame_equal(got.amounts[cols].reset_index(drop=True),
                                  inputs.amounts[cols].reset_index(drop=True), check_dtype=False)


def test_duplicate_row_exact_message():
    with pytest.raises(InputError) as e:
        load_inputs({"amounts_file": f"{FIX}/amounts_duplicate_row.csv"})
    n = len(pd.read_csv(ROOT / FIX / "amounts_duplicate_row.csv"))
    assert str(e.value) == (
        f"Input file {FIX}/amounts_duplicate_row.csv is not valid (1 problem(s)):\n"
        f"  - row {n + 1}, column 'kind': more than one value for the same case/year/measure/kind "
        "(value: 'case 3, 2021, savings, forecast')")


def test_unknown_case_in_danish_csv():
    with pytest.raises(InputError) as e:
        load_inputs({"amounts_file": f"{FIX}/amounts_unknown_case_danish.csv"})
    raw = pd.read_csv(ROOT / FIX / "amounts_unknown_case_danish.csv", sep=";", encoding="cp1252")
    bad_row = int(raw.index[~raw["case"].isin([1, 2, 3, 4, 5])][0]) + 2
    f = e.value.failures
    assert f[0].row is None and f[0].rule == "missing row"  # case 5's row is now missing
    unknown = [x for x in f if x.column == "case"]
    assert [(x.row, x.value) for x in unknown] == [(bad_row, 6)]
    assert unknown[0].rule.startswith("unknown case; known cases: [1, 2, 3, 4, 5]")


def test_result_before_year_end_in_xlsx():
    with pytest.raises(InputError) as e:
        load_inputs({"amounts_file": f"{FIX}/amounts_result_before_year_end.xlsx"})
    (f,) = e.value.failures
    assert f.column == "kind" and f.value == "2022: result"
    assert "not closed at the follow-up date 2021-11-26" in f.rule
    # the same file is valid once 2022 has ended
    load_inputs({"amounts_file": f"{FIX}/amounts_result_before_year_end.xlsx", "follow_up_date": "2023-02-01"})


def test_year_closed_boundary():
    assert not inp.year_closed(2021, dt.date(2021, 12, 31))
    assert inp.year_closed(2021, dt.date(2022, 1, 1))


def test_positive_saving_is_rejected():
    with pytest.raises(InputError) as e:
        load_inputs({"amounts_file": f"{FIX}/amounts_savings_positive.csv"})
    (f,) = e.value.failures
    assert f.rule.startswith("a saving is lower spending") and f.value > 0


def test_survival_curve_that_rises_is_rejected():
    with pytest.raises(InputError) as e:
        load_inputs({"survival_file": f"{FIX}/survival_curve_rises.csv"})
    (f,) = e.value.failures
    assert f.column == "share" and "cannot rise" in f.rule


def test_missing_file_and_unknown_selection():
    with pytest.raises(InputError, match="named by parameter 'amounts_file'"):
        load_inputs({"amounts_file": f"{FIX}/no_such_file.csv"})
    with pytest.raises(ParameterValueError, match=r"Parameter 'cases' of chapter 'investeringer' is not valid: "
                       r"names unknown value\(s\) \[9\]"):
        load_inputs({"cases": [9]})
    with pytest.raises(ParameterValueError, match="'years'"):
        load_inputs({"years": [2019]})
    with pytest.raises(ParameterValueError, match="'baseline_series'"):
        load_inputs({"baseline_series": "y2019"})


def test_bad_date_is_a_parameter_error():
    with pytest.raises(ParameterValueError, match="Parameter 'follow_up_date' of chapter 'investeringer' is not "
                       "valid: must be an ISO date"):
        load_inputs({"follow_up_date": "26-11-2021"})


def test_selection_defaults(inputs):
    assert inp.select_cases(inputs, []) == [1, 2, 3, 4, 5]
    assert inp.select_years([2023, 2021]) == [2021, 2023]
    assert inp.select_years([]) == [2020, 2021, 2022, 2023]


def test_reasons_judgement_and_committee_as_printed(inputs):
    r = inputs.reasons.set_index("reason")
    # "delvis suspenderet fra 11. marts 2020 til 26. maj 2020, samt i perioden 9. december 2020 til 15. april 2021"
    spring = r.loc["suspension_spring_2020"]
    assert (spring["start"], spring["end"]) == ("2020-03-11", "2020-05-26")
    assert (r.loc["suspension_winter_2020_21", "start"], r.loc["suspension_winter_2020_21", "end"]) == (
        "2020-12-09", "2021-04-15")
    assert r.loc["late_start", "start"] == "2020-01-01"  # "begyndt 1. januar 2020"
    assert r.loc["undisturbed_operation", "months"] == 12  # "12 måneders uforstyrret drift"
    # text under Tabel 2: "delvis suspenderet fra 1. januar-15. april" (2021)
    in_2021 = r.loc["suspension_2021_note"]
    assert (in_2021["start"], in_2021["end"]) == ("2021-01-01", "2021-04-15")
    j = inputs.judgement.iloc[0]
    assert (j["year"], j["basis_date"], j["outcome"]) == (2021, "2021-10-31", "kept")  # "pr. 31. oktober 2021"
    c = inputs.committee.set_index("kind")["text"]
    assert "28. april 2021" in c["decision_taken"] and "18. maj 2021" in c["decision_taken"]
    assert "25. august 2021" in c["next_step"]


def test_dates_are_checked(tmp_path):
    bad = pd.read_csv(ROOT / inp.DEFAULT_FILES["reasons_file"])
    bad.loc[1, "end"] = "2020-02-30"
    bad.loc[2, "end"] = "2020-01-01"
    path = tmp_path / "reasons.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(InputError) as e:
        load_inputs({"reasons_file": str(path)})
    assert [(f.row, f.column, f.rule) for f in e.value.failures] == [
        (3, "end", "must be an ISO date (YYYY-MM-DD)"), (4, "end", "a period cannot end before it starts")]


def test_case_notes_as_printed(inputs):
    n = inputs.case_notes
    assert sorted(n["case"].unique()) == [1, 2, 3, 4, 5]
    text = " ".join(n["text"])
    # "Den 9. december 2020 ... frem til den 15. april 2021"; "Den 5. oktober 2021 ... Sostrup Slot"
    assert "9. december 2020 til 15. april 2021" in text and "5. oktober 2021" in text


def test_case_notes_name_known_cases(tmp_path):
    bad = pd.read_csv(ROOT / inp.DEFAULT_FILES["case_notes_file"])
    bad.loc[0, "case"] = 7
    path = tmp_path / "notes.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(InputError) as e:
        load_inputs({"case_notes_file": str(path)})
    assert [(f.row, f.column, f.value) for f in e.value.failures] == [(2, "case", 7)]
