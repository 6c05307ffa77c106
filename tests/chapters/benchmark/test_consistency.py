"""Internal consistency of Tabel 3.1, 3.2, chapter 5, Bilag 1 and Bilag 2."""
from __future__ import annotations

from analysis.chapters.benchmark import consistency


def test_tabel_3_1_totals_add_up_and_shares_do_not(inp):
    rows = {c.item: c for c in consistency.table_3_1_checks(inp)}
    assert rows["Tabel 3.1: fuldtidspersoner i alt"].status == "match"
    assert rows["Tabel 3.1: konto 5 + konto 6"].status == "match"
    assert rows["Tabel 3.1: Norddjurs' trykte andele lagt sammen"].status == "differs"
    assert rows["Tabel 3.1: øvrige jobcentres trykte andele lagt sammen"].status == "within_rounding"


def test_bilag_1_and_task_sums(inp):
    assert {c.status for c in consistency.appendix_checks(inp)} == {"match"}
    sums = consistency.task_sum_checks(inp)
    assert all(c.computed == 0 for c in sums) and len(sums) == 10
