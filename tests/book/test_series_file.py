"""The build's series file: the earlier editions by `previous`, read from what is published
(never re-executed), each chapter's own slice, invented inputs, and `--series` order."""
from __future__ import annotations

import json

import pytest

from book.errors import EditionError
from book.series import chain, chapter_slice, series_content, series_editions, write_series


def _publish(book_dir, edition_id, results, date="2025-03-31", params=None):
    folder = book_dir / edition_id
    folder.mkdir(parents=True)
    (folder / "results.json").write_text(json.dumps(results), encoding="utf-8")
    (folder / "key_figures.json").write_text(json.dumps(
        {c: {n: {"value": v, "label": n} for n, v in f.items()} for c, f in results.items()}), encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({"date": date, "parameters": params or {}}), encoding="utf-8")


def test_chain_follows_previous_oldest_first(write_edition):
    write_edition("q1")
    write_edition("q2", "previous: q1\n", date="2025-06-30")
    q3 = write_edition("q3", "previous: q2\n", date="2025-09-30")
    earlier, broken = chain(q3)
    assert [e.id for e in earlier] == ["q1", "q2"] and broken == ""
    assert [e.id for e in series_editions(q3)] == ["q1", "q2", "q3"]


def test_a_broken_chain_is_said_and_refused_by_series(write_edition):
    q2 = write_edition("q2", "previous: q1\n", date="2025-06-30")
    earlier, broken = chain(q2)
    assert earlier == [] and "q1" in broken
    with pytest.raises(EditionError, match="cannot be followed"):
        series_editions(q2)


def test_series_content_reads_what_is_published(tmp_path, write_edition):
    write_edition("q1")
    write_edition("q2", "previous: q1\n", date="2025-06-30")
    q3 = write_edition("q3", "previous: q2\n", date="2025-09-30")
    book_dir = tmp_path / "book"
    _publish(book_dir, "q1", {"kvoter": {"roster_units": 40}, "rammer": {"x": 1}},
             params={"kvoter": {"roster_file": "data/examples/series/kvoter/roster_2025q2.csv"}})
    content = series_content(q3, {"kvoter": {"roster_file": "data/examples/series/kvoter/roster_2025q3.csv"}},
                             book_dir)
    first, second = content["editions"]
    assert first["published"] and first["results"]["kvoter"] == {"roster_units": 40}
    assert first["invented_inputs"] == {"kvoter": ["data/examples/series/kvoter/roster_2025q2.csv"]}
    assert not second["published"] and "python render.py --edition q2" in second["note"]
    assert content["invented_inputs"] == {"kvoter": ["data/examples/series/kvoter/roster_2025q3.csv"]}
    one = chapter_slice(content, "kvoter")
    assert one["editions"][0]["results"] == {"kvoter": {"roster_units": 40}} and "edition" not in one
    files = write_series(tmp_path / "harvest", q3, {"kvoter": {}, "forord": {}}, book_dir)
    assert set(files) == {"*", "kvoter"}  # the front chapter reads the whole series
    assert json.loads(files["*"].read_text(encoding="utf-8"))["edition"] == "q3"


def test_the_demonstration_series_checks_in_one_command_oldest_first(capsys):
    """`render.py check --series eksempel-2025-Q3` validates 2025-Q1 and the two invented quarters
    in order (rendering them is what `render.py --series` does; too slow for a test)."""
    from book.cli import main

    assert main(["check", "--series", "eksempel-2025-Q3"]) == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if x.startswith("Edition ")]
    assert [x.split()[1].rstrip(":") for x in lines] == ["2025-Q1", "eksempel-2025-Q2", "eksempel-2025-Q3"]
