"""book.nbread: notebooks read and written as nbformat does, read once per content."""
from __future__ import annotations

import nbformat
import pytest

from book import nbread


def executed_notebook() -> nbformat.NotebookNode:
    """A notebook as papermill leaves it: code, a Markdown output, a stream, an error."""
    nb = nbformat.v4.new_notebook(metadata={"papermill": {"parameters": {"focus": "Kommune B"}}})
    code = nbformat.v4.new_code_cell("print('æøå')\nx = 1", execution_count=1)
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="æøå\n"),
                    nbformat.v4.new_output("display_data", data={"text/markdown": "**a**\nb"}),
                    nbformat.v4.new_output("error", ename="ValueError", evalue="x", traceback=["t"])]
    nb.cells = [nbformat.v4.new_markdown_cell("# Titel\nlinje"), code]
    return nb


def test_parse_gives_what_nbformat_reads_gives():
    text = nbformat.writes(executed_notebook())
    assert nbread.parse(text.encode("utf-8")) == nbformat.reads(text, as_version=4)


def test_parse_converts_an_older_format_to_version_4():
    v3 = nbformat.writes(nbformat.v3.new_notebook(worksheets=[nbformat.v3.new_worksheet(
        cells=[nbformat.v3.new_code_cell(input="x = 1")])]), version=3)
    nb, expected = nbread.parse(v3.encode("utf-8")), nbformat.reads(v3, as_version=4)
    for cell in [*nb.cells, *expected.cells]:  # an upgrade gives each cell a random id
        cell.pop("id", None)
    assert nb.nbformat == 4 and nb == expected


def test_parse_refuses_what_is_not_a_notebook():
    with pytest.raises(nbformat.reader.NotJSONError):
        nbread.parse(b"not json")


def test_dumps_writes_the_bytes_nbformat_writes(tmp_path):
    nb = executed_notebook()
    nbformat.write(nb, tmp_path / "a.ipynb")
    assert nbread.dumps(nb) == (tmp_path / "a.ipynb").read_text(encoding="utf-8")


def test_a_notebook_read_again_after_an_edit_is_parsed_again(tmp_path):
    path = tmp_path / "a.ipynb"
    nb = executed_notebook()
    path.write_text(nbread.dumps(nb), encoding="utf-8")
    first, key = nbread.read_notebook(path)
    nb.cells[0].source = "# Ny titel"
    path.write_text(nbread.dumps(nb), encoding="utf-8")
    second, key2 = nbread.read_notebook(path)
    assert key != key2 and second.cells[0].source == "# Ny titel" and first.cells[0].source != "# Ny titel"
