import shutil

import nbformat
from conftest import FIXTURES

from book.cache import cache_key, expand_inputs, notebook_code

ALPHA = FIXTURES / "book" / "notebooks" / "alpha.ipynb"


def _key(nb, params):
    return cache_key(nb, params, "analysis-hash").value


def test_key_ignores_outputs_and_counts(tmp_path):
    copy = tmp_path / "alpha.ipynb"
    nb = nbformat.read(ALPHA, as_version=4)
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="x")]
    nb.cells[2].execution_count = 7
    nbformat.write(nb, copy)
    assert notebook_code(copy) == notebook_code(ALPHA)


def test_key_changes_with_code_parameters_input_content_and_analysis(tmp_path):
    data = tmp_path / "values.csv"
    shutil.copyfile(FIXTURES / "book" / "data" / "values.csv", data)
    params = {"values_file": str(data), "factor": 2}
    base = _key(ALPHA, params)
    assert _key(ALPHA, params) == base
    assert _key(ALPHA, {**params, "factor": 3}) != base
    assert cache_key(ALPHA, params, "other").value != base
    data.write_text(data.read_text() + "c,4,\n")
    assert _key(ALPHA, params) != base


def test_files_parameters_expand_globs(tmp_path):
    (tmp_path / "a").mkdir()
    for n in ("x.csv", "a/y.csv"):
        (tmp_path / n).write_text("1")
    got = expand_inputs({"some_files": [str(tmp_path / "**" / "*.csv")], "n": 1, "empty_file": ""})
    assert [p.name for p in got["some_files"]] == ["y.csv", "x.csv"] and "empty_file" not in got
