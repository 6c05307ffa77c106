"""The README's facts that come from code do not drift, and it points only at what a clone has."""
from __future__ import annotations

import re

from book.paths import ROOT
from book.readme import END, START, input_columns_table

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_input_columns_table_is_the_one_the_schemas_give():
    table = README.split(START, 1)[1].split(END, 1)[0].strip()
    assert table == input_columns_table(), "run `python -m book.readme` to regenerate it"


def test_every_input_parameter_of_every_chapter_is_in_the_table():
    from book.chapters import input_columns
    from book.project import load_book

    params = [p for part in load_book().parts for p in input_columns(part.id)]
    assert len(params) >= 50 and all(f"| `{p}` |" in README for p in params)


def test_the_readme_points_only_at_files_a_clone_has():
    assert "../" not in README
    for target in re.findall(r"\]\(([^)#:]+)\)", README):
        assert (ROOT / target).exists(), target


def test_the_quarto_paragraph_is_there_once():
    assert README.count("With Quarto on PATH") == 1
