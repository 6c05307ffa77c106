"""The Quarto renderer (analysts' machines, `quarto` on PATH): a staging Quarto book project of
the already executed notebooks, rendered with execution disabled, in one `quarto render` that
writes the HTML book and (Quarto >= 1.9) the Typst PDF.

The staging project gives Quarto what the embedded renderer gives pandoc: no code, recorded
results removed, the front chapter unnumbered, figures and tables with cross-reference ids
(`fig-<part>-<n>`, `tbl-<part>-<n>`) so both formats number their captions, Danish labels, the
key-message and notice boxes styled in HTML (`quarto.css`) and Typst (`quarto.lua`), the PDF
linked from every HTML page, and the PDF compiled with Typst's PDF/UA-1 check on.

Typst output for book projects exists from Quarto 1.9; with Quarto 1.7-1.8 the HTML book comes
from Quarto and the PDF from the embedded Typst path (stdout and the manifest say so). Older
Quarto is refused with the version found and the version needed."""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import yaml
from babel.dates import format_date

from report.protocol import RECORD_MIMES

from ..errors import RenderError
from ..paths import ROOT
from . import RenderJob, RenderOutput

HTML_BOOKS_FROM = (1, 7)   # oldest Quarto whose HTML book this renderer is tested with (1.7.34)
TYPST_BOOKS_FROM = (1, 9)  # Typst output for book projects
PDF_STANDARDS = ["ua-1", "a-2a"]  # Typst's PDF/UA-1 and PDF/A-2a checks, as in the embedded renderer
HERE = Path(__file__).resolve().parent.parent
STAGED_FILES = {"quarto.css": HERE / "templates" / "quarto.css", "quarto.lua": HERE / "filters" / "quarto.lua",
                "typst-show.typ": HERE / "templates" / "quarto-typst-show.typ",
                "page.typ": HERE / "templates" / "quarto-page.typ"}
PDF_LINK_TEXT = "Hent bogen som PDF"


def _version_text(version: tuple[int, ...]) -> str:
    return ".".join(str(x) for x in version)


def _standards(names: list[str]) -> str:
    """["ua-1", "a-2a"] -> "PDF/UA-1 and PDF/A-2a"."""
    return " and ".join(f"PDF/{n.split('-', 1)[0].upper()}-{n.split('-', 1)[1]}" for n in names)


def quarto_version() -> tuple[int, ...]:
    """The version of the `quarto` on PATH, e.g. (1, 10, 18)."""
    try:
        out = subprocess.run(["quarto", "--version"], capture_output=True, text=True, timeout=120).stdout.strip()
    except (OSError, subprocess.SubprocessError) as exc:
        raise RenderError("quarto", "asking `quarto --version`", str(exc)) from None
    return tuple(int(x) for x in re.findall(r"\d+", out)[:3]) or (0,)


def check_version(version: tuple[int, ...]) -> bool:
    """True when this Quarto renders the Typst PDF itself; an HTML-only Quarto (1.7-1.8) gives
    False; an older one is a render error naming the version found and the version needed."""
    if version < HTML_BOOKS_FROM:
        raise RenderError(
            "quarto", "checking the Quarto version",
            f"found Quarto {_version_text(version)}, but the quarto renderer needs Quarto "
            f"{_version_text(HTML_BOOKS_FROM)} or newer ({_version_text(TYPST_BOOKS_FROM)} or newer for the PDF); "
            "install a newer Quarto (environment.yml pins one) or use --engine pandoc")
    return version >= TYPST_BOOKS_FROM


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


_HEADING = re.compile(r"^(#{1,6} +)(.+?)(\s*\{[^}\n]*\})?[ \t]*$", re.M)
# A pipe table's caption line (": caption"), right after the table, without an id yet.
_TABLE_CAPTION = re.compile(r"(^\|[^\n]*\|[ \t]*\n)(\n?)(^: +)([^\n]*?)[ \t]*(\{#[^}]*\})?[ \t]*$", re.M)


def mark_headings(source: str, role: str, seen: list[bool]) -> str:
    """Headings as the embedded renderer numbers them: every heading of the front chapter and
    every heading but the title of an appendix `{.unnumbered}` (Quarto letters the appendix
    titles itself). `seen[0]` tells whether the part's title heading has passed."""
    def mark(m: re.Match) -> str:
        title = not seen[0] and len(m.group(1).strip()) == 1
        seen[0] = True
        if role == "chapter" or (role == "appendix" and title):
            return m.group(0)
        attrs = (m.group(3) or "").strip()
        if ".unnumbered" in attrs:
            return m.group(0)
        inner = attrs[1:-1].strip() if attrs else ""
        return f"{m.group(1)}{m.group(2)} {{.unnumbered{(' ' + inner) if inner else ''}}}"
    return _HEADING.sub(mark, source)


def label_tables(markdown: str, part_id: str, counter: list[int]) -> str:
    """Give every captioned pipe table a Quarto cross-reference id `tbl-<part>-<n>`."""
    def add(m: re.Match) -> str:
        if m.group(5):
            return m.group(0)
        counter[0] += 1
        return f"{m.group(1)}{m.group(2)}{m.group(3)}{m.group(4)} {{#tbl-{part_id}-{counter[0]}}}"
    return _TABLE_CAPTION.sub(add, markdown)


def quarto_notebook(executed: Path, part_id: str = "", role: str = "chapter") -> nbformat.NotebookNode:
    """The executed notebook as Quarto should see it: one cell per shown output, recorded
    results removed, no code; figures carry `label: fig-<part>-<n>`, `fig-cap` and `fig-alt`,
    captioned tables an id `tbl-<part>-<n>`; headings numbered as in the embedded book."""
    nb = nbformat.read(executed, as_version=4)
    part_id = part_id or executed.stem
    figures, tables, seen = [0], [0], [False]
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            if cell.cell_type == "markdown":
                cell.source = mark_headings(cell.source, role, seen)
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
                figures[0] += 1
                options += [f"#| label: fig-{part_id}-{figures[0]}",
                            f"#| fig-cap: {_yaml_str(meta['caption'])}",
                            f"#| fig-alt: {_yaml_str(meta.get('alt') or meta['caption'])}"]
            elif "text/markdown" in data:
                options.append("#| output: asis")
                text = data["text/markdown"]
                text = "".join(text) if isinstance(text, list) else text
                text = mark_headings(text, role, seen)
                text = label_tables(text, part_id, tables)
                out = nbformat.from_dict({**out, "data": {**data, "text/markdown": text}})
            new = nbformat.v4.new_code_cell("\n".join(options))
            new.outputs = [out]
            cells.append(new)
    for i, c in enumerate(cells):
        c["id"] = f"c{i:03d}"
    nb.cells = cells
    return nb


def _attr(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def front_markdown(executed: Path, part_id: str, media: Path) -> str:
    """The front chapter as Markdown (`index.md`): Quarto numbers an `.ipynb` chapter even when
    its title heading says `{.unnumbered}` (quarto-cli issue 8526), a `.md` one it does not.
    The same content as `quarto_notebook`; figures are written to `media` with their ids."""
    nb = quarto_notebook(executed, part_id, "front")
    blocks = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            blocks.append(cell.source)
            continue
        label = re.search(r"^#\| label: (\S+)$", cell.source, re.M)
        for out in cell.outputs:
            data = out.get("data", {})
            if label and ("image/svg+xml" in data or "image/png" in data):
                meta = out.get("metadata", {}).get("image/svg+xml") or out.get("metadata", {}).get("image/png") or {}
                media.mkdir(parents=True, exist_ok=True)
                if "image/svg+xml" in data:
                    svg = data["image/svg+xml"]
                    path = media / f"{label.group(1)}.svg"
                    path.write_text("".join(svg) if isinstance(svg, list) else svg, encoding="utf-8")
                else:
                    path = media / f"{label.group(1)}.png"
                    path.write_bytes(base64.b64decode(data["image/png"]))
                caption = meta.get("caption", "").replace("[", "\\[").replace("]", "\\]")
                blocks.append(f"![{caption}]({media.name}/{path.name}){{#{label.group(1)} "
                              f"fig-alt={_attr(meta.get('alt') or meta.get('caption', ''))}}}")
            elif "text/markdown" in data:
                text = data["text/markdown"]
                blocks.append("".join(text) if isinstance(text, list) else text)
    return "\n\n".join(b.strip("\n") for b in blocks if b.strip()) + "\n"


def staged_name(part) -> str:
    """The part's file in the staging project: the front chapter is Quarto's `index.md`."""
    return "index.md" if part.role == "front" else f"{part.id}.ipynb"


def project_config(job: RenderJob, files: list[tuple[str, str]], typst: bool) -> dict:
    """The staging project's `_quarto.yml`: the repository's (structure, Danish labels, formats),
    with the staged notebooks, the edition's title page facts and the PDF's name."""
    base = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    chapters = [f for f, role in files if role in ("front", "chapter")]
    appendices = [f for f, role in files if role == "appendix"]
    e = job.edition
    pdf_stem = Path(job.pdf_name).stem
    book = {k: v for k, v in base.get("book", {}).items() if k not in ("chapters", "appendices")}
    book.update({
        "title": e.title or book.get("title", ""),
        "subtitle": " · ".join(x for x in (e.subtitle, f"Udgave {e.id}") if x),
        "date": e.date.isoformat(),
        "chapters": chapters,
        "appendices": appendices,
        "output-file": pdf_stem,
        "sidebar": {"header": f"[{PDF_LINK_TEXT}]({job.pdf_name}){{.book-pdf-link}}"},
        # on a phone the sidebar is folded away: the footer of every page links the PDF too
        "page-footer": {"center": f"Norddjurs Kommune · Arbejdsmarkedsudvalget · udgave {e.id} · "
                                  f"[{PDF_LINK_TEXT}]({job.pdf_name})"},
    })
    formats = base.get("format", {})
    html = dict(formats.get("html", {}), css="quarto.css")
    fmt = {"html": html}
    if typst:
        fmt["typst"] = dict(formats.get("typst", {}), filters=["quarto.lua"],
                            **{"template-partials": ["typst-show.typ", "page.typ"], "pdf-standard": PDF_STANDARDS})
    title = e.title or book.get("title", "")
    config = {"project": {"type": "book", "output-dir": "_book"}, "lang": base.get("lang", "da"),
              "book": book, "execute": {"enabled": False, "echo": False}, "format": fmt,
              # the title page's facts, as the embedded renderer writes them (quarto-typst-show.typ)
              "amu-title-plain": title.replace('"', "'"), "amu-subtitle": e.subtitle, "amu-edition": e.id,
              "amu-date": format_date(e.date, format="long", locale="da_DK"),
              "amu-year": e.date.year, "amu-month": e.date.month, "amu-day": e.date.day}
    if "crossref" in base:
        config["crossref"] = base["crossref"]
    return config


def stage_project(job: RenderJob, typst: bool) -> Path:
    """Write the staging Quarto project (notebooks, `_quarto.yml`, CSS, filter, Typst partials)."""
    project = job.workdir / "quarto"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    files = []
    for part, executed in job.notebooks:
        name = staged_name(part)
        if part.role == "front":
            text = front_markdown(executed, part.id, project / f"{part.id}_media")
            (project / name).write_text(text, encoding="utf-8")
        else:
            nbformat.write(quarto_notebook(executed, part.id, part.role), project / name)
        files.append((name, part.role))
    (project / "_quarto.yml").write_text(
        yaml.safe_dump(project_config(job, files, typst), allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name, source in STAGED_FILES.items():
        shutil.copyfile(source, project / name)
    return project


def commands(project: Path, typst: bool) -> list[list[str]]:
    """One `quarto render` of the project: every format in its `_quarto.yml` (HTML, and Typst
    when this Quarto renders Typst books). Two renders with `--to` would clear each other's output."""
    return [["quarto", "render", str(project), "--no-execute"]]


def expected_pages(job: RenderJob) -> list[str]:
    """The HTML pages a Quarto book of the job has: `index.html` and one per other part."""
    return ["index.html"] + [f"{p.id}.html" for p, _ in job.notebooks if p.role != "front"]


def run_quarto(cmd: list[str], project: Path, epoch: int) -> None:
    """Run one Quarto command in the project with the edition date as SOURCE_DATE_EPOCH."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    try:
        proc = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env)
    except OSError as exc:
        raise RenderError("quarto", " ".join(cmd[:2]), str(exc)) from None
    if proc.returncode != 0:
        raise RenderError("quarto", f"running `{' '.join(cmd[:2])}` on {project}", (proc.stderr or proc.stdout)[-3000:])


class QuartoRenderer:
    """Renders the book with the `quarto` on PATH. Its version is checked when the renderer is
    chosen, before any notebook runs: older than 1.7 is an error naming both versions."""

    name = "quarto"

    def __init__(self) -> None:
        self.version = quarto_version()
        self.typst = check_version(self.version)

    def render(self, job: RenderJob) -> RenderOutput:
        """Render the job's book with Quarto (and the PDF with the embedded path before 1.9)."""
        project = stage_project(job, self.typst)
        for cmd in commands(project, self.typst):
            run_quarto(cmd, project, job.edition.epoch)
        out = project / "_book"
        missing = [p for p in expected_pages(job) if not (out / p).is_file()]
        missing += [job.pdf_name] if self.typst and not (out / job.pdf_name).is_file() else []
        if missing:
            raise RenderError("quarto", "checking what `quarto render` wrote", f"{out} lacks {', '.join(missing)}")
        job.out_dir.mkdir(parents=True, exist_ok=True)
        shutil.copytree(out, job.out_dir, dirs_exist_ok=True)
        target = job.out_dir / job.pdf_name
        note = self._embedded_pdf(job, target) if not self.typst else (
            f"Quarto {_version_text(self.version)}: HTML book and PDF by Quarto "
            f"(Typst, A4, {_standards(PDF_STANDARDS)} checked).")
        print(f"Renderer: {note}", flush=True)
        return RenderOutput(job.out_dir / "index.html", target, self.name, note)

    def _embedded_pdf(self, job: RenderJob, target: Path) -> str:
        """Quarto 1.7-1.8: the PDF from the embedded Typst path; returns the note saying so."""
        from .pandoc import PDF_STANDARDS as EMBEDDED_STANDARDS
        from .pandoc import PandocRenderer

        embedded = PandocRenderer().render(
            RenderJob(job.book, job.edition, job.notebooks, job.workdir / "embedded", job.workdir / "embedded-out"))
        shutil.copyfile(embedded.pdf, target)
        return (f"Quarto {_version_text(self.version)}: HTML book by Quarto; Quarto older than "
                f"{_version_text(TYPST_BOOKS_FROM)} renders no Typst book, so the PDF comes from the embedded "
                f"Typst renderer (A4, {_standards(EMBEDDED_STANDARDS)} checked).")
