"""The chapter's Danish texts: the period line and its age, the notat's reasons and judgement
told as the notat's, the box for the committee, and plain language (no present-tense
forecasts, no file paths, »…« quotes, en dashes in ranges)."""
# ruff: noqa: F401, F811  (the shared fixtures are imported, then requested by name)
from __future__ import annotations

import re

from analysis.chapters.investeringer import model, reconcile, texts

from .investeringer_fixtures import cy, derived, example, example_params, headline, inputs  # pytest fixtures


def test_period_line_says_when_and_how_old(derived):
    text = texts.period_text(derived).at("2025-03-31")
    assert text.startswith("Tallene er fra notatet af 26. november 2021:")
    assert "resultat for 2020 og forvaltningens forventninger til 2021–2023" in text
    assert "mere end 3 år ældre end denne udgave (31. marts 2025)" in text
    assert "ældre" not in texts.period_text(derived).at("2022-06-30")


def test_period_line_of_a_later_follow_up(example):
    text = texts.period_text(model.derive(example)).at("2022-05-31")
    assert "pr. 31. maj 2022" in text and "resultat for 2020–2021" in text and "til 2022–2023" in text


def test_reasons_told_with_the_printed_dates(derived):
    points = texts.reasons_points(derived)
    assert len(points) == 4
    joined = " ".join(points)
    for printed in ("1. januar 2020", "11. marts–26. maj 2020", "9. december 2020–15. april 2021",
                    "26. november 2021", "12 måneders uforstyrret drift", "16. december 2020"):
        assert printed in joined, printed
    text = texts.reasons_text(derived)
    assert text.startswith("Notatet af 26. november 2021 forklarer")
    assert "udfoldes fuldt ud i flere måneder i 2020 og 2021" in text
    assert "pr\\. 31\\. oktober 2021" in text and "i 2021 ikke ville blive påvirket af" in text


def test_reasons_follow_the_data(derived):
    r = derived.inputs.reasons
    fewer = r[r["reason"] != "suspension_spring_2020"].reset_index(drop=True)
    other = type(derived.inputs)(**{**derived.inputs.__dict__, "reasons": fewer})
    d = model.derive(other)
    assert "11. marts" not in " ".join(texts.reasons_points(d))


def test_date_helpers():
    assert texts.date_range("2020-03-11", "2020-05-26") == "11. marts–26. maj 2020"
    assert texts.date_range("2020-12-09", "2021-04-15") == "9. december 2020–15. april 2021"
    assert texts.years_da([2021, 2022, 2023]) == "2021–2023" and texts.years_da([2020, 2022]) == "2020 og 2022"
    assert texts.sentence("10 mio. kr.") == "10 mio. kr." and texts.sentence("ja") == "ja."


def test_committee_box_from_the_file(derived):
    points = texts.committee_points(derived)
    assert len(points) == len(derived.inputs.committee)
    assert "ingen indstilling" in points[0].text and points[0].kind == "orientation"
    assert "28\\. april 2021" in points[1].text and "18\\. maj 2021" in points[1].text
    assert points[1].kind == "decided" and points[1].date == "2021-05-18"  # never shown as an ask
    assert not [p for p in points if p.kind == "ask"]  # the notat has no indstilling


def test_totals_tell_the_notat_first_then_the_book(derived):
    text = texts.totals_text(derived)
    assert text.index("**Notatets egne tal:**") < text.index("**Bogens efterregning:**")
    assert "10,529" in text and "ca. 3,8" in text and "20,856" in text and "17,777" in text


def _reader_texts(d, checks):
    return [texts.period_text(d).at("2025-03-31"), texts.status_text(d), texts.totals_text(d), texts.reasons_text(d),
            texts.survival_text(d), texts.reconciliation_text(checks),
            texts.findings_text(reconcile.findings(d.inputs, checks)),
            *[texts.case_text(d, c) for c in d.shown], *[p.text for p in texts.committee_points(d)],
            *[c.note for c in checks], *[c.item for c in checks]]


def test_plain_danish(derived, inputs):
    checks = reconcile.checks(inputs)
    for t in _reader_texts(derived, checks):
        plain = t.replace("\\", "")
        assert not re.search(r"\bventes\b", plain), t
        assert "data/" not in plain and "_file" not in plain, t
        assert not re.search(r"['\"]", plain), t  # only »…« quotes
        assert not re.search(r"\b(19|20)\d\d-(19|20)\d\d\b", plain), t  # en dash in year ranges
        assert "Case " not in plain, t


def test_abbreviations_spelt_out_once(derived):
    text = texts.case_text(derived, 5).replace("\\", "")
    assert text.count("integrationsgrunduddannelse") == 1 and "(IGU = integrationsgrunduddannelse)" in text
    assert texts.spell_out("5 IGU-forløb") == "5 IGU-forløb (integrationsgrunduddannelse)"


def test_case_text_tells_the_notats_explanation(derived):
    text = texts.case_text(derived, 2)
    head, notes = text.split("\n\n**Notatets forklaring:** ")
    assert "9\\. december 2020 til 15\\. april 2021" in notes
    assert "forventede forvaltningen" in notes
