"""Renderers, looked up by name in one registry (papermill engine style)."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from ..editions import Edition
from ..errors import BuildError
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

    @property
    def pdf_name(self) -> str:
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
    return factory()
