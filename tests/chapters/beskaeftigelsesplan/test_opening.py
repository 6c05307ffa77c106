"""Tests of `opening`: the period under the title, the box "Til udvalget", the source's own
counts and explanations labelled as the source's, and the abbreviations spelt out."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from analysis.chapters.beskaeftigelsesplan import opening, results

SHOWN = {2023: 2, 2024: 1}


def test_committee_file_holds_the_printed_indstilling(inputs, seed_text):
    c = inputs.committee
    assert c["ask"].tolist() == ["at orienteringen tages til efterretning"] * 2
    assert c["agenda_item"].tolist() == [3, 4] and c["decision"].tolist() == ["godkendt"] * 2
    assert "Formanden indstiller, at orienteringen tages til efterretning" in seed_text


@pytest.mark.parametrize("printed", [
    "en kombination af mange ambitiøse mål samt en undervurdering af den konjunkturmæssige påvirkning",
    "Forsørgelsesbudgettet samt driftsbudgettet for 2023 er overholdt",
    "IGU var en omvej på vejen mod målet om beskæftigelse for Ukrainerne",
])
def test_explanations_quote_the_source_in_their_notes(inputs, printed, seed_text):
    assert any(printed in n for n in inputs.explanations["notes"])
    assert printed in seed_text


def test_period_names_the_rounds_and_the_meeting(inputs, published):
    text = opening.period_text(published, inputs.summary, inputs.committee).at("2025-03-31")
    assert text == ("Tallene er opfølgningerne på Beskæftigelsesplan 2023 (anden og sidste af to "
                    "opfølgninger) og Beskæftigelsesplan 2024 (første af to opfølgninger), forelagt "
                    "Norddjurs Beskæftigelsesråd 29. august 2024.")


def test_period_says_when_the_figures_are_over_a_year_old(inputs, published):
    period = opening.period_text(published, inputs.summary, inputs.committee)
    assert "mere end et år ældre" not in period.at("2025-08-29")
    assert "mere end et år ældre" in period.at("2025-08-30")


def test_round_words():
    assert opening.round_words(2, 2) == "anden og sidste af to opfølgninger"
    assert opening.round_words(1, 2) == "første af to opfølgninger"
    assert opening.round_words(3, None) == "opfølgning 3"


def _points(inputs, committee=None, shown=SHOWN):
    """The box of the given committee file and rounds shown (the source's voice left out)."""
    return opening.committee_points(replace(inputs, committee=inputs.committee if committee is None else committee,
                                            shown=shown, claims=None))


def test_committee_points_come_from_the_data(inputs):
    items = _points(inputs)
    points = [i.text for i in items]
    assert len(points) == 2 and [i.kind for i in items] == ["decided", "decided"]
    assert items[0].date == "2024-08-29"
    assert points[0].startswith("Beskæftigelsesplan 2023 (punkt 3 på mødet i Norddjurs Beskæftigelsesråd")
    assert "formanden indstillede, at orienteringen tages til efterretning" in points[0]
    changed = inputs.committee.assign(ask="at planen godkendes")
    assert "indstillede, at planen godkendes" in _points(inputs, changed)[1].text
    assert "ingen indstilling" in _points(inputs, shown={2024: 2})[0].text
    pending = inputs.committee.assign(decision=None)
    assert [i.kind for i in _points(inputs, pending)] == ["ask", "ask"]


def test_source_view_is_labelled_and_told_beside_the_counts(inputs):
    text = opening.source_view_text(inputs.explanations, 2023, 2)
    assert text.startswith("**Kildens egne bemærkninger (2023).**")
    assert "ambitiøse mål" in text and "konjunkturerne" in text and "overholdt" in text
    counts = opening.source_counts_text(inputs.summary, 2023, 2).replace("\xa0", " ")
    assert counts.startswith("**Kildens opgørelse.**") and "er 45,8 %" in counts
    assert "for 8 mål er det endnu for tidligt" in opening.source_counts_text(inputs.summary, 2024, 1)


def test_key_message_carries_the_source_explanation(inputs, published):
    msg = results.key_messages(published, inputs.summary, inputs.explanations)[0]
    from analysis.core.voice import plain

    msg = plain(msg)
    # the source's hedge kept (»Forvaltningen vurderer, at dette skyldes …«), and its conclusion
    assert "Ifølge kilden: Forvaltningen vurderer, at det skyldes mange ambitiøse mål" in msg
    assert "forsørgelses- og driftsbudgettet for 2023 er overholdt" in msg
    assert "har ikke givet merforbrug i regnskabet" in msg


def test_abbreviations_are_spelt_out_once(inputs, published):
    text = opening.abbreviations_text(inputs.abbreviations, published)
    assert text == ("Forkortelser i kapitlet: FGU = forberedende grunduddannelse og "
                    "IGU = integrationsgrunduddannelse.")
    none = pd.DataFrame({"abbreviation": ["XYZ"], "meaning": ["x"], "notes": [None]})
    assert opening.abbreviations_text(none, published) is None


def test_text_from_input_files_is_escaped(inputs):
    odd = inputs.committee.assign(ask="at *alt* [godkendes]")
    assert "at \\*alt\\* \\[godkendes\\]" in _points(inputs, odd)[0].text
