"""`check` runs every rule a render enforces on an edition's inputs, and every refusal names the
file, where in it, the rule and the value (encodings and limits included)."""
from __future__ import annotations

import ast
import shutil
import sys

import nbformat
import pytest

from book import limits, plan
from book.editions import find_edition, load_edition
from book.errors import EditionError, InputCheckError
from book.paths import ROOT
from book.pipeline import check
from book.project import load_book

READING = ("load_inputs", "registry", "read_table")  # what a notebook calls to read its inputs


def _input_reads(notebook) -> list[str]:
    """The calls in a notebook's code that read its inputs, as expressions such as
    `chapter.load_inputs` (the files the build harvested for a part, passed as `book_*`
    parameters, are left out by the caller: `_harvested`)."""
    out = []
    for cell in nbformat.read(notebook, 4).cells:
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name)):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
                if name in READING:
                    out.append(ast.unparse(node.func))
    return out


def _harvested(fn) -> bool:
    """A function that reads what the build wrote for the front chapter and the appendices
    (`analysis.appendices.load_inputs`), not an edition's input file."""
    return fn.__module__.startswith("analysis.appendices")


def _imports(notebook) -> dict:
    """The namespace a notebook's import lines make (the functions it calls, resolved)."""
    ns: dict = {}
    for cell in nbformat.read(notebook, 4).cells:
        if cell.cell_type == "code":
            for node in ast.parse(cell.source).body:
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    exec(compile(ast.Module([node], []), str(notebook), "exec"), ns)  # noqa: S102
    return ns


def test_check_runs_every_input_rule_the_render_runs():
    """Walk every notebook of the book for the calls that read and validate inputs, then run
    `check` and assert it ran each of those functions itself."""
    book = load_book()
    wanted = {}
    for part in book.parts:
        ns = _imports(part.path)
        for expr in _input_reads(part.path):
            fn = eval(expr, ns)  # noqa: S307 - a name from the notebook's own imports
            if not _harvested(fn):
                wanted[f"{part.id}: {expr}"] = fn.__code__
    assert any("registry" in k for k in wanted) and sum("load_inputs" in k for k in wanted) >= 5
    ran = set()

    def profile(frame, event, arg):
        if event == "call":
            ran.add(frame.f_code)

    sys.setprofile(profile)
    try:
        check(find_edition(), book)
    finally:
        sys.setprofile(None)
    assert [k for k, code in wanted.items() if code not in ran] == []


def test_check_refuses_a_data_file_without_a_provenance_row(tmp_path, monkeypatch):
    """A new extract dropped in data/raw/kvoter/ without its provenance row fails `check` (as it
    fails Datagrundlag in a render), naming the folder's registry, the rule and the file."""
    mirror = tmp_path / "snapshot"
    shutil.copytree(ROOT / "data" / "raw", mirror / "data" / "raw")
    (mirror / "data" / "raw" / "kvoter" / "roster_2025q2.csv").write_text("unit_id\n1\n", encoding="utf-8")
    monkeypatch.setenv("BOOK_SNAPSHOT", str(mirror))  # data/raw as this checkout would hold it
    with pytest.raises(InputCheckError) as err:
        check(find_edition())
    assert err.value.file == "data/raw/kvoter/provenance.csv"
    assert (None, "file", "file in data/raw has no provenance row", "roster_2025q2.csv") in err.value.failures


def test_check_refuses_an_input_over_the_size_limit(monkeypatch):
    monkeypatch.setattr(plan, "MAX_INPUT_BYTES", 100)
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 100)
    with pytest.raises(InputCheckError, match=r"named by parameter '\w+_file' is [\d.]+ bytes; the limit for "
                                              r"one input file is 100 bytes \(book/limits.py MAX_INPUT_BYTES\)"):
        check(find_edition())


def _edition(tmp_path, data: bytes):
    path = tmp_path / "e.yml"
    path.write_bytes(data)
    return path


def test_an_edition_file_that_is_not_utf8_says_so_and_where(tmp_path):
    path = _edition(tmp_path, b"edition: e\ntitle: Udgave\ndate: 2025-03-31\nsubtitle: For\xe6ldre\n")
    with pytest.raises(EditionError, match=r"e.yml: is not UTF-8 text: line 4, character 14 \(byte 56\) "
                                           r"holds the byte 0xe6; save the file as UTF-8"):
        load_edition(path)


def test_a_text_over_the_limit_is_refused_naming_the_limit(tmp_path):
    long = "x" * (limits.MAX_TEXT_CHARS + 1)
    with pytest.raises(EditionError, match=r"'subtitle' is 2\.001 characters long; the limit for a text is "
                                           r"2\.000 characters"):
        load_edition(_edition(tmp_path, f"edition: e\ntitle: T\ndate: 2025-03-31\nsubtitle: {long}\n".encode()))
    with pytest.raises(EditionError, match=r"'kvoter.labels\[2\]' is 2\.001 characters"):
        load_edition(_edition(tmp_path, f"edition: e\ntitle: T\ndate: 2025-03-31\nkvoter:\n  labels: [a, {long}]\n"
                              .encode()))


def test_an_edition_file_over_the_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    from book import editions

    monkeypatch.setattr(editions, "MAX_EDITION_BYTES", 50)
    path = _edition(tmp_path, b"edition: e\ntitle: T\ndate: 2025-03-31\nsubtitle: " + b"x" * 100 + b"\n")
    with pytest.raises(EditionError, match=r"is 148 bytes; the limit for an edition file is 50 bytes"):
        load_edition(path)
