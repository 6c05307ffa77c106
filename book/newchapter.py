"""`render new-chapter <id>`: a new chapter in one command. Writes the chapter's package
(`analysis/chapters/<id>/`: schemas, inputs, model, reconcile, results, views), its notebook
(with the date line and the series sections every chapter has), data files to replace with the
transcribed table, the figures the source prints and the date they refer to (with their
provenance rows), the chapter's section in the newest edition file, its place in `_quarto.yml`
(the one list of the book's parts, in order), the Danish labels of its parameters in Bilag A, its
rows in the README's input-columns table and tests that pass. The chapter registry finds the new
package by itself. Nothing existing is overwritten."""
from __future__ import annotations

import csv
import io
import keyword
import os
import re
import subprocess
import sys
from pathlib import Path
from string import Template

import nbformat

from .editions import find_edition
from .errors import BuildError
from .paths import ROOT, display

TEMPLATES = Path(__file__).parent / "templates" / "chapter"
MODULES = ("__init__", "schemas", "inputs", "model", "reconcile", "results", "views")
ID = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
DATA_HEADER = "category,value\n"
PRINTED_HEADER = "item,computation,printed,decimals,unit\n"
PERIOD_HEADER = "as_of,printed\n"
PERIOD_PLACEHOLDER = "i skabelonen (erstat med kildens periode, fx »for 2024«, og datoen)"
PROVENANCE_HEADER = "file,document,section,table,page,notes\n"


class NewChapterError(BuildError):
    """A new chapter cannot be written (a bad id, or the chapter exists)."""

    stage = "new-chapter"


def _cells(chapter_id: str, title: str) -> list:
    """The notebook's cells: title, parameters, load, period and key messages, »Siden sidste udgave«, table
    and figure, checks, »Udviklingen over udgaverne«, key figures and open data (each tagged for
    what it does; the build composes the two series sections from the previous editions)."""
    code = nbformat.v4.new_code_cell
    cells = [
        nbformat.v4.new_markdown_cell(f"# {title}"),
        code(f'values_file = "data/raw/{chapter_id}/values.csv"\n'
             f'printed_file = "data/raw/{chapter_id}/printed.csv"\n'
             f'period_file = "data/raw/{chapter_id}/period.csv"\n'
             "# The edition's column map: input file → {the extract's header: declared column} (set by the build).\n"
             "book_column_map = {}", metadata={"tags": ["parameters"]}),
        code(f"from analysis.chapters.{chapter_id} import load_inputs, reconcile, results, views\n"
             "from analysis.core.parameters import collected\nfrom report import show as report\n\n"
             "inputs = load_inputs(collected(globals()))",
             metadata={"tags": ["setup"]}),
        code("report.period(views.period(inputs))\nreport.key_messages(results.key_messages(inputs))",
             metadata={"tags": ["key-messages"]}),
        code(f'report.since_last("{chapter_id}")', metadata={"tags": ["since-last"]}),
        nbformat.v4.new_markdown_cell("## Tallene"),
        code("report.table(**views.table(inputs))\nreport.figure(**views.figure(inputs))"),
        code(f'checks = reconcile.checks(inputs)\nreport.checks(checks)\nreport.check_line(checks, "{chapter_id}")',
             metadata={"tags": ["checks"]}),
        code(f'report.development("{chapter_id}", results.series_spec())', metadata={"tags": ["series"]}),
        code("report.key_figures(results.described(inputs))\n"
             "for name, table in views.open_data(inputs):\n    report.data(name, table)",
             metadata={"tags": ["results"]}),
    ]
    for i, cell in enumerate(cells):
        cell["id"] = f"{chapter_id}-{i}"
    return cells


def notebook(chapter_id: str, title: str) -> nbformat.NotebookNode:
    """The chapter's notebook, without outputs."""
    nb = nbformat.v4.new_notebook(cells=_cells(chapter_id, title))
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    return nb


def _csv_row(fields: list[str]) -> str:
    """One CSV line (a field with a comma or a quote is quoted)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(fields)
    return out.getvalue()


def _check_id(chapter_id: str, root: Path) -> None:
    if not ID.match(chapter_id) or keyword.iskeyword(chapter_id):
        raise NewChapterError(f"'{chapter_id}' cannot be a chapter id: use 2-31 lower-case letters, digits "
                              "and _, starting with a letter (it names a Python package and a notebook)")
    taken = [p for p in (root / "analysis" / "chapters" / chapter_id, root / "notebooks" / f"{chapter_id}.ipynb",
                         root / "data" / "raw" / chapter_id) if p.exists()]
    if taken:
        raise NewChapterError(f"chapter '{chapter_id}' exists already ({display(taken[0])}); nothing was written")


def _add_to_book(config: Path, chapter_id: str) -> None:
    """List the notebook as the last chapter in `_quarto.yml` (text edit: comments are kept)."""
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "chapters:")
    end = start + 1
    while end < len(lines) and lines[end].lstrip().startswith("- "):
        end += 1
    indent = lines[end - 1][: len(lines[end - 1]) - len(lines[end - 1].lstrip())]
    lines.insert(end, f"{indent}- notebooks/{chapter_id}.ipynb\n")
    config.write_text("".join(lines), encoding="utf-8")


LABELS_START = "LABELS: dict[str, dict[str, str]] = {\n"


def _add_labels(module: Path, chapter_id: str) -> None:
    """The Danish label of the chapter's parameter in Bilag A (analysis/appendices/parameters.py)."""
    text = module.read_text(encoding="utf-8")
    if LABELS_START not in text:
        raise NewChapterError(f"{display(module)} has no LABELS table to add the chapter's parameters to")
    entry = (f'    "{chapter_id}": {{\n        "values_file": "Datafil: tallene pr. kategori",\n'
             '        "printed_file": "Datafil: kildens trykte tal",\n'
             '        "period_file": "Datafil: perioden, tallene gælder for",\n    },\n')
    module.write_text(text.replace(LABELS_START, LABELS_START + entry, 1), encoding="utf-8")


def new_chapter(chapter_id: str, title: str | None = None, root: Path = ROOT) -> list[Path]:
    """Write a new chapter (see the module docstring); returns the files written or changed."""
    _check_id(chapter_id, root)
    title = title or chapter_id.replace("_", " ").capitalize()
    edition = find_edition(folder=root / "params")
    values = {"id": chapter_id, "title": title.replace('"', "'")}
    written: list[Path] = []

    def write(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    for module in MODULES:
        text = Template((TEMPLATES / f"{module}.py.tmpl").read_text(encoding="utf-8")).substitute(values)
        write(root / "analysis" / "chapters" / chapter_id / f"{module}.py", text)
    nbformat.write(notebook(chapter_id, title), root / "notebooks" / f"{chapter_id}.ipynb")
    written.append(root / "notebooks" / f"{chapter_id}.ipynb")
    raw = root / "data" / "raw" / chapter_id
    write(raw / "values.csv", DATA_HEADER + "Eksempel A,1\nEksempel B,3\n")
    write(raw / "printed.csv", PRINTED_HEADER + "I alt,total,4,0,antal\n")
    write(raw / "period.csv", PERIOD_HEADER + _csv_row([edition.date.isoformat(), PERIOD_PLACEHOLDER]))
    write(raw / "provenance.csv", PROVENANCE_HEADER + "".join(_csv_row(
        [name, title, "", "", "", f"Skabelon fra render new-chapter: erstat med {what} transskriberet fra kilden"])
        for name, what in (("values.csv", "tabellen"), ("printed.csv", "de tal, kilden trykker,"),
                           ("period.csv", "den dato eller periode, tallene gælder for,"))))
    tests = root / "tests" / "chapters" / chapter_id
    write(tests / "__init__.py", "")
    write(tests / f"test_{chapter_id}.py",
          Template((TEMPLATES / "test_chapter.py.tmpl").read_text(encoding="utf-8")).substitute(values))
    with open(edition.path, "a", encoding="utf-8") as fh:
        fh.write(f"\n{chapter_id}:\n  values_file: data/raw/{chapter_id}/values.csv\n"
                 f"  printed_file: data/raw/{chapter_id}/printed.csv\n"
                 f"  period_file: data/raw/{chapter_id}/period.csv\n")
    _add_to_book(root / "_quarto.yml", chapter_id)
    labels = root / "analysis" / "appendices" / "parameters.py"
    _add_labels(labels, chapter_id)
    changed = [edition.path, root / "_quarto.yml", labels]
    if (root / "README.md").is_file():  # its input-columns table, in a fresh interpreter that sees the new package
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
        subprocess.run([sys.executable, "-m", "book.readme"], cwd=root, env=env, capture_output=True, check=False)
        changed.append(root / "README.md")
    return written + changed


def describe(chapter_id: str, files: list[Path], root: Path = ROOT) -> str:
    """What was written and what to do next."""
    shown = "\n".join(f"  {p.relative_to(root).as_posix()}" for p in files)
    return (f"Chapter '{chapter_id}' written:\n{shown}\n"
            f"Next: put the transcribed table in data/raw/{chapter_id}/values.csv, the figures the source "
            "prints in printed.csv and the date they refer to in period.csv (their source in provenance.csv), "
            "then edit schemas.py, model.py (LABEL, VALUE) and views.py; `render check`, `python -m book.readme`, "
            f"`python -m pytest tests/chapters/{chapter_id}`, `render`. See CONTRIBUTING.md.\n")
