"""The Quarto renderer (analysts' machines, `quarto` on PATH): a staging Quarto book project of
the already executed notebooks, rendered with execution disabled.

Typst output for book projects exists from Quarto 1.9; with an older Quarto the HTML book comes
from Quarto and the PDF from the embedded Typst path (the result says so)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import yaml

from report.protocol import CHECK_MIME, DATA_MIME, MESSAGES_MIME, RESULT_MIME

from ..errors import RenderError
from ..paths import ROOT
from . import RenderJob, RenderOutput

RECORD_MIMES = {RESULT_MIME, CHECK_MIME, DATA_MIME, MESSAGES_MIME}
TYPST_BOOKS_FROM = (1, 9)


def quarto_version() -> tuple[int, ...]:
    out = subprocess.run(["quarto", "--version"], capture_output=True, text=True).stdout.strip()
    return tuple(int(x) for x in re.findall(r"\d+", out)[:3]) or (0,)


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def quarto_notebook(executed: Path) -> nbformat.NotebookNode:
    """The executed notebook as Quarto should see it: one cell per shown output, recorded
    results removed, figures carrying `fig-cap` and `fig-alt` cell options, no code."""
    nb = nbformat.read(executed, as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            cells.append(cell)
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") not in ("display_data", "execute_result"):
                continue
            data = out.get("data", {})
            if RECORD_MIMES & set(data):
                continue
            options = ["#| echo: false"]
            meta = out.get("metadata", {}).get("image/svg+xml") or out.get("metadata", {}).get("image/png") or {}
            if "caption" in meta:
                options += [f"#| fig-cap: {_yaml_str(meta['caption'])}", f"#| fig-alt: {_yaml_str(meta.get('alt', ''))}"]
            elif "text/markdown" in data:
                options.append("#| output: asis")
            new = nbformat.v4.new_code_cell("\n".join(options))
            new.outputs = [out]
            cells.append(new)
    for i, c in enumerate(cells):
        c["id"] = f"c{i:03d}"
    nb.cells = cells
    return nb


def project_config(job: RenderJob, files: list[tuple[str, str]], typst: bool) -> dict:
    """The staging project's `_quarto.yml`: the repository's, with the staged notebooks."""
    base = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    chapters = [f for f, role in files if role in ("front", "chapter")]
    appendices = [f for f, role in files if role == "appendix"]
    book = dict(base.get("book", {}))
    book.update({"title": job.edition.title or book.get("title", ""), "subtitle": job.edition.subtitle,
                 "date": job.edition.date.isoformat(), "chapters": chapters, "appendices": appendices})
    fmt = {"html": dict(base.get("format", {}).get("html", {}), css="book.css")}
    if typst:
        fmt["typst"] = base.get("format", {}).get("typst", {})
    return {"project": {"type": "book", "output-dir": "_book"}, "lang": base.get("lang", "da"),
            "book": book, "execute": {"enabled": False, "echo": False}, "format": fmt}


def stage_project(job: RenderJob, typst: bool) -> Path:
    project = job.workdir / "quarto"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    files = []
    for part, executed in job.notebooks:
        name = "index.ipynb" if part.role == "front" else f"{part.id}.ipynb"
        nbformat.write(quarto_notebook(executed), project / name)
        files.append((name, part.role))
    (project / "_quarto.yml").write_text(
        yaml.safe_dump(project_config(job, files, typst), allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copyfile(Path(__file__).resolve().parent.parent / "templates" / "book.css", project / "book.css")
    return project


def commands(project: Path, typst: bool) -> list[list[str]]:
    cmds = [["quarto", "render", str(project), "--to", "html", "--no-execute"]]
    if typst:
        cmds.append(["quarto", "render", str(project), "--to", "typst", "--no-execute"])
    return cmds


class QuartoRenderer:
    name = "quarto"

    def render(self, job: RenderJob) -> RenderOutput:
        typst = quarto_version() >= TYPST_BOOKS_FROM
        project = stage_project(job, typst)
        env_note = ""
        for cmd in commands(project, typst):
            proc = subprocess.run(cmd, cwd=project, capture_output=True, text=True,
                                  env={**os.environ, "SOURCE_DATE_EPOCH": str(job.edition.epoch)})
            if proc.returncode != 0:
                raise RenderError("quarto", " ".join(cmd[1:4]), proc.stderr[-3000:])
        out = project / "_book"
        job.out_dir.mkdir(parents=True, exist_ok=True)
        shutil.copytree(out, job.out_dir, dirs_exist_ok=True)
        pdfs = sorted(job.out_dir.glob("*.pdf"))
        target = job.out_dir / job.pdf_name
        if typst and pdfs:
            pdfs[0].rename(target)
        else:
            from .pandoc import PandocRenderer

            embedded = PandocRenderer().render(
                RenderJob(job.book, job.edition, job.notebooks, job.workdir / "embedded", job.workdir / "embedded-out"))
            shutil.copyfile(embedded.pdf, target)
            env_note = "Quarto older than 1.9 renders no Typst book: the PDF comes from the embedded Typst renderer."
        return RenderOutput(job.out_dir / "index.html", target, self.name, env_note)
