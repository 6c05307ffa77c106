"""The chapter's opening: the period line with its age flag, the box "Til udvalget", and the
committee's tasks, room for political choices, pool and meeting rules."""
from __future__ import annotations

import dataclasses

from analysis.chapters.rammer import opening
from analysis.chapters.rammer.inputs import BLOCKS

from .helpers import raw


def test_dashes_in_ranges():
    assert opening.dashes("2017-2022") == "2017–2022"
    assert opening.dashes("2. halvår 2020 - 1. halvår 2021") == "2. halvår 2020 – 1. halvår 2021"
    assert opening.dashes("a-kasser") == "a-kasser"


def test_period_line_spans_the_data_and_flags_its_age(inputs):
    text = opening.period_text(inputs, BLOCKS).at("2025-03-31")
    assert text.startswith("Kapitlets tal er fra 2016–2024")
    assert "2\\. halvår 2020 – 1\\. halvår 2021" in text  # the benchmark's period, escaped
    assert "mere end et år ældre end denne udgave (31. marts 2025)" in text
    assert "er mere end 8 år ældre end udgaven" in text  # the 2016 analysis


def test_period_line_of_recent_figures_is_not_flagged(inputs):
    text = opening.period_text(inputs, ["akasser"]).at("2024-12-31")
    assert text == "Kapitlets tal er fra 2024 (Samarbejdsaftaler med a\\-kasserne: medio februar 2024)."
    assert "ældre" not in opening.period_text(inputs, ["akasser"]).at("2025-02-14")
    assert "ældre" in opening.period_text(inputs, ["akasser"]).at("2025-02-16")
    assert opening.period_text(inputs, []).at("2025-03-31") == ""


def test_to_committee_points_transcribe_the_asks(inputs):
    items = opening.committee_points(inputs, BLOCKS)
    points = [i.text for i in items]
    asks = raw("asks_file")
    assert len(points) == len(asks) + 1  # every ask, and the pool
    assert "»Formanden indstiller, at nøgletallene drøftes\\.«" in points[0]
    assert "Beslutning: »Drøftet\\.«" in points[0]
    assert "29. august 2024" in points[0]
    # a printed decision makes the item a decision taken, dated by the meeting, never an ask
    assert items[0].kind == "decided" and items[0].date == "2024-08-29"
    assert items[-1].kind == "orientation"
    assert "0,250\u00a0mio. kr." in points[-1] and "marts, juni, september og december" in points[-1]
    assert opening.committee_points(inputs, ["akasser"])[0].text.startswith("*Orientering om samarbejde")


def test_committee_text_lists_every_task_and_the_room(inputs):
    text = opening.committee_text(inputs)
    for task in raw("tasks_file")["task"]:
        assert task.replace("-", "\\-") in text
    assert "introduktionens 3 eksempler" in text
    table = opening.political_room_display(inputs)
    assert list(table.columns) == ["Område", "Lovens minimum", "Det kan udvalget bestemme"]
    assert len(table) == 3


def test_meeting_rules_with_values(inputs):
    text = opening.meeting_text(inputs)
    assert ": 4 hverdage før mødet." in text and ": 3 medlemmer." in text
    assert text.count("\n- ") == len(raw("meeting_rules_file"))


def test_text_from_input_files_is_escaped(inputs):
    tasks = inputs.tasks.copy()
    tasks.loc[0, "task"] = "*fed* [link](x)"
    text = opening.committee_text(dataclasses.replace(inputs, tasks=tasks))
    assert "\\*fed\\* \\[link\\]\\(x\\)" in text
