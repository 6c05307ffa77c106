"""Tests of `reconcile`: the checks of the printed counts, the published verdicts and the
derived figures, and their statuses on the transcribed data."""
from __future__ import annotations

from analysis.chapters.beskaeftigelsesplan import model, reconcile
from analysis.core.check import Check


def test_summary_checks_record_every_printed_count(inputs, published):
    rows = [c for ev in published.values() for c in reconcile.summary_checks(inputs, ev)]
    assert len(rows) == len(inputs.summary) - int((inputs.summary["measure"] == "rounds_planned").sum())
    assert all(isinstance(c, Check) for c in rows)
    off = [c.item for c in rows if c.status != "match"]
    assert off == ["Beskæftigelsesplan 2024, opfølgning 1: antal mål med status »nået«",
                   "Beskæftigelsesplan 2024, opfølgning 1: antal mål med status »endnu ikke nået«"]


def test_goal_checks_cover_every_decidable_published_verdict(published):
    for ev in published.values():
        rows = reconcile.goal_checks(ev)
        assert len(rows) == int(ev["agrees"].notna().sum())
    off = [c for c in reconcile.goal_checks(published[2024]) if c.status != "match"]
    assert [c.item for c in off] == ["Beskæftigelsesplan 2024, opfølgning 1, mål 4.1: "
                                     "status nået (1 = ja, 0 = nej)"]
    assert (off[0].published, off[0].computed) == (1, 0)


def test_derived_figures_reproduce_as_printed(inputs, published):
    rows = [c for ev in published.values() for c in reconcile.derived_checks(inputs, ev)]
    assert len(rows) == len(inputs.derived)
    assert {c.status for c in rows} == {"match"}


def test_derived_figure_fails_when_a_transcribed_number_changes(inputs):
    d = inputs.derived.iloc[0]
    c = Check("x", "y", d["printed_value"], model.derived_value(d["kind"], d["a"] + 1, d["b"]))
    assert c.status == "differs"


def test_checks_are_summary_goals_derived_per_year(inputs, published):
    got = reconcile.checks(inputs, published)
    want = [c for ev in published.values() for c in reconcile.summary_checks(inputs, ev)
            + reconcile.goal_checks(ev) + reconcile.derived_checks(inputs, ev)]
    assert [c.item for c in got] == [c.item for c in want]
    assert sum(c.status != "match" for c in got) == 3


def test_a_published_verdict_flipped_is_caught(published):
    ev = published[2023].copy()
    i = ev.index[ev["agrees"].eq(True)][0]
    ev.loc[i, "published_reached"] = 1 - ev.loc[i, "published_reached"]
    assert sum(c.status != "match" for c in reconcile.goal_checks(ev)) == 1


# ---------------------------------------------------------------- statuses, bases, findings
def test_known_disagreements_and_their_findings(inputs, published):
    off = {c.item: (c.status, c.finding) for c in reconcile.checks(inputs, published) if c.status != "match"}
    assert off == {
        "Beskæftigelsesplan 2024, opfølgning 1: antal mål med status »nået«": ("differs", "optaelling_2024"),
        "Beskæftigelsesplan 2024, opfølgning 1: antal mål med status »endnu ikke nået«":
            ("differs", "optaelling_2024"),
        "Beskæftigelsesplan 2024, opfølgning 1, mål 4.1: status nået (1 = ja, 0 = nej)":
            ("differs", "vurdering_2024_maal_4_1"),
    }


def test_every_non_match_row_has_a_recorded_finding_and_a_note(inputs, published):
    checks = reconcile.checks(inputs, published)
    names = [f.name for f in reconcile.findings(inputs, published)]
    assert len(names) == len(set(names))
    for c in checks:
        assert (c.status == "match") == (c.finding == ""), c.item
        if c.finding:
            assert c.finding in names and c.note
    assert set(names) == {c.finding for c in checks if c.finding}


def test_every_real_check_is_recomputed_except_the_administrations_own_samples(inputs, published):
    checks = reconcile.checks(inputs, published)
    own = [c for c in checks if c.basis == "cross_reference"]
    assert {c.basis for c in checks} == {"recomputed", "cross_reference"}
    # goals 1.2 and 1.3 (2023): the »measured« value is the administration's judgement from samples
    assert sorted(c.item.split("mål ")[1].split(":")[0] for c in own) == ["1.2", "1.3"]
    assert all("stikprøver" in c.note for c in own)


def test_count_finding_names_the_goal_that_explains_the_counts(inputs, published):
    f = {f.name: f for f in reconcile.findings(inputs, published)}["optaelling_2024"]
    assert "8 i sagsfremstillingen, 9 i tabellen" in f.explanation
    assert "6 i sagsfremstillingen, 5 i tabellen" in f.explanation
    assert "passer præcis, hvis mål 4.1 tælles" in f.explanation


def test_verdict_finding_tells_level_against_development(inputs, published):
    f = {f.name: f for f in reconcile.findings(inputs, published)}["vurdering_2024_maal_4_1"]
    text = f.explanation.replace("\xa0", " ")
    assert "51,9 % mod 53,5 %" in text
    assert "gik Norddjurs fra 50,3 % til 51,9 %" in text
    assert "Afrunding af de trykte tal kan ikke forklare forskellen" in text


def test_verdict_interval_from_printed_precision(published):
    # 6.11: 71,3 % against 67 % + 4 pp; "67" printed whole stands for 66,5–67,5, so the
    # verdict is open; 4.1: 51,9 % against 53,5 % is below whatever the rounding
    ev = published[2024].set_index("goal_id")
    assert (model.verdict_range(ev.loc["6.11"]).low, model.verdict_range(ev.loc["6.11"]).high) == (0, 1)
    assert model.verdict_range(ev.loc["4.1"]).is_exact


def test_a_published_verdict_only_rounding_explains_is_within_rounding(published):
    ev = published[2024].copy()
    i = ev.index[ev["goal_id"] == "6.11"][0]
    ev.loc[i, "published_reached"] = 1  # published as reached: possible only by rounding
    ev.loc[i, "agrees"] = False
    c = [c for c in reconcile.goal_checks(ev) if "mål 6.11" in c.item][0]
    assert c.status == "within_rounding"


def test_derived_figure_interval_allows_the_printed_rounding(inputs, published):
    c = [c for c in reconcile.derived_checks(inputs, published[2023]) if "årlig" in c.item][0]
    assert c.low < (72.6 - 64.8) / 5 < c.high and c.high - c.low > 0.03 and c.status == "match"


def test_invented_rows_are_synthetic(published):
    ev = published[2024].assign(invented="ja")
    assert {c.basis for c in reconcile.goal_checks(ev)} == {"synthetic"}
