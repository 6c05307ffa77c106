"""The build end to end on the fixture book: publishing, the cache, failures that leave the last
good edition untouched, and byte-identical re-renders."""
from __future__ import annotations

import dataclasses
import json
import shutil

import pytest
from conftest import FIXTURES, tree_digest

from book.errors import ExecutionError, InputCheckError, ParameterError
from book.pipeline import build


def test_publishes_every_contract_file(fixture_book, build_options, write_edition):
    result = build(write_edition("t1"), build_options, fixture_book)
    folder = build_options.book_dir / "t1"
    assert result.folder == folder
    for name in ("index.html", "arbejdsmarkedsudvalget-t1.pdf", "results.json", "reconciliation.csv",
                 "manifest.json", "notebooks/alpha.ipynb", "data/alpha_values.csv"):
        assert (folder / name).is_file(), name
    assert json.loads((folder / "results.json").read_text()) == {"alpha": {"total_times_factor": 12},
                                                                 "beta": {"beta_ok": 1}}
    rows = (folder / "reconciliation.csv").read_text().splitlines()
    assert rows[0] == "chapter,item,source,published,computed,low,high,unit,status,basis,finding,note"
    assert rows[1] == "alpha,Sum af værdier,\"testkilde, tabel 1\",3,3,,,antal,match,recomputed,,"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["renderer"] == "pandoc"
    assert manifest["parameters"]["alpha"]["factor"] == 2
    assert any(p.endswith("values.csv") for p in manifest["inputs"])
    assert (folder / "arbejdsmarkedsudvalget-t1.pdf").read_bytes().startswith(b"%PDF")


def test_second_render_executes_nothing(fixture_book, build_options, write_edition):
    edition = write_edition("t2")
    first = build(edition, build_options, fixture_book)
    stamp = (first.folder / "manifest.json").stat().st_mtime_ns
    second = build(edition, build_options, fixture_book)
    assert set(first.executed) == {"intro", "alpha", "beta", "afstemning"}
    assert second.executed == ()
    # nothing changed, so the published edition is left as it is (not even re-rendered)
    assert (second.folder / "manifest.json").stat().st_mtime_ns == stamp


def test_changed_parameter_reexecutes_only_that_chapter(fixture_book, build_options, write_edition):
    build(write_edition("t3"), build_options, fixture_book)
    again = build(write_edition("t3", "beta:\n  label: c\n"), build_options, fixture_book)
    assert again.executed == ("beta",)


def test_changed_input_file_reexecutes_only_its_chapter_and_what_shows_its_figures(
        fixture_book, build_options, write_edition, tmp_path):
    data = tmp_path / "values.csv"
    shutil.copyfile(FIXTURES / "book" / "data" / "values.csv", data)
    edition = write_edition("t4", f"alpha:\n  values_file: {data}\n")
    build(edition, build_options, fixture_book)
    data.write_text(data.read_text().replace("a,1,", "a,2,"))
    again = build(edition, build_options, fixture_book)
    # alpha reads the file; the appendix shows alpha's reconciliation row, which changed
    assert again.executed == ("alpha", "afstemning")
    assert json.loads((build_options.book_dir / "t4" / "results.json").read_text())["alpha"] == {
        "total_times_factor": 14}


def test_misspelt_parameter_fails_before_running_and_keeps_last_book(fixture_book, build_options, write_edition):
    build(write_edition("t5"), build_options, fixture_book)
    before = tree_digest(build_options.book_dir / "t5")
    with pytest.raises(ParameterError) as err:
        build(write_edition("t5", "alpha:\n  factr: 3\n"), build_options, fixture_book)
    msg = str(err.value)
    assert "t5.yml" in msg and "chapter 'alpha'" in msg and "key 'factr'" in msg
    assert "Valid keys for 'alpha': factor, values_file" in msg
    assert tree_digest(build_options.book_dir / "t5") == before


def test_mistyped_parameter_names_the_expected_type(fixture_book, build_options, write_edition):
    with pytest.raises(ParameterError, match="'factor': must be a whole number like the default 2, not 'tre'"):
        build(write_edition("t6", "alpha:\n  factor: tre\n"), build_options, fixture_book)


def test_missing_input_file_fails_before_running_and_keeps_last_book(fixture_book, build_options, write_edition):
    build(write_edition("t7"), build_options, fixture_book)
    before = tree_digest(build_options.book_dir / "t7")
    with pytest.raises(InputCheckError) as err:
        build(write_edition("t7", "alpha:\n  values_file: data/raw/nowhere.csv\n"), build_options, fixture_book)
    assert "data/raw/nowhere.csv" in str(err.value) and "'values_file'" in str(err.value)
    assert tree_digest(build_options.book_dir / "t7") == before


def test_notebook_that_raises_names_cell_and_keeps_failed_notebook(fixture_book, build_options, write_edition):
    build(write_edition("t8"), build_options, fixture_book)
    before = tree_digest(build_options.book_dir / "t8")
    with pytest.raises(ExecutionError) as err:
        build(write_edition("t8", "beta:\n  fail: true\n"), build_options, fixture_book)
    e = err.value
    assert e.notebook.endswith("beta.ipynb") and e.ename == "ValueError"
    assert "beta was told to fail" in str(e) and "cell" in str(e)
    assert 'raise ValueError' in e.source
    kept = build_options.build_dir / "t8" / "failed" / "beta.ipynb"
    assert kept.is_file() and str(kept.name) in e.saved_to
    assert tree_digest(build_options.book_dir / "t8") == before


def test_forced_reexecution_republishes_identical_bytes(fixture_book, build_options, write_edition, tmp_path):
    edition = write_edition("t9")
    first = build(edition, build_options, fixture_book)
    a = tree_digest(build_options.book_dir / "t9")
    other = dataclasses.replace(build_options, force=True, book_dir=tmp_path / "book2")
    second = build(edition, other, fixture_book)
    assert set(second.executed) == set(first.executed) == {"intro", "alpha", "beta", "afstemning"}
    b = tree_digest(other.book_dir / "t9")
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    executed = json.loads((other.book_dir / "t9" / "notebooks" / "beta.ipynb").read_text())
    assert "start_time" not in json.dumps(executed) and executed["cells"][0]["id"] == "cell-0"


def test_bad_keys_of_every_chapter_are_reported_together(fixture_book, build_options, write_edition):
    with pytest.raises(ParameterError) as err:
        build(write_edition("t5b", "alpha:\n  factr: 3\nbeta:\n  nothing: 1\n"), build_options, fixture_book)
    assert [(c, k) for c, k, _, _ in err.value.problems] == [("alpha", "factr"), ("beta", "nothing")]


def test_a_new_quarter_with_one_new_extract_executes_that_chapter_and_what_shows_its_figures(
        fixture_book, build_options, write_edition, tmp_path):
    """The README's new-quarter steps: a new edition file (new id and date) and one changed
    extract re-execute the chapter that reads it, the appendix that shows its checks and the
    front chapter that prints the edition; the other chapter comes from the cache."""
    data = tmp_path / "values.csv"
    shutil.copyfile(FIXTURES / "book" / "data" / "values.csv", data)
    body = f"alpha:\n  values_file: {data}\n"
    first = build(write_edition("2025-Q1", body, date="2025-03-31"), build_options, fixture_book)
    assert len(first.executed) == 4
    data.write_text(data.read_text().replace("a,1,", "a,2,"))
    again = build(write_edition("2025-Q2", body, date="2025-06-30"), build_options, fixture_book)
    assert again.executed == ("intro", "alpha", "afstemning") and again.cached == ("beta",)
