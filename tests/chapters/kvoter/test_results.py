"""Tests of the Kvoter key figures and key messages: nothing computed from the synthetic roster
speaks as fact."""
from __future__ import annotations

import re

from analysis.chapters.kvoter import model, results
from analysis.core import fmt
from report.protocol import is_valid_name

from . import kvoter_common

inputs = kvoter_common.inputs  # the shared fixture


def _c(inputs, thresholds=(15, 10), synthetic=True, roster_as_of=""):
    return model.compute(inputs, list(thresholds), 5, 30, 10, synthetic, roster_as_of=roster_as_of)


def test_key_figures_names_and_values(inputs):
    figs = {name: value for name, value, _ in results.key_figures(_c(inputs))}
    assert all(is_valid_name(n) for n in figs)
    assert figs["source_quota_n10"] == 325 and figs["source_quota_n15"] == 215
    assert figs["source_gap_n10"] == 72 and figs["source_places_held"] == 253
    assert figs["source_employees_total"] == 3333


def test_roster_figures_carry_the_synthetic_prefix(inputs):
    names = [n for n, _, _ in results.key_figures(_c(inputs))]
    for name in ["units", "new_places_unit_model_n10", "new_places_area_model_n15",
                 "model_difference_n10", "share_units_without_shortfall_n15"]:
        assert f"synthetic_{name}" in names and f"roster_{name}" not in names
    real = [n for n, _, _ in results.key_figures(_c(inputs, synthetic=False))]
    assert "roster_new_places_unit_model_n10" in real and not any(n.startswith("synthetic_") for n in real)


def test_a_threshold_the_source_does_not_compute_is_synthetic(inputs):
    figs = {n: v for n, v, _ in results.key_figures(_c(inputs, (12, 10)))}
    assert "synthetic_quota_n12" in figs and "source_quota_n12" not in figs and "source_gap_n12" not in figs
    assert figs["source_quota_n10"] == 325


def test_key_messages_use_only_the_source(inputs):
    c = _c(inputs)
    msgs = results.key_messages(inputs, c)
    assert 2 <= len(msgs) <= 3
    text = " ".join(msgs)
    numbers = set(re.findall(r"\d+(?:[.,]\d+)?", text))
    assert {"253", "215", "325", "72", "13", "28,4"} <= numbers
    assert "28,5" not in numbers, "the book's own percentage is checking material, not a key message"
    assert "mindst 72 flere" in text and "med stor sandsynlighed" in text and "bunden løftes" in text
    assert "allerede lever op til" not in text, "the source: »samlet set leve op til … Tallet vil blive større«"
    synthetic = {str(c.summaries[n][k]) for n in c.thresholds
                 for k in ("new_places_unit_model", "model_difference")}
    assert synthetic == {"110", "48", "38"} and not synthetic & numbers, "a synthetic figure in the key messages"
    assert "primo februar 2025" in text and "1. februar" not in text
    assert "37" not in numbers and "216" not in numbers


def test_key_messages_skip_thresholds_the_source_does_not_compute(inputs):
    msgs = results.key_messages(inputs, _c(inputs, (12, 10)))
    assert "pr. 12" not in " ".join(msgs) and "325" in msgs[1]


def _other_roster(inputs):
    """A different roster: every other unit, one more fleksjob in the first unit."""
    roster = inputs.roster.iloc[::2].reset_index(drop=True).copy()
    roster.loc[0, "fleksjob"] += 1
    return roster


def test_every_key_figure_is_from_one_population(inputs):
    import dataclasses

    from analysis.core.keyfigures import EDITION, SOURCE, name_rule_violations

    ns = (10, 12, 15)
    base = {n: v for n, v, _ in results.key_figures(_c(inputs, ns, synthetic=False))}
    new_roster = dataclasses.replace(inputs, roster=_other_roster(inputs))
    other = {n: v for n, v, _ in results.key_figures(_c(new_roster, ns, synthetic=False))}
    new_source = dataclasses.replace(inputs, placements=inputs.placements.assign(
        placements=inputs.placements["placements"] + 1))
    moved = {n: v for n, v, _ in results.key_figures(_c(new_source, ns, synthetic=False))}
    for name in base:
        if name.startswith("source_"):
            assert other[name] == base[name], name  # the roster does not reach a source figure
        else:
            assert name.startswith("roster_") and moved[name] == base[name], name  # nor the source a roster one
    roster = new_roster.roster
    held = int(model.held(roster).sum())
    assert other["roster_places_held"] == held
    for n in ns:
        q = int(model.quota(roster["employees"], n).sum())
        assert other[f"roster_quota_n{n}"] == q and other[f"roster_gap_n{n}"] == q - held
    assert "source_gap_n12" not in base and "source_quota_n12" not in base
    figs = results.described(_c(inputs, ns, synthetic=False, roster_as_of="2025-06-30"))
    assert not name_rule_violations("kvoter", figs)
    assert {f.population for f in figs} == {SOURCE, EDITION}
    assert all(f.label != f.name for f in figs)
    # a label of places names the date they are counted, never a time word such as »i dag«
    labels = {f.name: f.label for f in results.described(_c(inputs, ns, synthetic=False, roster_as_of="2025-06-30"))}
    assert labels["source_places_held"] == "Pladser primo februar 2025"
    assert labels["roster_places_held"] == "Pladser pr. 30. juni 2025"
    assert labels[f"roster_gap_n{ns[0]}"] == f"Kvote minus pladser ved én plads pr. {ns[0]} ansatte"
    assert not any(re.search(r"\bi (dag|år)\b", label) for label in labels.values())


def test_the_edition_roster_leads_the_key_messages(inputs):
    c = _c(inputs, (10, 12, 15), synthetic=False, roster_as_of="2025-06-30")
    msgs = results.key_messages(inputs, c)
    s = c.summaries[12]
    assert msgs[0].startswith("Ifølge kvartalets udtræk af enhedslisten pr. 30. juni 2025")
    assert f"kvoten {fmt.integer(s['quota_per_unit'])} pladser" in msgs[0]
    assert len(msgs) <= 3
    synthetic = results.key_messages(inputs, _c(inputs, roster_as_of="2025-06-30"))
    assert not any("enhedslisten" in m for m in synthetic)
