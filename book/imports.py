"""The project source a notebook runs: the modules of the project's packages (`analysis`,
`report`) that its code cells import, followed through their own imports (absolute and
relative, at module level or inside functions). A chapter's notebook thus depends on its own
package, the core modules that package imports and the report protocol, not on other chapters.

A package's `__init__.py` counts when something is imported from the package itself
(`from analysis.chapters.kvoter import load_inputs`), not when the import only passes through
it on the way to a submodule (`from analysis.chapters.kvoter import model` does not count
`analysis/chapters/__init__.py`, the chapter registry): parent packages hold documentation
and registries the notebooks do not use, and adding a chapter must not re-run the others.
"""
from __future__ import annotations

import ast
import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .nbread import derived
from .paths import ROOT

PACKAGES = ("analysis", "report")


def module_file(module: str, root: Path = ROOT) -> Path | None:
    """The source file of a project module (`analysis.core.fmt` → analysis/core/fmt.py, a
    package → its __init__.py); None for a module outside the project's packages."""
    names = module.split(".")
    if names[0] not in PACKAGES:
        return None
    base = os.path.join(root, *names)  # os.path: a build asks this some thousand times
    for candidate in (base + ".py", os.path.join(base, "__init__.py")):
        if os.path.isfile(candidate):
            return Path(candidate)
    return None


def _module_name(path: Path, root: Path) -> tuple[str, bool]:
    """The dotted name of a project source file and whether it is a package's __init__."""
    parts = path.relative_to(root).with_suffix("").parts
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def imported_modules(tree: ast.AST, current: str | None = None, is_package: bool = False) -> set[str]:
    """Dotted names of the modules an AST imports: `import a.b` → a.b; `from a import b` → a
    and a.b (b may be a submodule); relative imports resolved against `current`."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                if current is None:
                    continue
                anchor = current.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def source_files(modules: Iterable[str], root: Path = ROOT) -> list[Path]:
    """The project source files of `modules` and of every project module they import, sorted."""
    seen: dict[Path, None] = {}
    asked: set[str] = set()
    todo = list(modules)
    while todo:
        module = todo.pop()
        if module in asked:  # many modules import the same ones: look each up once
            continue
        asked.add(module)
        path = module_file(module, root)
        if path is None or path in seen:
            continue
        seen[path] = None
        stat = path.stat()
        todo.extend(_file_imports(path, root, stat.st_mtime_ns, stat.st_size))
    return sorted(seen)


@lru_cache(maxsize=4096)
def _file_imports(path: Path, root: Path, mtime_ns: int, size: int) -> frozenset[str]:
    """The modules one source file imports, parsed once per version of the file (a build asks
    for every notebook, and the chapters share their core modules)."""
    name, is_package = _module_name(path, root)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return frozenset(imported_modules(tree, name, is_package))


def notebook_modules(notebook: Path) -> set[str]:
    """The modules a notebook's code cells import (cells that are not valid Python, e.g. with
    IPython magics, are read line by line as far as they parse)."""
    return set(derived("modules", notebook, _modules))


def _modules(nb) -> frozenset[str]:
    found: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            found |= imported_modules(ast.parse(cell.source))
        except SyntaxError:
            for line in cell.source.splitlines():
                try:
                    found |= imported_modules(ast.parse(line.strip()))
                except SyntaxError:
                    continue
    return frozenset(found)


def notebook_sources(notebook: Path, root: Path = ROOT) -> list[Path]:
    """The project source files a notebook runs (see the module docstring)."""
    return source_files(notebook_modules(notebook), root)
