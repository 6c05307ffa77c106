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


def test_key_messages_lead_with_the_source_and_give_the_check_beside(inputs, published):
    msgs = results.key_messages(published, inputs.summary)
    assert len(msgs) == 3
    printed_reached = printed(inputs.summary, 2024, "status_count", REACHED, 1)
    n = int(model.status_counts(published[2024]).set_index("status").loc[REACHED, "count"])
    assert f"ifølge sagsfremstillingen er {printed_reached:g} af 22 mål nået" in msgs[1]
    assert f"tabellen med de enkelte mål giver {n} nået" in msgs[1]
    assert "4.1 (2024)" in msgs[2] and "Ifølge kilden" not in msgs[0]


def test_verdicts_resting_on_the_administrations_own_samples_are_not_counted_as_checked(inputs, published):
    msg = results.key_messages(published, inputs.summary, inputs.explanations, inputs.claims)[2]
    judged = sum(int(ev["agrees"].notna().sum()) for ev in published.values())
    own = sum(int(ev[ev["agrees"].notna()].apply(model.self_judged, axis=1).sum()) for ev in published.values())
    assert own == 2  # 2023 goals 1.2 and 1.3: »Baseret på stikprøver er det vurderingen …«
    assert f"Bogen har efterprøvet {judged - own} offentliggjorte vurderinger" in msg
    assert f"{own} vurderinger bygger på forvaltningens egne stikprøver og kan ikke efterprøves" in msg
    assert msg.voice == "calculation"


def test_year_messages_are_the_sources_with_their_round(inputs, published):
    msgs = results.key_messages(published, inputs.summary, inputs.explanations, inputs.claims)
    assert [(m.voice, m.claim) for m in msgs[:2]] == [("source", "status-2023"), ("source", "status-2024")]
    assert "første af to opfølgninger" in msgs[1]
