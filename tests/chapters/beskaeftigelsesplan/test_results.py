"""Tests of `results`: key figures and key messages computed from the follow-ups."""
from __future__ import annotations

from analysis.chapters.beskaeftigelsesplan import model, results
from analysis.chapters.beskaeftigelsesplan.schemas import REACHED

from .conftest import printed


def test_key_figures_are_counted_from_the_goals(inputs, published):
    figs = {n: (v, u) for n, v, u in results.key_figures(published, inputs.goals)}
    assert figs["goals_2023_reached"][0] == printed(inputs.summary, 2023, "status_count", REACHED)
    assert figs["goals_2023_removed"][0] == 1
    assert figs["goals_2024_reached"][0] == 9  # itemised goals (the case text says 8)
    assert figs["goals_2024_rule_disagreements"][0] == 1
    assert figs["goals_2023_reached_share"] == (100 * 8 / 24, "%")
    assert all(u is None for n, (v, u) in figs.items() if not n.endswith("_share"))


def test_key_messages_are_the_source_per_plan_year_with_both_counts_and_no_check(inputs, published):
    msgs = results.key_messages(published, inputs.summary)
    assert len(msgs) == len(published) == 2
    printed_reached = printed(inputs.summary, 2024, "status_count", REACHED, 1)
    n = int(model.status_counts(published[2024]).set_index("status").loc[REACHED, "count"])
    assert f"ifølge sagsfremstillingen er {printed_reached:g} af 22 mål nået" in msgs[1]
    assert f"opfølgningen mål for mål viser {n} nået" in msgs[1]
    assert "Ifølge kilden" not in msgs[0]
    assert not any("efterprøv" in m or "4.1 (2024)" in m for m in msgs), "the rule check is no key message"


def test_goals_judged_from_samples_are_named_beside_the_counts(inputs, published):
    """The source's caveat (»Baseret på stikprøver er det vurderingen …«) is told in the body."""
    from analysis.chapters.beskaeftigelsesplan import texts

    text = texts.sampled_text(published[2023])
    own = published[2023][published[2023].apply(model.self_judged, axis=1).astype(bool)]
    assert set(own["goal_id"]) >= {"1.2", "1.3"}
    assert all(f"mål {g} ud fra" in text for g in own["goal_id"])
    assert texts.sampled_text(published[2023].iloc[0:0]) is None


def test_year_messages_are_the_sources_with_their_round(inputs, published):
    msgs = results.key_messages(published, inputs.summary, inputs.explanations, inputs.claims)
    assert [(m.voice, m.claim) for m in msgs[:2]] == [("source", "status-2023"), ("source", "status-2024")]
    assert "første af to opfølgninger" in msgs[1]
