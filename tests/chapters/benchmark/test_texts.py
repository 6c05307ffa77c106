"""The Danish texts: computed from the inputs, the source's conclusion first and labelled."""
from __future__ import annotations

import re

from analysis.chapters.benchmark import model, texts


def test_period_and_age(inp):
    text = texts.period_text(inp, "2025-03-31")
    assert text.startswith("Tallene gælder 2021") and "ultimo oktober 2022" in text
    assert "mere end 3 år ældre" in text
    assert "ældre" not in texts.period_text(inp, "2022-06-30")


def test_committee_points_are_the_sources_asks_escaped(inp):
    points = texts.committee_points(inp)
    assert len(points) == 4 and all(p.text.endswith("(BDO, afsnit 2)") for p in points)
    assert "orientering\\:" in points[0].text  # text from a file is escaped for Markdown
    assert {p.kind for p in points} == {"orientation"}  # the report has no indstilling


def test_source_summary_names_the_konto_split(inp):
    text = texts.source_summary_text(inp).replace("\xa0", " ")
    assert "74,8 mio. kr." in text and "3.006 fuldtidspersoner" in text
    assert "43 % (32,4 mio. kr.) finansieret på konto 5" in text and "48 % og 52 %" in text


def test_book_check_says_what_decides(inp):
    text = texts.book_check_text(model.regrouping(inp, 2.0), 2.0).replace("\xa0", " ")
    assert text.startswith("**Bogens kontrol.**")
    assert "uden Kommune Fs afgangsrate på 26,0 % lå jobafklaring i BDO's gruppe" in text
    assert "ressourceforløb i gruppe 1" in text and "−17 % til −3 %" in text


def test_no_plain_quotation_marks_in_reader_text(inp):
    for t in (texts.intro_text(inp, "Norddjurs", 2.0), texts.GAPS_TEXT, texts.QUADRANT_INTRO):
        assert '"' not in t and not re.search(r"(^|\s)'\w", t)  # an apostrophe of a genitive is fine
