"""Every displayed sentence of a chapter's key messages, »Til udvalget« and voiced sections has
a voice; every sentence in the source's voice has a row in the chapter's claims register
(data/raw/<chapter>/claims.csv) and keeps that row's conditions (»ved …«, »hvis …«); every quote of
a register stands in its source document; no key message or committee item carries a remark of
the book's checking."""
from __future__ import annotations

import re

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
    return [*results.key_messages(inputs, c), *_sentences(texts.committee_points(inputs)), *texts.models_text(inputs),
            *texts.economy_text(inputs), *texts.follow_up_text(inputs),
            *(p for p in texts.background_text(inputs, c) if not p.startswith("#"))]


def _investeringer():
    from analysis.chapters.investeringer import load_inputs, model, results, texts

    d = model.derive(load_inputs({}))
    return [*results.key_messages(d), *_sentences(texts.committee_points(d)), *texts.intro_text(d)]


def _beskaeftigelsesplan():
    from analysis.chapters.beskaeftigelsesplan import load_inputs, model, results
    from tests.chapters.beskaeftigelsesplan.conftest import PARAMS

    inputs = load_inputs({**PARAMS, "plan_years": [2023, 2024], "rounds": {"2023": 2, "2024": 1}})
    ev = model.evaluated(inputs)
    from analysis.chapters.beskaeftigelsesplan import opening

    return [*results.key_messages(ev, inputs.summary, inputs.explanations, inputs.claims),
            *_sentences(opening.committee_points(inputs))]


def _benchmark():
    from analysis.chapters.benchmark import computed, load_inputs, results, texts
    from tests.chapters.benchmark.conftest import PARAMS

    inp = load_inputs(PARAMS)
    msgs = results.key_messages(computed.of(inp, inp.municipalities[0], 2.0))
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


@pytest.mark.parametrize("chapter", sorted(DISPLAYED))
def test_key_messages_and_committee_items_carry_no_checking_remarks(chapter):
    assert voice.checking_remarks(DISPLAYED[chapter]()) == []


def test_the_checking_word_test_can_fail():
    assert voice.checking_remarks([voice.calculated("Bogen har efterprøvet 30 vurderinger."),
                           voice.reading("en stigning på 28,4 % (bogens beregning giver 28,5 %)"),
                           "se Afstemning"]) != []
    assert len(voice.checking_remarks(["Bogen har efterprøvet 30", "(bogens beregning giver 28,5 %)",
                               "se Afstemning", "Bogens kontrol", "kan ikke genberegnes"])) == 5


# ------------------------------------------------------------------ the quotes are the source's
_GAP = re.compile(r"\[[^\]]*\]")  # »[...]« (left out) and »[end]« (the register's own word)


def _normalised(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split()).lower()


@pytest.mark.parametrize("chapter", sorted(DISPLAYED))
def test_every_quote_of_the_claims_register_is_found_in_its_source(chapter, sources):
    """Each claim's quote, piece by piece between »[…]«, stands in the source document the row
    names (whitespace and words broken over a line as in the extracted text: »ar-/bejdsgiver« is
    arbejdsgiver, »a-/kasse« a-kasse)."""
    missing = []
    for claim in voice.read_claims(RAW / chapter / "claims.csv").values():
        name = claim.document.split()[0]
        plain = _normalised(sources.text(name))
        texts = {plain, plain.replace("- ", "-"), _normalised(sources.text(name, join_hyphenation=True))}
        for piece in (p.strip(" .,;") for p in _GAP.split(claim.quote)):
            if piece and not any(_normalised(piece) in t for t in texts):
                missing.append(f"{claim.id}: {piece[:70]!r}")
    assert missing == []


def test_a_quote_that_is_not_in_the_source_is_found_missing(sources):
    text = _normalised(sources.text("000_eb2675815339feb2.txt", join_hyphenation=True))
    assert _normalised("vil kunne afholdes indenfor de eksisterende budgetter") in text
    assert _normalised("vil altid kunne afholdes indenfor de eksisterende budgetter") not in text


# ------------------------------------------------------------- no source's words outside the register
# A sentence in a notebook's Markdown cell cannot carry a claim id, so a chapter says what a
# source says only through `claims.said` (texts.py) and `report.voiced`; Markdown cells hold
# headings and the book's own words.
ATTRIBUTION = re.compile(r"\b(ifølge|kilden|kildens|kilder|budgetanalysen|notatet|notatets|forvaltningen|bdo|"
                         r"rapporten|sagsfremstillingen|dagsordenen|introduktionen|vurderer|vurderede|foreslår|"
                         r"anbefaler|konkluderer)\b", re.IGNORECASE)


def attributed_prose(markdown: str) -> list[str]:
    """The lines of a Markdown cell (headings left out) that attribute something to a source."""
    return [line for line in markdown.splitlines()
            if line.strip() and not line.lstrip().startswith("#") and ATTRIBUTION.search(line)]


@pytest.mark.parametrize("chapter", sorted(DISPLAYED))
def test_chapter_markdown_cells_attribute_nothing_to_a_source(chapter):
    import nbformat

    from analysis.core.paths import ROOT

    nb = nbformat.read(ROOT / "notebooks" / f"{chapter}.ipynb", as_version=4)
    found = [line for c in nb.cells if c.cell_type == "markdown" for line in attributed_prose(c.source)]
    assert found == [], "source-attributed prose in a Markdown cell (move it to texts.py with a claim id)"


def test_attributed_prose_is_found():
    old = ("### Kildens vurdering af økonomien\n\nForvaltningen vurderer i budgetanalysen, at oprettelsen af "
           "pladser\nkan klares inden for de eksisterende budgetter.")
    assert len(attributed_prose(old)) == 1
    assert attributed_prose("## Notatets forklaring på den mindre besparelse") == []
