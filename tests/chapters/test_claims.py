"""Every displayed sentence of a chapter's key messages, »Til udvalget« and voiced sections has
a voice; every sentence in the source's voice has a row in the chapter's claims register
(data/raw/<chapter>/claims.csv) and keeps that row's conditions (»ved …«, »hvis …«)."""
from __future__ import annotations

import pytest

from analysis.core import voice
from analysis.core.paths import RAW


def _sentences(items) -> list:
    """The displayed sentences of a box »Til udvalget«: each item's text, options and the
    source's recommendation (committee items), or the sentence itself."""
    out = []
    for i in items:
        if hasattr(i, "kind"):
            out += [i.text, *i.options] + ([i.recommendation] if i.recommendation else [])
        else:
            out.append(i)
    return out


def _kvoter():
    from analysis.chapters.kvoter import load_inputs, model, results, texts
    from tests.chapters.kvoter.kvoter_common import PARAMS

    inputs = load_inputs(PARAMS)
    c = model.compute(inputs, [15, 10], 5, 30, 10, True)
    return [*results.key_messages(inputs, c), *_sentences(texts.committee_points(inputs)), *texts.models_text(inputs)]


def _investeringer():
    from analysis.chapters.investeringer import load_inputs, model, results, texts

    d = model.derive(load_inputs({}))
    return [*results.key_messages(d), *_sentences(texts.committee_points(d))]


def _beskaeftigelsesplan():
    from analysis.chapters.beskaeftigelsesplan import load_inputs, model, results
    from tests.chapters.beskaeftigelsesplan.conftest import PARAMS

    inputs = load_inputs(PARAMS)
    shown = model.selected_rounds(inputs.followup, [2023, 2024], {"2023": 2, "2024": 1})
    ev = {y: model.evaluate(inputs, y, r) for y, r in shown.items()}
    from analysis.chapters.beskaeftigelsesplan import opening

    return [*results.key_messages(ev, inputs.summary, inputs.explanations, inputs.claims),
            *_sentences(opening.committee_points(inputs.committee, shown, inputs.claims))]


def _benchmark():
    from analysis.chapters.benchmark import load_inputs, model, results, texts
    from tests.chapters.benchmark.conftest import PARAMS

    inp = load_inputs(PARAMS)
    focus = inp.municipalities[0]
    ov = model.group_overview(inp, focus, 2.0)
    msgs = results.key_messages(inp, ov, model.total_comparison(inp, focus), focus, 2.0,
                                model.source_groups(inp), model.regrouping(inp, 2.0))
    return [*msgs, *_sentences(texts.committee_points(inp))]


def _rammer():
    from analysis.chapters.rammer import inputs as chapter
    from analysis.chapters.rammer import opening, results

    inputs = chapter.load_inputs({})
    return [*(m for b in chapter.BLOCKS for m in results.key_messages(inputs, [b])),
            *_sentences(opening.committee_points(inputs, chapter.BLOCKS))]


DISPLAYED = {"rammer": _rammer, "kvoter": _kvoter, "investeringer": _investeringer,
             "beskaeftigelsesplan": _beskaeftigelsesplan, "benchmark": _benchmark}


@pytest.mark.parametrize("chapter", sorted(DISPLAYED))
def test_displayed_source_claims_are_registered_with_their_conditions(chapter):
    claims = voice.read_claims(RAW / chapter / "claims.csv")
    items = DISPLAYED[chapter]()
    assert voice.audit(items, claims) == []
    assert any(getattr(i, "voice", None) == voice.SOURCE for i in items)


@pytest.mark.parametrize("chapter", sorted(DISPLAYED))
def test_a_register_row_without_its_condition_in_the_sentence_fails(chapter):
    """The audit is not vacuous: give a shown claim a condition its sentence lacks."""
    claims = voice.read_claims(RAW / chapter / "claims.csv")
    items = DISPLAYED[chapter]()
    shown = next(i for i in items if getattr(i, "voice", None) == voice.SOURCE)
    row = claims[shown.claim]
    strict = voice.Claims([*(c for c in claims.values() if c.id != row.id),
                           voice.Claim(row.id, row.document, row.section, row.quote,
                                       row.conditions + ("hvis ikke andet er oplyst",))])
    assert any("hvis ikke andet er oplyst" in p for p in voice.audit(items, strict))
    assert any("not in" in p for p in voice.audit(items, voice.Claims([])))
