"""`quarto render` / `quarto preview` in the project folder (through `book/quarto_guard.py`, the
project's pre-render script): render the newest published edition's executed notebooks
(`_book/<edition>/notebooks/`, written by `render.py`) with the Quarto renderer into the folder
project's output directory (`_book/quarto/`). No parameters, no execution, no cache, no
reconciliation, nothing published: that is `render.py`'s job."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from .editions import Edition, load_edition
from .errors import BuildError
from .paths import ROOT, display
from .project import BookSpec, load_book
from .renderers import RenderJob

RUN_FIRST = "run `python render.py` first (it executes the notebooks of an edition and publishes them)"


class NothingToRender(BuildError):
    """No published edition holds the executed notebooks of every part of the book."""

    stage = "quarto render"

    def __init__(self, reason: str):
        super().__init__(f"Nothing for `quarto render` to render here: {reason}; {RUN_FIRST}, "
                         "then `quarto render` or `quarto preview` again.")


def output_dir(root: Path = ROOT) -> Path:
    """The folder project's `output-dir` (`_quarto.yml`), checked to lie in `_book/` and not be an
    edition's folder (`quarto render` there must never touch a published edition)."""
    config = yaml.safe_load((root / "_quarto.yml").read_text(encoding="utf-8"))
    out = (root / config["project"]["output-dir"]).resolve()
    if out.parent != (root / "_book").resolve() or (out / "manifest.json").exists():
        raise BuildError(f"_quarto.yml: project.output-dir must be a folder of its own in _book/, not {display(out)}")
    return out


def _published(folder: Path, root: Path) -> tuple[Edition, Path] | None:
    """A published edition (its edition file as its manifest names it, else `params/<id>.yml`)
    and its folder, if readable."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        path = root / manifest["edition_file"]
        if not path.is_file():  # published from a file outside the folder: the edition of that id here
            path = root / "params" / f"{manifest['edition']}.yml"
        return (load_edition(path), folder) if path.is_file() else None
    except (OSError, ValueError, KeyError, TypeError, BuildError):
        return None


def newest_published(book: BookSpec, root: Path = ROOT) -> tuple[Edition, tuple]:
    """The newest published edition in `root/_book/` (by date, then id) and its executed
    notebooks in book order."""
    book_dir = root / "_book"
    found = [p for p in (_published(f.parent, root) for f in sorted(book_dir.glob("*/notebooks"))) if p]
    if not found:
        raise NothingToRender(f"no edition is published in {display(book_dir)}/ yet")
    edition, folder = max(found, key=lambda pair: (pair[0].date, pair[0].id))
    notebooks = tuple((part, folder / "notebooks" / f"{part.id}.ipynb") for part in book.parts)
    missing = [part.id for part, path in notebooks if not path.is_file()]
    if missing:
        raise NothingToRender(f"{display(folder)}/ lacks the executed notebooks of {', '.join(missing)} "
                              "(published before they were part of the book)")
    return edition, notebooks


def render_folder(root: Path = ROOT) -> Path:
    """Render the newest published edition with Quarto into the folder project's output
    directory (emptied first); returns that folder."""
    from .renderers.quarto import QuartoRenderer

    book = load_book(root / "_quarto.yml")
    edition, notebooks = newest_published(book, root)
    out = output_dir(root)
    print(f"Quarto renders edition {edition.id} from the executed notebooks in "
          f"{display(notebooks[0][1].parent)}/ into {display(out)}/", flush=True)
    renderer = QuartoRenderer()
    if out.exists():
        shutil.rmtree(out)
    renderer.render(RenderJob(book, edition, notebooks, root / "_build" / "quarto-folder" / edition.id, out))
    return out
