"""`render.py new <id>`: the next edition from the newest, never overwriting, bad ids refused."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from analysis.chapters import EXTRACTS, QUARTERLY, input_kinds
from analysis.core.paths import ROOT
from book.cli import main
from book.editions import load_edition
from book.errors import EditionError
from book.newedition import new_edition_date, quarter_end, start_edition
from book.plan import make_plan
from book.project import load_book


@pytest.fixture
def base(tmp_path):
    folder = tmp_path / "params"
    folder.mkdir()
    shutil.copyfile(ROOT / "params" / "2025-Q1.yml", folder / "2025-Q1.yml")
    return load_edition(folder / "2025-Q1.yml")


@pytest.mark.parametrize("edition_id,end", [("2025-Q1", "2025-03-31"), ("2025-Q2", "2025-06-30"),
                                            ("2025-Q3", "2025-09-30"), ("2025-Q4", "2025-12-31")])
def test_a_quarter_ends_on_its_last_day(edition_id, end):
    assert quarter_end(edition_id) == dt.date.fromisoformat(end)


@pytest.mark.parametrize("bad", ["2025-Q5", "2025-Q0", "2025Q2", "2025-q2", "../2025-Q2", "a/b", "", "x" * 65])
def test_ids_that_are_not_a_quarter_or_a_name_are_refused(bad):
    with pytest.raises(EditionError):
        new_edition_date(bad)


def test_a_name_needs_a_date_and_gets_it():
    with pytest.raises(EditionError, match="--date"):
        new_edition_date("ekstra-maj")
    assert new_edition_date("ekstra-maj", "2025-05-15") == dt.date(2025, 5, 15)


def test_new_quarter_keeps_the_parameters_and_names_the_extracts(base, tmp_path):
    new = start_edition("2025-Q2", base, folder=base.path.parent)
    e = load_edition(new.path)
    assert (e.id, e.date, e.previous) == ("2025-Q2", dt.date(2025, 6, 30), "2025-Q1")
    book = load_book()
    old, now = make_plan(base, book), make_plan(e, book)
    assert [dict(p.parameters) for p in old.parts] == [dict(p.parameters) for p in now.parts]
    text = new.path.read_text(encoding="utf-8")
    for chapter, extracts in EXTRACTS.items():
        for name, (_kind, what) in extracts.items():
            assert f"{chapter}.{name}" in text and what in text
    assert "# REPLACE this quarter: HR's unit roster" in text
    assert {(r[0], r[1]) for r in new.replace if r[2] == QUARTERLY} == {
        (c, n) for c, x in EXTRACTS.items() for n, (k, _) in x.items() if k == QUARTERLY}


def test_new_never_overwrites(base):
    target = base.path.parent / "2025-Q2.yml"
    target.write_text("mine\n", encoding="utf-8")
    with pytest.raises(EditionError, match="already exists"):
        start_edition("2025-Q2", base, folder=base.path.parent)
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_new_refuses_a_date_before_the_edition_it_follows(base):
    with pytest.raises(EditionError, match="not after"):
        start_edition("2024-Q4", base, folder=base.path.parent)
    assert not (base.path.parent / "2024-Q4.yml").exists()


def test_every_chapter_declares_its_inputs_in_the_registry():
    plan = make_plan(load_edition(ROOT / "params" / "2025-Q1.yml"), load_book())
    for chapter, extracts in EXTRACTS.items():
        kinds = input_kinds(chapter, plan.part(chapter).parameters)
        assert set(extracts) <= set(kinds), chapter  # every declared extract is a real input


def test_cli_new_prints_what_to_replace_and_refuses_bad_ids(base, monkeypatch, capsys):
    import book.newedition as ne

    monkeypatch.setattr(ne, "PARAMS", base.path.parent)
    assert main(["new", "2025-Q2", "--from", str(base.path)]) == 0
    out = capsys.readouterr().out
    assert "Replace this quarter:\n  kvoter.roster_file" in out
    assert main(["new", "2025-Q2", "--from", str(base.path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "2025-Q7", "--from", str(base.path)]) == 1
    assert "is not a quarter" in capsys.readouterr().err
