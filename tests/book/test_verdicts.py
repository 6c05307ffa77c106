"""Input checks that passed are remembered by everything they read: a render of the same inputs
does not validate them again, a changed byte checks again, a failure is never remembered."""
from __future__ import annotations

import pytest

from analysis.chapters import CHAPTERS
from book import plan as plan_module
from book.editions import find_edition
from book.errors import InputCheckError
from book.paths import ROOT
from book.plan import check_inputs, make_plan
from book.project import load_book
from book.verdicts import Verdicts, chapter_key


@pytest.fixture
def counted(monkeypatch):
    calls = {"chapters": [], "sources": 0}

    def chapter(part_id, params, edition_file):
        calls["chapters"].append(part_id)
        return part_id in CHAPTERS

    def sources():
        calls["sources"] += 1

    monkeypatch.setattr(plan_module, "check_chapter_inputs", chapter)
    monkeypatch.setattr(plan_module, "check_sources", sources)
    return calls


def test_a_passed_check_is_not_run_again(tmp_path, counted):
    plan = make_plan(find_edition("2025-Q1"), load_book())
    verdicts = Verdicts(tmp_path / "checked")
    chapters = lambda: [c for c in counted["chapters"] if c in CHAPTERS]  # noqa: E731
    n = check_inputs(plan, verdicts)
    assert sorted(chapters()) == sorted(CHAPTERS) and counted["sources"] == 1
    assert check_inputs(plan, verdicts) == n
    assert len(chapters()) == len(CHAPTERS) and counted["sources"] == 1  # no chapter validated again
    check_inputs(plan)  # `render check`: every rule, every time
    assert len(chapters()) == 2 * len(CHAPTERS) and counted["sources"] == 2


def test_a_failed_check_is_never_remembered(tmp_path, monkeypatch):
    plan = make_plan(find_edition("2025-Q1"), load_book())

    def failing(part_id, params, edition_file):
        raise InputCheckError(part_id, "a rule failed")

    monkeypatch.setattr(plan_module, "check_chapter_inputs", failing)
    verdicts = Verdicts(tmp_path / "checked")
    for _ in range(2):
        with pytest.raises(InputCheckError):
            check_inputs(plan, verdicts)
    assert not (tmp_path / "checked").exists() or not any((tmp_path / "checked").iterdir())


def test_the_key_follows_content_parameters_and_column_map(tmp_path):
    notebook = ROOT / "notebooks" / "benchmark.ipynb"
    data = tmp_path / "x.csv"
    data.write_text("a,b\n1,2\n", encoding="utf-8")
    params = {"x_file": str(data), "focus": "Norddjurs", "book_column_map": {}}
    key = chapter_key(notebook, params)
    assert chapter_key(notebook, dict(params)) == key
    assert chapter_key(notebook, {**params, "focus": "Kommune H"}) != key
    assert chapter_key(notebook, {**params, "book_column_map": {str(data): {"A": "a"}}}) != key
    data.write_text("a,b\n1,3\n", encoding="utf-8")
    assert chapter_key(notebook, params) != key


def test_parts_that_show_only_the_plan_run_beside_the_chapters():
    """Datagrundlag and Parametre read what the plan gives (input files, parameters), so they run
    in the first stage; the parts that show the chapters' results run after them."""
    plan = make_plan(find_edition("2025-Q1"), load_book())
    first = {p.id for p in plan.parts if not p.needs_harvest}
    assert {"datagrundlag", "parametre"} <= first and {p.id for p in plan.parts if p.reads_plan} == {
        "datagrundlag", "parametre"}
    assert {"forord", "aendringer", "afstemning"}.isdisjoint(first)
