import pytest

from analysis.core import committee as items


def test_a_decision_taken_needs_its_date_and_keeps_it_as_iso():
    with pytest.raises(ValueError, match="needs the date"):
        items.CommitteeItem("decided", "Godkendt.")
    import pandas as pd

    d = items.decided("Godkendt.", pd.Timestamp("2024-08-29"))
    assert d.kind == "decided" and d.date == "2024-08-29"
    assert d.record() == {"kind": "decided", "text": "Godkendt.", "date": "2024-08-29", "options": [],
                          "recommendation": None, "section": None}


def test_kinds_are_checked_and_read_from_danish_words():
    with pytest.raises(ValueError, match="not one of"):
        items.CommitteeItem("maybe", "x")
    with pytest.raises(ValueError, match="needs a text"):
        items.ask(" ")
    assert items.kind_of("Til beslutning") == "ask" and items.kind_of("orientering") == "orientation"
    assert items.kind_of("decision_taken") == "decided"
    with pytest.raises(ValueError, match="f.csv, row 3"):
        items.kind_of("vist", "f.csv", 3)


def test_an_ask_carries_its_options_and_the_sources_recommendation():
    a = items.ask("Vælg niveau.", ["pr. 15", "pr. 10"], "Formanden indstiller, at ...")
    assert a.options == ("pr. 15", "pr. 10") and a.recommendation.startswith("Formanden")
