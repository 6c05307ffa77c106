"""Tests of `views` and `texts`: the reader's tables, alt texts and sentences."""
from __future__ import annotations

from analysis.chapters.beskaeftigelsesplan import model, texts, views


def test_theme_table_marks_the_removed_goal(published):
    ev = published[2023]
    removed = model.removed_goals(ev)
    table = views.theme_table(ev, removed["theme"].iloc[0])
    assert table["Status"].str.contains("Udgået").any()
    assert texts.removed_text(ev).startswith("Udgået i løbet af året: mål 3.1.1")
    assert texts.removed_text(published[2024]) is None


def test_counts_table_shows_printed_and_itemised_counts(inputs, published):
    t = views.counts_table(model.status_counts(published[2024], inputs.summary))
    row = t[t["Status"].str.contains("✔")].iloc[0]
    assert (row["Antal mål"], row["Antal i sagsfremstillingen"], row["Antal efter reglen"]) == (9, "8", 8)


def test_alt_texts_say_the_counts(inputs, published):
    counts = {"Plan 2024": model.status_counts(published[2024], inputs.summary)}
    assert "9 nået" in views.status_alt(counts)
    alt = views.target_alt(published[2024], 2024)
    assert "ikke nået er mål" in alt and "4.1" in alt


def test_requirement_texts():
    r = {"comparator": "max_pp_above_national", "unit": "%", "target_value": 4.0,
         "reference_label": None, "baseline_value": None, "baseline_period": None}
    assert texts.requirement_text(r) == "højst 4 procentpoint over landstal"
    r.update(comparator="decrease", baseline_value=2.0, baseline_period="2022", unit="sager")
    assert texts.requirement_text(r) == "fald fra 2\u00a0sager (2022)"


def test_count_difference_text_names_both_counts(inputs, published):
    text = texts.count_difference_text(model.status_counts(published[2024], inputs.summary), 2024)
    assert "8 i sagsfremstillingen, 9 blandt de enkelte mål" in text
    assert texts.count_difference_text(model.status_counts(published[2023], inputs.summary), 2023) is None


def test_a_two_part_goal_shows_its_printed_targets_and_the_gap(inputs, published):
    """Mål 4.5 (2023): »skal 60 % være påbegyndt en ungdomsuddannelse i 2022 … 80 % have fuldført
    … i 2027«; status »50 unge (41 %)«. No rule judges it, but its targets and the gap are shown."""
    from analysis.chapters.beskaeftigelsesplan import texts

    r = published[2023].set_index("goal_id").loc["4.5"]
    req, measured = (texts.requirement_text(r).replace("\xa0", " "),
                     texts.measured_text(r).replace("\xa0", " "))
    assert "60 %" in req and "2022" in req and "80 %" in req and "2027" in req
    assert "kvalitativt" not in req
    assert measured.startswith("41 %") and "19 procentpoint under målets første del (60 %)" in measured


def test_the_counts_caption_says_why_the_three_counts_differ(inputs, published):
    """Tabel 16/17: where the goal table, the case text and the book's rule count differently,
    the caption says which count is which and why (the source disagrees with itself; the rule
    judges a goal otherwise); where all agree, the caption is only the title."""
    c = model.status_counts(published[2024], inputs.summary)
    caption = views.counts_caption("Titel", c, published[2024])
    reached = c[c["status"] == "nået"].iloc[0]
    assert caption.startswith("Titel. Kilden tæller forskelligt to steder")
    assert f"enkelte mål giver {reached['count']} nået" in caption
    assert f"sagsfremstillingen {int(reached['printed_count'])} og" in caption
    assert f"Bogens regel (den målte værdi holdt op mod kravet) giver {reached['rule_count']} nået" in caption
    judged = published[2024][published[2024]["evaluated_status"] != published[2024]["status"]]
    judged = judged[[isinstance(s, str) for s in judged["evaluated_status"]]]
    assert all(f"mål {g} som {s} (kilden: {t})" in caption
               for g, s, t in zip(judged["goal_id"], judged["evaluated_status"], judged["status"]))
    same = model.status_counts(published[2023], inputs.summary)
    assert views.counts_caption("Titel", same, published[2023]) == (
        "Titel. Sagsfremstillingen og bogens regel (den målte værdi holdt op mod kravet) giver de samme tal.")
    # show a number once: where all three counts agree, the table shows one of them
    assert list(views.counts_table(same).columns) == ["Status", "Antal mål", "Andel"]
    assert "Antal efter reglen" not in views.counts_note(views.counts_table(same))
    assert "Antal efter reglen" in views.counts_note(views.counts_table(c))
