"""The one check type: its status rule at every boundary, its basis and its record."""
import pytest

from analysis.core.check import Check, status_of
from analysis.core.errors import AnalysisError
from analysis.core.precision import Approx


@pytest.mark.parametrize("published, computed, d, low, high, status", [
    (28.4, 28.449, None, None, None, "match"),          # rounds to the printed figure
    (28.4, 28.45, None, None, None, "differs"),         # half-up: 28,45 prints as 28,5
    (28.4, 28.35, None, None, None, "match"),           # the lower edge rounds up to 28,4
    (28.4, 28.3499, None, None, None, "differs"),
    (28.4, 28.46, None, 28.30, 28.40, "within_rounding"),  # printed interval meets [low, high]
    (28.4, 28.46, None, 28.351, 28.46, "within_rounding"),
    (28.4, 28.60, None, 28.451, 28.70, "differs"),      # [28,35; 28,45] misses [28,451; 28,7]
    (28.4, 28.60, None, 28.4499, 28.70, "within_rounding"),
    (20.0, 19.96, 1, None, None, "match"),              # trailing zero printed: decimals given
    (20.0, 19.96, None, None, None, "match"),           # inferred 0 decimals: 20 vs 20
    (None, 3, None, None, None, "not_reproducible"),
    (3, None, None, None, None, "not_reproducible"),
    (float("nan"), 3, None, None, None, "not_reproducible"),
])
def test_status_rule_at_its_boundaries(published, computed, d, low, high, status):
    assert status_of(published, computed, d, low, high) == status


def test_check_of_an_approx_carries_its_interval():
    c = Check.of("Gns.", "Tabel 1", 26.6, (Approx.printed(26.5) + Approx.printed(26.8)) / 2, unit="%")
    assert (c.low, c.high) == pytest.approx((26.6, 26.7))
    assert c.status == "within_rounding"
    assert c.record()["low"] == pytest.approx(26.6)


def test_check_of_exact_inputs_has_no_interval():
    c = Check.of("Pladser", "Tabel 1", 253, Approx.exact(250) + 3)
    assert c.low is None and c.high is None and c.status == "match"


def test_check_needs_item_source_and_a_known_basis():
    with pytest.raises(AnalysisError):
        Check("", "Tabel 1", 1, 1)
    with pytest.raises(AnalysisError, match="basis"):
        Check("x", "Tabel 1", 1, 1, basis="guess")


def test_record_is_the_contract_row():
    c = Check("Pladser", "Tabel 1", 253, 250.0, "antal", "n", basis="synthetic", finding="f")
    assert c.record() == {"item": "Pladser", "source": "Tabel 1", "published": 253, "computed": 250,
                          "low": None, "high": None, "unit": "antal", "status": "differs",
                          "basis": "synthetic", "finding": "f", "note": "n"}
