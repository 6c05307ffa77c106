"""`render new-chapter <id>`: a new chapter in one command, in a copy of the project: its
package, notebook, data, edition section, place in the book and Bilag A label, and tests that
pass; the chapter's notebook executes; bad and taken ids are refused and nothing is written."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import nbformat
import pytest

from book.newchapter import NewChapterError, new_chapter
from book.paths import ROOT

COPIED = ("analysis", "report", "book", "notebooks", "params", "data/raw", "_quarto.yml", "pyproject.toml",
          ".gitignore", "README.md", "tests/conftest.py", "tests/test_codebase.py", "tests/test_quarto_config.py",
          "tests/test_readme.py")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    for name in COPIED:
        src, dst = ROOT / name, root / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(src, dst)
    return root


def _run(root, *args):
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True)


# (the id is not CONTRIBUTING's example, legetoej: the suite still passes after a reader added that chapter)


def test_a_new_chapter_is_checked_tested_and_executed_with_nothing_else_edited(project):
    written = new_chapter("proevekapitel", "Prøvekapitel", root=project)
    names = {p.relative_to(project).as_posix() for p in written}
    assert {"analysis/chapters/proevekapitel/model.py", "notebooks/proevekapitel.ipynb",
            "data/raw/proevekapitel/values.csv", "tests/chapters/proevekapitel/test_proevekapitel.py",
            "params/2025-Q1.yml", "_quarto.yml"} <= names
    labels = _run(project, "-c", "from analysis.appendices.parameters import label; "
                                 "print(label('proevekapitel', 'values_file'))")
    assert labels.stdout.strip() == "Datafil: tallene pr. kategori", labels.stderr
    check = _run(project, "-m", "book", "check")
    assert check.returncode == 0 and "are valid" in check.stdout, check.stderr
    tests = _run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/chapters/proevekapitel",
                 "tests/test_codebase.py", "tests/test_quarto_config.py", "tests/test_readme.py")
    assert tests.returncode == 0, tests.stdout[-3000:]
    run = _run(project, "-c", "import papermill as pm; pm.execute_notebook('notebooks/proevekapitel.ipynb', "
                              "'executed.ipynb', progress_bar=False, cwd='.')")
    assert run.returncode == 0, run.stderr[-3000:]
    executed = (project / "executed.ipynb").read_text(encoding="utf-8")
    assert "Den største kategori er Eksempel B" in executed
    assert '"item": "I alt"' in executed and '"status": "match"' in executed  # the printed figure, checked
    assert "Tallene gælder i skabelonen" in executed and '"as_of": "2025-03-31"' in executed  # its date line


def test_printed_figures_are_data_with_provenance_and_the_chapter_joins_the_series(project):
    raw = project / "data" / "raw" / "proevekapitel"
    assert (raw / "printed.csv").read_text(encoding="utf-8").startswith("item,computation,printed,decimals,unit\n")
    assert {line.split(",")[0] for line in (raw / "provenance.csv").read_text(encoding="utf-8").splitlines()[1:]} \
        == {"values.csv", "printed.csv", "period.csv"}
    reconcile = project / "analysis" / "chapters" / "proevekapitel" / "reconcile.py"
    assert "PRINTED" not in reconcile.read_text(encoding="utf-8")
    nb = nbformat.read(project / "notebooks" / "proevekapitel.ipynb", as_version=4)
    tags = {t for cell in nb.cells for t in cell.metadata.get("tags", [])}
    assert {"since-last", "series"} <= tags
    assert 'report.since_last("proevekapitel")' in "".join(c.source for c in nb.cells)


@pytest.mark.parametrize("bad", ["Toy", "1toy", "class", "x", "kvoter"])
def test_a_bad_or_taken_id_is_refused_and_nothing_is_written(project, bad):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    with pytest.raises(NewChapterError):
        new_chapter(bad, root=project)
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_the_open_data_of_a_new_chapter_is_described_by_its_own_words(project):
    """datapackage.json describes a new chapter's table by the chapter's `views.OPEN_DATA` and its
    columns the glossary lacks by the chapter's schemas (no edit of the book's glossary)."""
    code = ("import json; from book.chapters import column_words, open_data_words; "
            "print(json.dumps([open_data_words('proevekapitel_shares.csv', 'proevekapitel'), "
            "column_words('proevekapitel', 'category'), column_words('proevekapitel', 'nowhere')], "
            "ensure_ascii=False))")
    out = _run(project, "-c", code)
    table, column, unknown = json.loads(out.stdout or "null") or (None, None, None)
    assert table and table[0] == "Prøvekapitel: tallene pr. kategori" and table[1], out.stderr
    assert column == {"title": "Kategori", "description": "Kategorien, som kilden skriver den"} and unknown is None
