import shutil

import nbformat
import pytest
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


def _source_tree(tmp_path):
    pkg = tmp_path / "analysis"
    pkg.mkdir()
    (pkg / "model.py").write_text("def quota(n):\n    return n // 10\n")
    return pkg


def test_source_hash_sees_a_changed_function_body(tmp_path):
    from book.cache import analysis_source_hash

    pkg = _source_tree(tmp_path)
    before = analysis_source_hash(folders=(pkg,))
    (pkg / "model.py").write_text("def quota(n):\n    return n // 12\n")
    assert analysis_source_hash(folders=(pkg,)) != before


def test_source_hash_covers_the_analysis_and_report_packages():
    from book.cache import SOURCE_DIRS
    from book.paths import ROOT

    assert {p.relative_to(ROOT).as_posix() for p in SOURCE_DIRS} == {"analysis", "report"}


def test_key_changes_with_package_versions(monkeypatch):
    from book import cache

    params = {"factor": 2}
    base = _key(ALPHA, params)
    monkeypatch.setattr(cache, "package_versions", lambda: {"python": "3.11.7", "pandas": "0.0"})
    assert _key(ALPHA, params) != base


def test_key_changes_with_the_provenance_registry_beside_an_input(tmp_path):
    data = tmp_path / "values.csv"
    shutil.copyfile(FIXTURES / "book" / "data" / "values.csv", data)
    registry = tmp_path / "provenance.csv"
    registry.write_text("file,document\nvalues.csv,Testkilde\n")
    params = {"values_file": str(data)}
    base = _key(ALPHA, params)
    registry.write_text("file,document\nvalues.csv,Anden kilde\n")
    assert _key(ALPHA, params) != base


def test_a_cache_that_cannot_be_written_is_a_warning(tmp_path):
    from book.cache import CacheKey, NotebookCache

    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    warnings = []
    cache = NotebookCache(blocker / "executed", warn=warnings.append)
    key = CacheKey("k", {})
    assert cache.put(key, ALPHA) is None and cache.put(key, ALPHA) is None
    assert cache.get(key) is None
    assert len(warnings) == 1 and "cannot be written" in warnings[0] and "continuing without it" in warnings[0]


def test_a_full_disk_is_a_warning(tmp_path, monkeypatch):
    import errno

    from book import cache as cache_module

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache_module.Path, "write_bytes", full)
    warnings = []
    c = cache_module.NotebookCache(tmp_path / "c", warn=warnings.append)
    assert c.put(cache_module.CacheKey("k", {}), ALPHA) is None
    assert "No space left on device" in warnings[0] and not list((tmp_path / "c").glob("*.tmp"))


def _stored(tmp_path):
    from book.cache import CacheKey, NotebookCache

    warnings = []
    cache = NotebookCache(tmp_path / "c", warn=warnings.append)
    key = CacheKey("k" * 64, {})
    cache.put(key, ALPHA)
    return cache, key, warnings


def test_a_sound_entry_is_restored_byte_for_byte(tmp_path):
    cache, key, warnings = _stored(tmp_path)
    assert cache.restore(key, tmp_path / "out.ipynb", "alpha")
    assert (tmp_path / "out.ipynb").read_bytes() == ALPHA.read_bytes() and warnings == []


@pytest.mark.parametrize("damage, problem", [
    (lambda p: p.write_bytes(p.read_bytes().replace(b"factor = 2", b"factor = 4")), "does not match the checksum"),
    (lambda p: p.write_bytes(p.read_bytes()[:100]), "does not match the checksum"),
    (lambda p: p.write_bytes(b""), "is empty"),
    (lambda p: p.with_suffix(".sha256").unlink(), "has no checksum stored with it"),
])
def test_a_damaged_entry_is_discarded_with_a_warning_naming_it(tmp_path, damage, problem):
    cache, key, warnings = _stored(tmp_path)
    damage(cache.path(key))
    assert not cache.restore(key, tmp_path / "out.ipynb", "alpha")
    assert len(warnings) == 1 and problem in warnings[0]
    assert f"{key.value}.ipynb (alpha)" in warnings[0] and "executed again" in warnings[0]
    assert not cache.path(key).exists() and not (tmp_path / "out.ipynb").exists()


def test_an_entry_that_is_not_a_notebook_is_discarded(tmp_path):
    from book.cache import sha256_bytes

    cache, key, warnings = _stored(tmp_path)
    cache.path(key).write_bytes(b'{"cells": ')
    cache.path(key).with_suffix(".sha256").write_text(sha256_bytes(b'{"cells": '))
    assert cache.get(key, "alpha") is None
    assert "cannot be read as a notebook" in warnings[0]


def test_a_build_re_executes_an_edited_cache_entry(fixture_book, build_options, write_edition, capfd):
    import json

    from book.pipeline import build

    build(write_edition("c1"), build_options, fixture_book)
    for entry in build_options.cache_dir.glob("*.ipynb"):
        text = entry.read_text(encoding="utf-8")
        if '"total_times_factor"' in text:
            entry.write_text(text.replace('"value": 12', '"value": 44'), encoding="utf-8")
    capfd.readouterr()
    again = build(write_edition("c2"), build_options, fixture_book)
    err = capfd.readouterr().err
    assert "alpha" in again.executed and "(alpha) does not match the checksum" in err
    assert json.loads((again.folder / "results.json").read_text())["alpha"] == {"total_times_factor": 12}


def _project(tmp_path):
    """A tiny project: two chapters sharing one core module, and a notebook of chapter a."""
    import nbformat

    files = {"analysis/__init__.py": "", "analysis/chapters/__init__.py": "CHAPTERS = ('a', 'b')\n",
             "analysis/chapters/a/__init__.py": "from .model import total\n",
             "analysis/chapters/a/model.py": "from ...core import fmt\n\ndef total(x):\n    return fmt.n(x)\n",
             "analysis/chapters/b/__init__.py": "", "analysis/chapters/b/model.py": "X = 1\n",
             "analysis/core/fmt.py": "def n(x):\n    from report import protocol\n    return str(x)\n",
             "report/__init__.py": "", "report/protocol.py": "MIME = 'x'\n"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    cell = nbformat.v4.new_code_cell("import pandas\nfrom analysis.chapters.a import total")
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), tmp_path / "a.ipynb")
    return tmp_path / "a.ipynb"


def test_a_notebook_depends_on_its_chapter_the_core_it_imports_and_the_protocol(tmp_path):
    from book.imports import notebook_sources

    got = [p.relative_to(tmp_path).as_posix() for p in notebook_sources(_project(tmp_path), tmp_path)]
    # not chapter b, not the chapter registry, not pandas; relative and in-function imports followed
    assert got == ["analysis/chapters/a/__init__.py", "analysis/chapters/a/model.py", "analysis/core/fmt.py",
                   "report/__init__.py", "report/protocol.py"]


def test_each_chapter_notebook_depends_on_no_other_chapter():
    from analysis.chapters import CHAPTERS
    from book.imports import notebook_sources
    from book.paths import ROOT

    for chapter in CHAPTERS:
        files = {p.relative_to(ROOT).as_posix() for p in notebook_sources(ROOT / "notebooks" / f"{chapter}.ipynb")}
        assert f"analysis/chapters/{chapter}/model.py" in files and "report/protocol.py" in files
        assert not [f for f in files if f.startswith("analysis/chapters/") and f"/{chapter}/" not in f], chapter


def test_an_edit_in_one_chapter_leaves_the_others_keys_alone():
    from book.cache import analysis_source_hash
    from book.paths import ROOT

    kvoter, rammer = ROOT / "notebooks" / "kvoter.ipynb", ROOT / "notebooks" / "rammer.ipynb"
    assert analysis_source_hash(kvoter) != analysis_source_hash(rammer)
    assert analysis_source_hash(kvoter) == analysis_source_hash(kvoter)
