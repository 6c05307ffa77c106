from analysis.core import fmt


def test_danish_thousands_and_decimal_marks():
    assert fmt.number(1234.5, 1) == "1.234,5"
    assert fmt.integer(1234567) == "1.234.567"


def test_rounding_is_half_up_as_in_print():
    assert fmt.number(2.5) == "3"
    assert fmt.number(0.125, 2) == "0,13"
    assert fmt.number(-2.25, 1) == "−2,3"


def test_negative_zero_is_shown_as_zero():
    assert fmt.number(-0.04, 1) == "0,0"


def test_percent_amount_points_and_sign():
    assert fmt.percent(28.4) == "28,4\u00a0%"
    assert fmt.amount(-4.834, decimals=3) == "−4,834\u00a0mio. kr."
    assert fmt.points(-2.5) == "−2,5 procentpoint"
    assert fmt.number(3, sign=True) == "+3"


def test_missing_values_show_a_dash():
    assert fmt.number(None) == fmt.number(float("nan")) == "–"


def test_danish_date():
    assert fmt.date("2025-02-01") == "1. februar 2025"
