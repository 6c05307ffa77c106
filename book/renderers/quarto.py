"""The Quarto renderer (analysts' machines, `quarto` on PATH): a staging Quarto book project of
the already executed notebooks, rendered with execution disabled, in one `quarto render` that
writes the HTML book and (Quarto >= 1.9) the Typst PDF.

The staging project makes Quarto render the embedded renderer's book: each part as Markdown (no
code, recorded results removed, headings numbered as in the embedded book, appendix titles
"Bilag A: ..."), the embedded renderer's filters (notebook.lua, then html.lua or typst.lua) run
first (`at: pre-ast`, after quarto.lua), its stylesheet (book.css) and its Typst template
(book.typ, as a partial of quarto-book.typ). Figures and tables are numbered through the book as
in the embedded renderer: Typst counts them in the one PDF, and each HTML page is told how many
came before it (`book-figures-before`, read by html.lua). The HTML pages Quarto writes are put in
the embedded renderer's page frame (quarto_html.py).

Typst output for book projects exists from Quarto 1.9; with Quarto 1.7-1.8 the HTML book comes
from Quarto and the PDF from the embedded Typst path (stdout and the manifest say so). Older
Quarto is refused with the version found and the version needed."""
from __future__ import annotations

import base64
import hashlib
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
from .pandoc import APPENDIX_CLASS, FONTS, appendix_letter, run_pandoc
from .quarto_html import NO_FLOATS, Floats, count_floats, part_outline, write_framed_html

HTML_BOOKS_FROM = (1, 7)   # oldest Quarto whose HTML book this renderer is tested with (1.7.34)
TYPST_BOOKS_FROM = (1, 9)  # Typst output for book projects
PDF_STANDARDS = ["ua-1", "a-2a"]  # Typst's PDF/UA-1 and PDF/A-2a checks, as in the embedded renderer
MEDIA = "media"  # the figures' folder in the staging project and the book, as the embedded renderer's
HERE = Path(__file__).resolve().parent.parent
# One stylesheet and one Typst template for both renderers: Quarto gets the embedded renderer's
# book.css and book.typ (through quarto-book.typ) and its filters, plus its own quarto.lua.
STAGED_FILES = {"book.css": HERE / "templates" / "book.css",
                "book.typ": HERE / "templates" / "book.typ", "quarto-book.typ": HERE / "templates" / "quarto-book.typ",
                **{name: HERE / "filters" / name
                   for name in ("quarto.lua", "notebook.lua", "html.lua", "typst.lua", "quarto-tables.lua")}}


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


_HEADING = re.compile(r"^(#{1,6} +)(.+?)(\s*\{[^}\n]*\})?[ \t]*$", re.M)


_COMMITTEE_BOX = re.compile(r"^(:::+ *)\{\.to-committee(?=[ }])", re.M)


def mark_headings(source: str, role: str, seen: list[bool], letter: str = "", part_id: str = "",
                  auto_ids=None) -> str:
    """Headings as the embedded renderer writes them: the part's title has the part's id (the
    other headings get it as a prefix in quarto.lua: `{#rammer}` in Afstemning is
    `afstemning-rammer`, so the book's links find them); every heading of the front chapter and
    of an appendix `{.unnumbered}`, an appendix's sections `{.unlisted}` too, an appendix title
    reading "Bilag A: ..." (`letter`). `seen[0]` tells whether the part's title has passed;
    `auto_ids` (an iterator) gives the ids of headings without one, one per heading in order."""
    def mark(m: re.Match) -> str:
        title = not seen[0] and len(m.group(1).strip()) == 1
        seen[0] = True
        tokens = (m.group(3) or "").strip()[1:-1].split()
        ids = [t[1:] for t in tokens if t.startswith("#")]
        auto = next(auto_ids, "") if auto_ids is not None else ""
        ids = ids or ([auto] if auto else [])
        ident = part_id if title and part_id else (ids[0] if ids else "")
        classes = [t for t in tokens if not t.startswith("#")]
        if role != "chapter":
            # the contents list an appendix, not its sections (as the embedded renderer)
            wanted = (".unnumbered", ".unlisted" if role == "appendix" and not title else "",
                      f".{APPENDIX_CLASS}" if role == "appendix" and title else "")
            classes += [c for c in wanted if c and c not in classes]  # after the heading's own, as pandoc.py
        text = f"Bilag {letter}: {m.group(2)}" if title and letter else m.group(2)
        attrs = " ".join(([f"#{ident}"] if ident else []) + classes)
        return f"{m.group(1)}{text}" + (f" {{{attrs}}}" if attrs else "")
    return _HEADING.sub(mark, source)


def _attr(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def _figure(data: dict, meta: dict, media: Path) -> str:
    """A figure output as Markdown: the image written to `media` (`media/<part>/`) under the sha1
    of its bytes, as the embedded renderer's pandoc names it (the same file names in both books);
    caption and alt text kept."""
    media.mkdir(parents=True, exist_ok=True)
    if "image/svg+xml" in data:
        content, suffix = _text(data["image/svg+xml"]).encode("utf-8"), ".svg"
    else:
        content, suffix = base64.b64decode(_text(data["image/png"])), ".png"
    path = media / f"{hashlib.sha1(content).hexdigest()}{suffix}"
    path.write_bytes(content)
    caption = meta.get("caption", "").replace("[", "\\[").replace("]", "\\]")
    link = f"{MEDIA}/{media.name}/{path.name}"
    text = f"![{caption}]({link}){{fig-alt={_attr(meta.get('alt') or meta.get('caption', ''))}}}"
    if meta.get("only"):  # a figure for one format only, as notebook.lua reads it
        return f'::: {{.content-visible when-format="{meta["only"]}"}}\n{text}\n:::'
    return text


def cell_heading_ids(cells: list[str], workdir: Path) -> list[str]:
    """The ids pandoc's notebook reader gives the headings of a notebook's Markdown cells (GitHub's
    rule: `Overblik pr. kapitel` is `overblik-pr-kapitel`), one per heading in order, where
    Quarto's Markdown reader would give another (`overblik-pr.-kapitel`): the embedded book's."""
    headings = [m.group(0) for source in cells for m in _HEADING.finditer(source)]
    if not headings:
        return []
    workdir.mkdir(parents=True, exist_ok=True)
    ast = json.loads(run_pandoc(["-f", "markdown+gfm_auto_identifiers", "-t", "json"], workdir,
                                "reading the notebook's headings", "\n\n".join(headings) + "\n"))
    ids = [b["c"][1][0] for b in ast["blocks"] if b["t"] == "Header"]
    return ids if len(ids) == len(headings) else []  # a line that only looked like a heading: Quarto's ids


def _headers_in(node) -> list:
    """Every Header of a pandoc AST (blocks, divs, lists), in document order."""
    if isinstance(node, dict):
        return [node] if node.get("t") == "Header" else _headers_in(node.get("c"))
    if isinstance(node, list):
        return [h for item in node for h in _headers_in(item)]
    return []


def explicit_heading_ids(text: str, workdir: Path) -> str:
    """The part's Markdown with every heading's id written out (`{#…}`), as pandoc's reader gives
    them in this part alone (a heading the part repeats is `…-1`). Quarto's Typst book reads all
    parts as one document, which would give a heading another part had before (Datagrundlag's
    »Investeringer på arbejdsmarkedsområdet«, the front chapter's too) `-1` in the PDF only."""
    matches = list(_HEADING.finditer(text))
    if not matches:
        return text
    workdir.mkdir(parents=True, exist_ok=True)
    ast = json.loads(run_pandoc(["-f", "markdown", "-t", "json"], workdir, "reading the part's headings", text))
    ids = [h["c"][1][0] for h in _headers_in(ast["blocks"])]
    if len(ids) != len(matches):  # a line that only looked like a heading: the reader's ids stay
        return text
    found = iter(ids)

    def write_out(m: re.Match) -> str:
        ident = next(found)
        tokens = (m.group(3) or "").strip()[1:-1].split()
        if not ident or any(t.startswith("#") for t in tokens):
            return m.group(0)
        return f"{m.group(1)}{m.group(2)} {{{' '.join([f'#{ident}', *tokens])}}}"
    return _HEADING.sub(write_out, text)


def part_markdown(executed: Path, part_id: str, role: str, media: Path, letter: str = "") -> str:
    """An executed notebook as the Markdown Quarto renders: its Markdown cells and shown outputs
    in order, no code, no recorded results (the build's records), no stream output; figures
    written to `media` (the project's `media/<part>/`) with caption and alt text; headings
    numbered as in the embedded book, each with its id written out (explicit_heading_ids).
    Markdown, not a notebook: Quarto numbers an `.ipynb` chapter even when its title heading
    says `{.unnumbered}` (quarto-cli issue 8526)."""
    nb = nbformat.read(executed, as_version=4)
    seen, blocks = [False], []
    auto_ids = iter(cell_heading_ids([c.source for c in nb.cells if c.cell_type == "markdown"], media.parent))
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            blocks.append(mark_headings(cell.source, role, seen, letter, part_id, auto_ids))
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if out.get("output_type") not in ("display_data", "execute_result") or RECORD_MIMES & set(data):
                continue
            meta = out.get("metadata", {}).get("image/svg+xml") or out.get("metadata", {}).get("image/png") or {}
            if ("image/svg+xml" in data or "image/png" in data) and "caption" in meta:
                blocks.append(_figure(data, meta, media))
            elif "text/markdown" in data:
                blocks.append(mark_headings(_text(data["text/markdown"]), role, seen, letter, part_id))
    text = explicit_heading_ids("\n\n".join(b.strip("\n") for b in blocks if b.strip()) + "\n", media.parent)
    # the first box »Til udvalget« is the target of the front chapter's links, as in pandoc.py
    return _COMMITTEE_BOX.sub(lambda m: f"{m.group(1)}{{#{part_id}-til-udvalget .to-committee", text, count=1)


def staged_name(part) -> str:
    """The part's file in the staging project: the front chapter is Quarto's `index.md`."""
    return "index.md" if part.role == "front" else f"{part.id}.md"


def _front_matter(floats: Floats, part_id: str = "") -> str:
    figures, tables, figures_extra, tables_extra = floats
    # book-part: the part's id, for quarto.lua (Quarto takes a chapter's title out of its HTML page)
    part = f"book-part: {part_id}\n" if part_id else ""
    return (f"---\n{part}book-figures-before: {figures}\nbook-tables-before: {tables}\n"
            f"book-figures-extra-before: {figures_extra}\nbook-tables-extra-before: {tables_extra}\n---\n\n")


def project_config(job: RenderJob, files: list[tuple[str, str]], typst: bool) -> dict:
    """The staging project's `_quarto.yml`: the repository's (structure, Danish labels, formats),
    with the staged parts, the edition's title page facts (as book.typ reads them), the PDF's
    name, the shared stylesheet and template, and the embedded renderer's filters."""
    base = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    e = job.edition
    title = e.title or job.book.title
    book = {k: v for k, v in base.get("book", {}).items() if k not in ("chapters", "appendices")}
    book.update({
        "title": title, "subtitle": e.subtitle, "date": e.date.isoformat(),
        "chapters": [f for f, role in files if role in ("front", "chapter")],
        "appendices": [f for f, role in files if role == "appendix"],
        "output-file": Path(job.pdf_name).stem,
    })
    def first() -> list[dict]:  # new dicts each time: no YAML anchors in the staged file
        return [{"path": name, "at": "pre-ast"} for name in ("quarto.lua", "notebook.lua")]
    formats = base.get("format", {})
    # columns: pipe tables measured against 80 columns, as notebook.lua's pandoc.read (same widths)
    # quarto-tables.lua, after Quarto's HTML fixups: tables keep pandoc's markup (width, no Bootstrap classes)
    # section-divs false: a heading holds its own id, as in the embedded book (no <section> around it)
    fmt = {"html": dict(formats.get("html", {}), css=["book.css"], columns=80, **{"section-divs": False},
                        filters=[*first(), {"path": "html.lua", "at": "pre-ast"},
                                 {"path": "quarto-tables.lua", "at": "post-render"}])}
    if typst:
        # highlight-style none: inline code in the text's colour, as pandoc writes it without Quarto
        # (Quarto's default theme colours it as a token); the older key, read by every Quarto
        fmt["typst"] = dict(formats.get("typst", {}), template="quarto-book.typ", **{
            "template-partials": ["book.typ"], "pdf-standard": PDF_STANDARDS, "font-paths": [str(FONTS)],
            "highlight-style": "none", "filters": [*first(), {"path": "typst.lua", "at": "pre-ast"}]})
    links = {p.id: ("index.html" if p.role == "front" else f"{p.id}.html") for p, _ in job.notebooks}
    return {"project": {"type": "book", "output-dir": "_book"}, "lang": base.get("lang", "da"),
            # Quarto formats the date itself: "31. marts 2025", as format_date(..., "long", "da_DK")
            "date-format": "D. MMMM YYYY", "book": book,
            "execute": {"enabled": False, "echo": False}, "format": fmt,
            # what book.typ and html.lua read, as the embedded renderer sets them
            "edition": e.id, "title-plain": title.replace('"', "'"),
            "year": str(e.date.year), "month": str(e.date.month), "day": str(e.date.day), "contact": e.contact,
            "next-edition": format_date(e.next_date, format="long", locale="da_DK"),
            "book-pages": links,
            "part-links": {_part_title(ex): links[p.id] for p, ex in job.notebooks if _part_title(ex)}}


def _part_title(executed: Path) -> str:
    """The title of a part (its first level-1 heading), as the front chapter's contents names it."""
    for cell in nbformat.read(executed, as_version=4).cells:
        m = re.search(r"^# +(.+?)(\s*\{[^}]*\})?\s*$", cell.source, re.M) if cell.cell_type == "markdown" else None
        if m:
            return m.group(1)
    return ""


def stage_project(job: RenderJob, typst: bool) -> Path:
    """Write the staging Quarto project: the parts as Markdown, `_quarto.yml`, the shared
    stylesheet and template, the filters."""
    project = job.workdir / "quarto"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    files, floats, letters = [], NO_FLOATS, 0
    for part, executed in job.notebooks:
        letter = appendix_letter(letters) if part.role == "appendix" else ""
        letters += part.role == "appendix"
        text = part_markdown(executed, part.id, part.role, project / MEDIA / part.id, letter)
        (project / staged_name(part)).write_text(_front_matter(floats, part.id) + text, encoding="utf-8")
        floats = count_floats(text, job.workdir, floats)
        files.append((staged_name(part), part.role))
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
        self._html_in_the_books_frame(job, project)
        if self.typst:
            shutil.copyfile(out / job.pdf_name, job.out_dir / job.pdf_name)
        target = job.out_dir / job.pdf_name
        note = self._embedded_pdf(job, target) if not self.typst else (
            f"Quarto {_version_text(self.version)}: HTML book and PDF by Quarto "
            f"(Typst, A4, {_standards(PDF_STANDARDS)} checked).")
        print(f"Renderer: {note}", flush=True)
        return RenderOutput(job.out_dir / "index.html", target, self.name, note)

    @staticmethod
    def _html_in_the_books_frame(job: RenderJob, project: Path) -> None:
        """Quarto's pages in the embedded renderer's frame (quarto_html), with their figures."""
        outlines = {p.id: part_outline((project / staged_name(p)).read_text(encoding="utf-8"), job.workdir,
                                       p.role == "front", depth=6) for p, _ in job.notebooks}
        html_dir = write_framed_html(job, project / "_book", outlines)
        shutil.copytree(html_dir, job.out_dir, dirs_exist_ok=True)
        if (project / "_book" / MEDIA).is_dir():
            shutil.copytree(project / "_book" / MEDIA, job.out_dir / MEDIA, dirs_exist_ok=True)

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
