"""Renderers, looked up by name in one registry (papermill engine style)."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from ..editions import Edition
from ..errors import BuildError, RenderError
from ..project import BookSpec, Part


@dataclass(frozen=True)
class RenderJob:
    """Everything a renderer needs: the book, the edition, the executed notebooks in book order,
    a scratch folder and the folder the HTML and PDF go to."""

    book: BookSpec
    edition: Edition
    notebooks: tuple[tuple[Part, Path], ...]
    workdir: Path
    out_dir: Path
    cache_dir: Path | None = None  # where a renderer may keep what it read (None: nowhere)

    @property
    def pdf_name(self) -> str:
        """The PDF's file name, the same for every renderer."""
        return f"arbejdsmarkedsudvalget-{self.edition.id}.pdf"


@dataclass(frozen=True)
class RenderOutput:
    """What a renderer made: the HTML book's entry page, the PDF, the renderer's name, a note."""

    html_index: Path
    pdf: Path
    renderer: str
    note: str = ""


class Renderer(Protocol):
    """A renderer turns the executed notebooks of a job into the HTML book and the PDF."""

    name: str

    def render(self, job: RenderJob) -> RenderOutput:
        """Render the job's book into `job.out_dir`."""
        ...


def expected_outputs(job: RenderJob) -> list[Path]:
    """What every renderer must leave in `job.out_dir`: the HTML book's entry page, one page per
    chapter and appendix (`<part id>.html`; the front chapter is the entry page) and the PDF."""
    pages = ["index.html"] + [f"{part.id}.html" for part, _ in job.notebooks if part.role != "front"]
    return [job.out_dir / p for p in pages] + [job.out_dir / job.pdf_name]


def missing_outputs(job: RenderJob, output: RenderOutput) -> list[str]:
    """The expected outputs that are absent or empty (a PDF must start with `%PDF`)."""
    missing = []
    for path in dict.fromkeys([*expected_outputs(job), output.html_index, output.pdf]):
        try:
            ok = path.is_file() and path.stat().st_size > 0
            if ok and path.suffix == ".pdf":
                with open(path, "rb") as fh:
                    ok = fh.read(5) == b"%PDF-"
        except OSError:
            ok = False
        if not ok:
            missing.append(path.relative_to(job.out_dir).as_posix() if path.is_relative_to(job.out_dir) else str(path))
    return missing


class CheckedRenderer:
    """A renderer whose result is checked: a missing expected output is a render-stage error
    naming what is missing, never a success, whatever the engine."""

    def __init__(self, inner: Renderer):
        self.inner = inner
        self.name = inner.name

    def render(self, job: RenderJob) -> RenderOutput:
        """Render with the inner renderer, then check every expected output is there."""
        output = self.inner.render(job)
        missing = missing_outputs(job, output)
        if missing:
            raise RenderError(self.name, "checking the rendered book",
                              f"expected outputs are missing from {job.out_dir}: {', '.join(missing)}")
        return output


def _pandoc() -> Renderer:
    from .pandoc import PandocRenderer

    return PandocRenderer()


def _quarto() -> Renderer:
    from .quarto import QuartoRenderer

    return QuartoRenderer()


RENDERERS: dict[str, Callable[[], Renderer]] = {"pandoc": _pandoc, "quarto": _quarto}


def quarto_available() -> bool:
    """Whether the `quarto` command is on PATH."""
    return shutil.which("quarto") is not None


def get_renderer(name: str) -> Renderer:
    """`auto` picks quarto when it is on PATH, else the embedded pandoc renderer."""
    if name == "auto":
        name = "quarto" if quarto_available() else "pandoc"
    factory = RENDERERS.get(name)
    if factory is None:
        known = ", ".join(["auto", *sorted(RENDERERS)])
        raise BuildError(f"Unknown renderer '{name}'; known renderers: {known}")
    if name == "quarto" and not quarto_available():
        raise BuildError("The quarto renderer needs `quarto` on PATH (conda-forge: environment.yml); "
                         "use --engine pandoc (the embedded renderer) or --engine auto")
    return CheckedRenderer(factory())
