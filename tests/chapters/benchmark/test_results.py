"""The benchmark's key figures and key messages: BDO's summary and conclusion first."""
from __future__ import annotations

import re

from analysis.chapters.benchmark import computed, model, results


def test_key_figures_are_named_and_numeric(inp):
    ov = model.group_overview(inp, "Norddjurs", 2.0)
    figs = results.key_figures(ov, model.total_comparison(inp, "Norddjurs"))
    names = [n for n, _, _ in figs]
    assert len(names) == len(set(names)) and all(re.fullmatch(r"[a-z0-9_]+", n) for n in names)
    d = {n: v for n, v, _ in figs}
    assert d["samlet_enhedsomkostning"] == 24.9 and "dagpenge_kvadrant" not in d
    assert d["sygedagpenge_enhedsomkostning"] == 20.2


def _messages(inp, focus):
    return results.key_messages(computed.of(inp, focus, 2.0))


def test_key_messages_lead_with_bdo(inp):
    msgs = [m.replace("\xa0", " ") for m in _messages(inp, "Norddjurs")]
    assert len(msgs) == 3
    assert msgs[0].startswith("Ifølge BDO") and "74,8 mio. kr." in msgs[0] and "25.400 kr." in msgs[0]
    assert msgs[1].startswith("BDO's konklusion: høj omkostningseffektivitet (gruppe 4) for sygedagpenge, "
                              "jobafklaring, fleksjob og ledighedsydelse og ressourceforløb")
    # the third is BDO's spread of unit costs (afsnit 2), not the book's regrouping
    assert msgs[2].startswith("Ifølge BDO ligger enhedsomkostningerne for dagpenge") and "3–79 pct." in msgs[2]
    assert "BDO nævner dagpenge i to grupper (gruppe 3 og 2)" in msgs[1]
    assert not any("Bogens kontrol" in m for m in msgs)
    raw = _messages(inp, "Norddjurs")
    assert [(m.voice, m.claim) for m in raw] == [("source", "sammenfatning"), ("source", "konklusion"),
                                                 ("source", "spaend")]


def test_key_messages_for_a_peer_are_computed(inp):
    msgs = _messages(inp, "Kommune D")
    assert msgs[0].startswith("Kommune D har en samlet enhedsomkostning") and "BDO" not in " ".join(msgs)
    assert {m.voice for m in msgs} == {"calculation"}


def test_join_da():
    assert results.join_da(["a"]) == "a" and results.join_da(["a", "b", "c"]) == "a, b og c"
