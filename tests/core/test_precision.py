"""Interval rules of printed precision: what printed, rounded inputs allow a recomputed figure
to be, through sums, differences, means, ratios, shares and percent deviations."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.core.check import status_of
from analysis.core.precision import (
    Approx,
    half_unit,
    mean,
    pct_deviation,
    pp_difference,
    printed_decimals,
    round_half_up,
    share_pct,
    total,
)

values = st.floats(min_value=0.5, max_value=5000, allow_nan=False, allow_infinity=False)
decimals = st.integers(min_value=0, max_value=2)


def _printed(x: float, d: int) -> float:
    return float(round_half_up(x, d))


@pytest.mark.parametrize("value, d", [(26.6, 1), ("20.0", 0), (4.834, 3), (253, 0), (0.125, 3)])
def test_printed_decimals(value, d):
    assert printed_decimals(value) == d


def test_a_printed_figure_stands_for_the_interval_of_its_precision():
    a = Approx.printed(26.6)
    assert (a.low, a.high) == pytest.approx((26.55, 26.65))
    assert Approx.printed(20.0, decimals=1).high == pytest.approx(20.05)
    assert Approx.exact(253).is_exact


def test_difference_widens_by_both_roundings():
    d = Approx.printed(10.2) - Approx.printed(4.1)
    assert (d.low, d.high) == pytest.approx((6.0, 6.2))


def test_ratio_takes_the_extreme_corners():
    r = Approx.printed(10.0, 1) / Approx.printed(5.0, 1)
    assert r.low == pytest.approx(9.95 / 5.05) and r.high == pytest.approx(10.05 / 4.95)


def test_division_by_an_interval_around_zero_allows_anything():
    r = Approx.printed(1.0) / Approx.printed(0.0, 1)
    assert r.low == float("-inf") and r.high == float("inf")


def test_ranks_are_ambiguous_when_intervals_overlap():
    assert Approx.printed(26.0, 1).overlaps(Approx.printed(26.1, 1))
    assert not Approx.printed(26.0, 1).overlaps(Approx.printed(26.2, 1))


@given(st.lists(values, min_size=2, max_size=12), decimals)
def test_printed_mean_of_true_data_never_differs_from_mean_of_rounded_data(xs, d):
    """For any data rounded to d decimals, the printed mean of the unrounded data is `match` or
    `within_rounding` against the mean of the rounded data, never `differs`."""
    published = _printed(sum(xs) / len(xs), d)
    recomputed = mean(Approx.printed(_printed(x, d), d) for x in xs)
    status = status_of(published, recomputed.value, d, recomputed.low, recomputed.high)
    assert status in ("match", "within_rounding")


@given(st.lists(values, min_size=1, max_size=12), decimals)
def test_printed_total_of_true_data_never_differs_from_sum_of_rounded_data(xs, d):
    published = _printed(sum(xs), d)
    recomputed = total(Approx.printed(_printed(x, d), d) for x in xs)
    assert status_of(published, recomputed.value, d, recomputed.low, recomputed.high) != "differs"


@given(values, values, decimals)
def test_printed_deviation_and_share_never_differ_when_inputs_are_rounded(a, b, d):
    ra, rb = Approx.printed(_printed(a, d), d), Approx.printed(_printed(b, d), d)
    if rb.low <= 0:
        return
    for true, approx in (((a / b - 1) * 100, pct_deviation(ra, rb)), (a / b * 100, share_pct(ra, rb)),
                         (a - b, pp_difference(ra, rb))):
        published = _printed(true, 1)
        assert status_of(published, approx.value, 1, approx.low, approx.high) != "differs"


@given(st.lists(values, min_size=2, max_size=8), decimals)
def test_a_printed_mean_far_from_the_data_differs(xs, d):
    recomputed = mean(Approx.printed(_printed(x, d), d) for x in xs)
    published = _printed(recomputed.high + 10 * half_unit(d) + 1, d)
    assert status_of(published, recomputed.value, d, recomputed.low, recomputed.high) == "differs"


def test_round_half_up_as_printed_tables_round():
    assert round_half_up(0.125, 2) == Decimal("0.13")
    assert round_half_up(2.5, 0) == Decimal("3")
