"""The shape of the codebase that lets others carry it on (issue 11): short modules and
functions, thin notebooks, one-way imports, docstrings on public functions."""
from __future__ import annotations

import ast

import nbformat
import pytest

from book.paths import ROOT

PACKAGES = ("analysis", "book", "report")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MAX_CELL_LINES = 12


def _modules():
    for pkg in PACKAGES:
        yield from sorted((ROOT / pkg).rglob("*.py"))


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


@pytest.mark.parametrize("path", list(_modules()), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_module_and_function_length(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{node.name} has {length} lines"


@pytest.mark.parametrize("path", list(_modules()), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_public_functions_have_docstrings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            assert ast.get_docstring(node), f"{node.name} has no docstring"
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                    assert ast.get_docstring(item) or item.decorator_list, f"{node.name}.{item.name}"


def test_the_build_imports_the_domain_in_one_module():
    importers = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "book").rglob("*.py")
                       if any(m == "analysis" or m.startswith("analysis.") for m in _imports(p)))
    assert importers == ["book/chapters.py"]


def test_the_domain_knows_no_notebooks_and_no_build():
    for p in (ROOT / "analysis").rglob("*.py"):
        for m in _imports(p):
            assert not m.startswith(("IPython", "book", "report.show", "nbformat", "papermill")), (p, m)


def test_the_recording_side_imports_nothing_of_the_domain():
    """`report` is below `analysis` (the domain imports its protocol and record types); no
    module of `report` imports `analysis`, lazily inside a function neither."""
    importers = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "report").rglob("*.py")
                       if any(m == "analysis" or m.startswith("analysis.") for m in _imports(p)))
    assert importers == []


def test_only_the_recording_module_imports_ipython():
    importers = [p.relative_to(ROOT).as_posix() for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")
                 if any(m.startswith("IPython") for m in _imports(p))]
    assert importers == [] or importers == ["report/show.py"]
    assert "IPython" in (ROOT / "report" / "show.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_are_thin(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        assert len(cell.source.splitlines()) <= MAX_CELL_LINES, f"cell {i} of {path.name}"
        assert not cell.get("outputs") and cell.get("execution_count") is None, f"cell {i} has outputs"


def test_no_module_of_the_domain_imports_itself_round_a_circle():
    """Imports between the modules of `analysis` go one way (a lazy import inside a function
    counts too); a package's __init__ re-exporting its modules is not a circle."""
    from book.imports import _module_name, imported_modules, module_file

    graph = {}
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        if path.name == "__init__.py":
            continue
        name, _ = _module_name(path, ROOT)
        found = imported_modules(ast.parse(path.read_text(encoding="utf-8")), name, False)
        graph[name] = {m for m in found if (f := module_file(m)) and f.name != "__init__.py" and m != name}

    def reaches(start, goal, seen):
        for n in graph.get(start, ()):
            if n == goal or (n not in seen and (seen.add(n) or reaches(n, goal, seen))):
                return True
        return False

    assert [m for m in graph if reaches(m, m, set())] == []
