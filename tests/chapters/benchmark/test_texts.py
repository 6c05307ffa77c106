"""The Danish texts: computed from the inputs, the source's conclusion first and labelled."""
from __future__ import annotations

import re

from analysis.chapters.benchmark import computed, texts


def test_period_and_age(inp):
    text = texts.period_text(inp).at("2025-03-31")
    assert text.startswith("Tallene gælder 2021") and "ultimo oktober 2022" in text
    assert "mere end 3 år ældre" in text
    assert "ældre" not in texts.period_text(inp).at("2022-06-30")


def test_committee_points_are_the_sources_asks_escaped(inp):
    points = texts.committee_points(inp)
    assert len(points) == 4 and all(p.text.endswith("(BDO, afsnit 2)") for p in points[1:])
    assert "orientering\\:" in points[0].text  # text from a file is escaped for Markdown
    assert {p.kind for p in points} == {"orientation"}  # the report has no indstilling
    # »til orientering, ingen indstilling« is the book's reading, not attributed to BDO
    assert points[0].text.voice == "reading" and "BDO" not in points[0].text
    assert [p.text.claim for p in points[1:]] == ["udvalget-2", "udvalget-3", "udvalget-4"]


def test_source_summary_names_the_konto_split(inp):
    text = texts.source_summary_text(inp).replace("\xa0", " ")
    assert "74,8 mio. kr." in text and "3.006 fuldtidspersoner" in text
    assert "43 % (32,4 mio. kr.) finansieret på konto 5" in text and "48 % og 52 %" in text


def test_book_check_says_what_decides(inp):
    text = texts.book_check_text(computed.of(inp, tolerance_pct=2.0)).replace("\xa0", " ")
    assert text.startswith("**Bogens kontrol.**")
    assert "uden Kommune Fs afgangsrate på 26,0 % lå jobafklaring i BDO's gruppe" in text
    assert "ressourceforløb i gruppe 1" in text and "−17 % til −3 %" in text


def test_no_plain_quotation_marks_in_reader_text(inp):
    for t in (texts.intro_text(inp, "Norddjurs", 2.0), texts.GAPS_TEXT, texts.QUADRANT_INTRO):
        assert '"' not in t and not re.search(r"(^|\s)'\w", t)  # an apostrophe of a genitive is fine


def test_bdos_two_revalidering_figures_are_both_shown_with_the_books_choice(inp):
    """Afsnit 5.7: »79 pct. over gennemsnittet … 55.500 kr.«; 79 % follows from Tabel 3.2's 49,3
    (Kommune J counted with 0,0), 55,5 (Tabel 5.7, without J) gives +59 %."""
    text = texts.two_figures_text(inp, "revalidering").replace("\xa0", " ")
    assert "79 pct. over gennemsnittet" in text and "55.500 kr." in text
    assert "tabel 3.2's gennemsnit på 49,3, som tæller Kommune J med 0,0 (ingen borgere i målgruppen)" in text
    assert "55,5 er tabel 5.7's gennemsnit uden Kommune J og giver +59 %" in text
    assert "**Bogens valg:**" in text
    # a difference that rounding explains is no disagreement (sygedagpenge: −8 pct. and 21.800 kr.)
    assert texts.two_figures_text(inp, "sygedagpenge") == "" and texts.two_figures_text(inp, "dagpenge") == ""
