from analysis.appendices import front

PARTS = [["forord", "front", "Forord"], ["a", "chapter", "Alfa"], ["b", "chapter", "Beta"],
         ["x", "appendix", "Bilag"]]
FRONT = {
    "a": {"committee": [{"kind": "ask", "text": "Vælg et niveau.", "options": ["pr. 15", "pr. 10"],
                         "recommendation": "Formanden indstiller pr. 10.", "date": None},
                        {"kind": "orientation", "text": "Kvoten gælder fra 2025.", "options": []}],
          "period": "Tallene er fra februar 2025."},
    "b": {"committee": [{"kind": "decided", "text": "Godkendt.", "date": "2024-08-29", "options": []},
                        {"kind": "decided", "text": "Drøftet.", "date": "2024-08-29", "options": []}],
          "period": "Tallene er fra 2021."},
}


def test_decisions_come_first_with_options_recommendation_and_page_link():
    text = front.decisions_markdown(FRONT, PARTS)
    assert text.startswith("## Til beslutning")
    assert "**Alfa** ([kapitel 1](#a-til-udvalget){.page-ref})" in text
    assert "Muligheder:\n\n  - pr. 15\n  - pr. 10" in text and "Kildens forslag: Formanden indstiller pr. 10." in text
    asks, rest = text.split("Til orientering", 1)
    assert "Godkendt" not in asks  # a decision taken is never shown as an ask
    assert "::: {.decided}" in rest and "2 sager besluttet 29. august 2024" in rest


def test_no_ask_says_so():
    text = front.decisions_markdown({"b": FRONT["b"]}, PARTS)
    assert "Ingen af kapitlerne har en sag til beslutning i denne udgave." in text


def test_summary_has_a_headline_at_most_three_points_and_the_period():
    messages = {"a": ["Overskrift.", "P1.", "P2.", "P3.", "P4."], "b": ["Kun en."]}
    text = front.summary_markdown(messages, FRONT, PARTS)
    a = text.split("### 2 Beta")[0]
    assert "### 1 Alfa" in a and "::: {.headline}\nOverskrift.\n:::" in a
    assert "- P3." in a and "P4." not in a
    assert "Tallene er fra februar 2025." in a
    assert "Kun en." in text.split("### 2 Beta")[1]


def test_the_forord_names_every_appendix_with_its_letter():
    parts = [["forord", "front", "Forord"], ["a", "chapter", "Alfa"], ["parametre", "appendix", "Parametre"],
             ["datagrundlag", "appendix", "Datagrundlag"], ["afstemning", "appendix", "Afstemning"],
             ["aendringer", "appendix", "Ændringer siden sidste udgave"], ["nyt", "appendix", "Nyt *bilag*"]]
    assert front.appendices_sentence(parts) == (
        "Bilag A viser udgavens valg, Bilag B kilderne, Bilag C bogens efterregning af kildernes tal, "
        "Bilag D ændringerne siden sidste udgave og Bilag E »Nyt \\*bilag\\*«.")
    assert front.appendices_sentence(parts[:3]) == "Bilag A viser udgavens valg."
    assert front.appendices_sentence(parts[:2]) == ""
