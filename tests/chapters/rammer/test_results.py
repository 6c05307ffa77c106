"""Key figures and key messages of the Rammer chapter."""
from __future__ import annotations

from analysis.chapters.rammer import results
from analysis.chapters.rammer.inputs import BLOCKS

from .helpers import raw


def test_results_are_numbers_with_stable_unique_names(inputs):
    res = results.results(inputs, BLOCKS)
    names = [n for n, _, _ in res]
    assert len(names) == len(set(names))
    assert all(n == n.lower() and " " not in n for n in names)
    values = {n: v for n, v, _ in res}
    b = raw("benchmark_file").set_index("group_id")
    assert values["benchmark_difference_total"] == b.loc["i_alt", "difference"] == -60
    assert values["akasse_agreements"] == len(raw("akasse_agreements_file")) == 9


def test_blocks_select_results(inputs):
    assert {n for n, _, _ in results.results(inputs, ["akasser"])} == {
        "akasse_agreements", "akasse_total", "akasse_coverage_pct", "akasse_member_coverage_pct"}
    assert results.results(inputs, []) == []


def test_key_messages_per_block(inputs):
    assert results.key_messages(inputs, []) == []
    for block in BLOCKS:  # every block alone still yields a key message
        assert results.key_messages(inputs, [block]), block
    assert 2 <= len(results.key_messages(inputs, BLOCKS)) <= 3


def test_committee_results_are_the_printed_figures(inputs):
    values = {n: v for n, v, _ in results.results(inputs, ["udvalget"])}
    assert values["committee_pool_mio_kr"] == 0.25  # »pulje på 0,250 mio. kr.«
    assert values["committee_pool_deadlines"] == 4  # »4 årlige frister«
    assert values["committee_quorum_members"] == 3  # »dvs. 3«
    assert values["committee_agenda_workdays_before_meeting"] == 4  # »4 hverdage før«
    assert values["committee_tasks"] == len(raw("tasks_file"))


def test_contact_results_are_named_as_ratios(inputs):
    names = [n for n, _, _ in results.results(inputs, ["kontakt"])]
    assert "jobcenter_contacts_ratio_to_grundskoleelever" in names
    assert not any("_per_" in n for n in names)
