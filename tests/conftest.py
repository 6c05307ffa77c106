"""Shared fixtures: a small fixture book rendered into temporary folders."""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from analysis.core.paths import ROOT
from book.editions import load_edition
from book.pipeline import BuildOptions
from book.project import load_book

FIXTURES = Path(__file__).parent / "fixtures"
# The source documents (shared/seeds) are not part of the repository. Tests that compare a
# transcription with the printed text find them in $BOOK_SEEDS, else in ../shared/seeds beside
# the repository (beside the main checkout when this is a git worktree). Without them those
# tests skip and say why; in CI ($CI or $BOOK_REQUIRE_SEEDS set, as .ci/run does) they fail.
SEEDS_VARIABLE = "BOOK_SEEDS"


def _main_checkout(root: Path) -> Path:
    """The main checkout of the git repository `root` belongs to (root itself, or the checkout
    a git worktree was added from)."""
    git = root / ".git"
    if not git.is_file():
        return root
    gitdir = Path(git.read_text(encoding="utf-8").split(":", 1)[1].strip())
    common = gitdir / "commondir"
    if not common.is_file():
        return root
    return (gitdir / common.read_text(encoding="utf-8").strip()).resolve().parent


def seeds_folder() -> tuple[Path | None, str]:
    """The folder of the source documents and where it was looked for (for the skip message)."""
    if os.environ.get(SEEDS_VARIABLE):
        folder = Path(os.environ[SEEDS_VARIABLE])
        return (folder if folder.is_dir() else None), f"${SEEDS_VARIABLE}={folder}"
    tried = []
    for checkout in dict.fromkeys([ROOT, _main_checkout(ROOT)]):
        folder = checkout.parent / "shared" / "seeds"
        if folder.is_dir():
            return folder, str(folder)
        tried.append(str(folder))
    return None, " or ".join(tried)


class Sources:
    """The source documents' text, as the tests that find printed figures in them read it."""

    def __init__(self, folder: Path):
        self.folder = folder

    def text(self, name: str, join_hyphenation: bool = False) -> str:
        """Document `name` with every run of whitespace collapsed to one space (and, with
        `join_hyphenation`, words broken over a line joined again)."""
        path = self.folder / name
        if not path.is_file():
            _absent(f"source document {name} is not in {self.folder}")
        raw = path.read_text(encoding="utf-8")
        if join_hyphenation:
            raw = raw.replace("-\n\n", "").replace("-\n", "")
        return re.sub(r"\s+", " ", raw)


def _absent(why: str) -> None:
    """Skip a test that needs the source documents, or fail it in CI, which has them."""
    if os.environ.get("CI") or os.environ.get("BOOK_REQUIRE_SEEDS"):
        pytest.fail(f"{why}; CI must run the tests against the source documents "
                    f"(set ${SEEDS_VARIABLE})", pytrace=False)
    pytest.skip(f"{why} (set ${SEEDS_VARIABLE} to the folder of the source documents)")


@pytest.fixture(scope="session")
def sources() -> Sources:
    """The source documents (skips, or fails in CI, where they are not found)."""
    folder, where = seeds_folder()
    if folder is None:
        _absent(f"the source documents are not found ({where})")
    return Sources(folder)


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def fixture_book():
    return load_book(FIXTURES / "book" / "_quarto.yml")


@pytest.fixture
def build_options(tmp_path):
    return BuildOptions(engine="pandoc", jobs=2, cache_dir=tmp_path / "cache", book_dir=tmp_path / "book",
                        build_dir=tmp_path / "build", processed_dir=tmp_path / "processed")


@pytest.fixture
def write_edition(tmp_path):
    """Write an edition file into tmp_path and load it: write_edition("e1", "alpha:\\n  factor: 3")."""
    def _write(edition_id: str, body: str = "", date: str = "2025-03-31", name: str | None = None):
        path = tmp_path / "params" / f"{name or edition_id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"edition: {edition_id}\ntitle: Testbog\ndate: {date}\n{body}", encoding="utf-8")
        return load_edition(path)
    return _write


@pytest.fixture
def root():
    return ROOT


RENDERER_NAMES = ("pandoc", "quarto")


@pytest.fixture(scope="session")
def rendered_by(tmp_path_factory):
    """The newest edition of the real book rendered by a renderer, once per test session and only
    when a test asks for it: `rendered_by("quarto")` -> BuildResult. The renderers share one
    notebook cache, so the notebooks run once; "quarto" skips where `quarto` is not on PATH."""
    import shutil

    from book.editions import find_edition
    from book.pipeline import build

    tmp = tmp_path_factory.mktemp("rendered")
    done: dict = {}

    def render(engine: str):
        if engine == "quarto" and shutil.which("quarto") is None:
            pytest.skip("quarto is not on PATH")
        if engine not in done:
            opts = BuildOptions(engine=engine, cache_dir=tmp / "cache", book_dir=tmp / engine / "book",
                                build_dir=tmp / engine / "build", processed_dir=tmp / engine / "processed")
            done[engine] = build(find_edition(), opts)
        return done[engine]
    return render
