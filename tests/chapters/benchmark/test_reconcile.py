"""The benchmark's reconciliation: statuses from printed precision, bases, and a finding and a
note on every non-match row."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.chapters.benchmark import findings as F
from analysis.chapters.benchmark import reconcile
from analysis.core.check import Check
from analysis.core.precision import Approx


@pytest.fixture(scope="module")
def checks(inp):
    return reconcile.checks(inp, 2.0)


@pytest.fixture(scope="module")
def frame(checks):
    return reconcile.checks_frame(checks).set_index("item")


def test_every_non_match_row_has_a_finding_and_a_note(checks):
    for c in checks:
        if c.status != "match":
            assert c.finding and c.note, c.item
        else:
            assert not c.finding, c.item
    assert len({c.item for c in checks}) == len(checks)


def test_status_counts(frame):
    counts = frame["status"].value_counts().to_dict()
    # Tabel 5.8 checked as the mean without Kommune J, Tabel 5.7's unit-cost rows with Kommune E from
    # Tabel 3.2 and J left out, the 55.500 kr. under the same rule, dagpenge's groups by BDO's own rule,
    # and BDO's 79 % against its own 55.500 kr. (a new disagreement of the source with itself)
    assert counts == {"match": 556, "within_rounding": 65, "not_reproducible": 39, "differs": 33}


def test_tabel_5_8_is_checked_under_its_rule_with_the_books_own_mean_beside(frame):
    """BDO's averages in Tabel 5.8 leave out Kommune J: checked so, all 24 averages match; the
    book's mean of all the others is in the note, as the book's reading."""
    rows = frame[frame.index.str.startswith("Tabel 5.8: Sygedagpenge")]
    averages = rows[rows.index.str.endswith(": gennemsnit")]
    assert len(averages) == 24 and set(averages["status"]) == {"match"}
    assert set(rows["status"]) <= {"match", "within_rounding"}
    row = frame.loc["Tabel 5.8: Sygedagpenge, Berørt af aktivering: gennemsnit"]
    assert row["published"] == 6.2 and row["status"] == "match"
    assert "uden Kommune J" in row["note"] and "(bogens læsning)" in row["note"]


def test_tabel_5_7_unit_cost_rows_follow_the_found_rule_the_rest_is_not_reproducible(frame):
    """Kommune E counted with its 71,0 from Tabel 3.2 and Kommune J (0,0) left out gives the
    printed 55,5 and 32,8; rows without E's figures cannot be recomputed."""
    rows = frame[frame.index.str.startswith("Tabel 5.7: Revalidering")]
    ruled = rows[rows.index.str.contains(r", (?:Enhedsomkostning|Samlet):")]
    assert len(ruled) == 4 and set(ruled["status"]) <= {"match", "within_rounding"}
    assert ruled["published"].tolist() == [55.5, 32.8, 55.5, 32.8]
    assert all("Kommune E er talt med" in n and "Kommune J har 0,0" in n for n in ruled["note"])
    rest = rows.drop(ruled.index)
    assert len(rest) == 35 and set(rest["status"]) == {"not_reproducible"}
    assert set(rest["finding"]) == {F.LOST_COLUMNS}


def test_rounding_artefacts_are_within_rounding(frame):
    row = frame.loc["Tabel 3.3: afvigelse i pct., Sagsbehandling mv."]
    assert row["status"] in ("match", "within_rounding")
    odd = frame.loc["Tabel 3.2: gennemsnit, Fleksjob og ledighedsydelse, Enhedsomkostning"]
    assert (odd["published"], odd["status"], odd["finding"]) == (9.2, "within_rounding", F.ROUNDING)
    assert odd["low"] <= 9.2 + 0.05 and odd["high"] >= 9.2 - 0.05


def test_known_contradictions_differ(frame):
    assert frame.loc["Afsnit 2: antal målgrupper med resultater på/over gennemsnittet", "status"] == "differs"
    assert frame.loc["Tabel 3.1: Norddjurs' trykte andele lagt sammen", "finding"] == F.SHARES
    assert frame.loc["Afsnit 5.2: udgift, Kontanthjælp, jobparate", "status"] == "differs"
    assert frame.loc["Tabel 5.12: Ressourceforløb, Samlet konto 6: afvigelse", "finding"] == F.SINGLE
    shares = frame[frame.index.str.startswith("Tabel 3.1: Norddjurs' udgiftsandel")]
    assert (shares["finding"] == F.SHARES).sum() == 11


def test_bases(frame):
    assert frame.loc["Tabel 5.8: trykt gennemsnit mod Tabel 3.2, Sygedagpenge", "basis"] == "cross_reference"
    assert frame.loc["Afsnit 2: fuldtidspersoner, alle målgrupper", "basis"] == "cross_reference"
    assert frame.loc["Tabel 3.2: gennemsnit, Dagpenge, Enhedsomkostning", "basis"] == "recomputed"
    assert set(frame["basis"]) == {"recomputed", "cross_reference"}  # nothing synthetic in this chapter


def test_printed_mean_carries_the_rounding_interval():
    m = reconcile.printed_mean(pd.Series([1.0, 2.0, None]), 1)
    assert isinstance(m, Approx) and m.value == 1.5 and m.low == pytest.approx(1.45) and m.high == pytest.approx(1.55)
    assert reconcile.printed_mean(pd.Series([None], dtype=float), 1) is None


def test_status_boundaries_of_a_printed_average():
    # three figures printed to one decimal: their mean may be anything in [mean - 0.05, mean + 0.05]
    m = reconcile.printed_mean(pd.Series([1.0, 1.0, 1.1]), 1)  # 1.0333..
    assert Check.of("a", "s", 1.0, m, decimals=1).status == "match"
    assert Check.of("a", "s", 1.08, m, decimals=2).status == "within_rounding"  # [1.075, 1.085] meets [0.983, 1.083]
    assert Check.of("a", "s", 1.09, m, decimals=2).status == "differs"  # [1.085, 1.095] does not


@given(st.lists(st.floats(0, 500, allow_nan=False), min_size=1, max_size=10))
def test_a_mean_of_rounded_figures_never_differs_from_the_true_printed_mean(xs):
    printed = [round(x, 1) for x in xs]
    true_mean = round(sum(xs) / len(xs), 1)
    check = Check.of("a", "s", true_mean, reconcile.printed_mean(pd.Series(printed), 1), decimals=1)
    assert check.status in ("match", "within_rounding")
