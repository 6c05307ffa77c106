"""Shared fixtures: a small fixture book rendered into temporary folders, and the real book's
editions rendered once per test session (`rendered_edition`, `render_edition`)."""
from __future__ import annotations

import ast
import functools
import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from filelock import FileLock

from analysis.core.paths import ROOT
from book.editions import Edition, load_edition
from book.pipeline import BuildOptions, BuildResult, build
from book.project import load_book

FIXTURES = Path(__file__).parent / "fixtures"
EDITION_FILE = ROOT / "params" / "2025-Q1.yml"
# What `python render.py` left in this checkout (CI renders before the tests): read, never written.
PROJECT_CACHE = ROOT / ".cache" / "executed"
PROJECT_BOOK = ROOT / "_book"
# The source documents (shared/seeds) are not part of the repository. Tests that compare a
# transcription with the printed text find them in $BOOK_SEEDS, else in ../shared/seeds beside
# the repository (beside the main checkout when this is a git worktree, beside the repository it
# was cloned from when that is a folder here). Without them those
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


def _origin_checkout(root: Path) -> Path | None:
    """The local repository this checkout was cloned from (its `origin` remote, when that is a
    folder on this machine): a fresh clone for CI finds the sources beside it."""
    config = _main_checkout(root) / ".git" / "config"
    if not config.is_file():
        return None
    match = re.search(r'\[remote "origin"\][^\[]*?\burl\s*=\s*(.+)', config.read_text(encoding="utf-8"))
    url = match.group(1).strip() if match else ""
    url = url.removeprefix("file://")
    return Path(url).resolve() if url.startswith("/") and Path(url).is_dir() else None


def seeds_folder() -> tuple[Path | None, str]:
    """The folder of the source documents and where it was looked for (for the skip message)."""
    if os.environ.get(SEEDS_VARIABLE):
        folder = Path(os.environ[SEEDS_VARIABLE])
        return (folder if folder.is_dir() else None), f"${SEEDS_VARIABLE}={folder}"
    tried = []
    for checkout in dict.fromkeys(c for c in (ROOT, _main_checkout(ROOT), _origin_checkout(ROOT)) if c):
        folder = checkout.parent / "shared" / "seeds"
        if folder.is_dir():
            return folder, str(folder)
        tried.append(str(folder))
    return None, " or ".join(tried)


# ---------------------------------------------------------------- running the tests in parallel
# `python -m pytest` (the whole suite, as CI runs it) runs on every core with pytest-xdist
# (`-n auto`); naming tests (`python -m pytest tests/book/test_cli.py`), `-n 0` or `-p no:xdist`
# runs them in this one process. The workers share the real book's renders (SessionBooks); a test
# module that defines a module- or class-scoped fixture runs whole on one worker (its fixture is
# set up once), every other test goes to whichever worker is free.
_SCHEDULE_BY_FIXTURES = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_cmdline_main(config):
    """The whole suite in parallel unless told otherwise (before pytest-xdist reads its options)."""
    if (config.pluginmanager.hasplugin("xdist") and not hasattr(config, "workerinput")
            and not config.option.collectonly):
        whole_suite = config.args_source != pytest.Config.ArgsSource.ARGS
        if config.option.numprocesses is None and whole_suite and not config.option.usepdb:
            config.option.numprocesses = "auto"
        if config.option.numprocesses and config.option.dist == "no":
            config.option.dist = "loadscope"
            config.option.loadscopereorder = False  # the order of the collection (slow modules first)
            config.stash[_SCHEDULE_BY_FIXTURES] = True
    return (yield)


@functools.cache
def defines_shared_fixture(module: Path) -> bool:
    """Whether the test module defines a fixture shared by its tests (scope module or class)."""
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        for deco in getattr(node, "decorator_list", []) if isinstance(node, ast.FunctionDef) else []:
            scope = next((k.value for k in getattr(deco, "keywords", []) if k.arg == "scope"), None)
            if isinstance(scope, ast.Constant) and scope.value in ("module", "class", "package"):
                return True
    return False


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Each test on its own, except the tests of a module with a shared fixture (one unit)."""
    if not config.stash.get(_SCHEDULE_BY_FIXTURES, False):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByFixtures(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            path = config.rootpath / module
            return module if path.is_file() and defines_shared_fixture(path) else nodeid
    return ByFixtures(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """The modules with slow tests first (the long renders start while the short tests fill the
    other workers), each module's tests together and in their order."""
    modules: dict[str, list] = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::")[0], []).append(item)
    ordered = sorted(modules.values(), key=lambda its: not any(i.get_closest_marker("slow") for i in its))
    items[:] = [item for its in ordered for item in its]


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


def spreadsheet_risks(folder: Path) -> list[tuple[str, int, str]]:
    """(file, row, cell) of every formula-like text cell in the CSV files under `folder` (a
    spreadsheet would run it; numbers, negative ones too, are fine)."""
    import csv
    import io

    from book.spreadsheet import is_formula_risk

    out = []
    for path in sorted(folder.rglob("*.csv")):
        for i, row in enumerate(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))), start=1):
            out += [(path.relative_to(folder).as_posix(), i, c) for c in row if is_formula_risk(c)]
    return out


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


class RenderedEdition(NamedTuple):
    """A real edition rendered in this test session: the edition, the options it was built with
    (their folders are the session's, never the project's) and the build's result."""
    edition: Edition
    opts: BuildOptions
    result: BuildResult

    @property
    def folder(self) -> Path:
        """The published edition's folder (read it; do not write into it)."""
        return self.result.folder


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def shared_folder(config, tmp_path_factory, name: str) -> Path:
    """A folder of this test run that every pytest-xdist worker shares (the run's temporary
    folder is the parent of each worker's); without xdist simply a new temporary folder."""
    if not hasattr(config, "workerinput"):
        return tmp_path_factory.mktemp(name)
    folder = tmp_path_factory.getbasetemp().parent / name
    folder.mkdir(exist_ok=True)
    return folder


def _store_result(path: Path, result: BuildResult) -> None:
    """Record a build's result for the other workers (written whole, then renamed into place)."""
    data = {"folder": str(result.folder), "pdf": str(result.pdf), "renderer": result.renderer,
            "executed": list(result.executed), "cached": list(result.cached), "seconds": result.seconds}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    tmp.replace(path)


def _stored_result(path: Path, edition: Edition) -> BuildResult:
    """A build's result as the worker that built it recorded it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return BuildResult(edition, Path(data["folder"]), Path(data["pdf"]), data["renderer"],
                       tuple(data["executed"]), tuple(data["cached"]), data["seconds"])


class SessionBooks:
    """Every render of the real book in one test session: one output tree and one notebook cache
    in a session folder, each edition file rendered at most once (with the pandoc engine).

    Under pytest-xdist the workers share that folder: the first worker that needs an edition
    renders it (a file lock per edition), the others wait for it and read what it published;
    only the session's own renders write there, and a published edition is never rendered again.

    What `python render.py` already made in this checkout is reused read-only: the notebook cache
    is seeded from `.cache/executed` (hard links; the build replaces cache files, never writes into
    them) and a published `_book/<edition>` is copied in, so the build's own publish key decides
    whether it is exactly what a render would produce (then nothing is rendered again). On a clean
    checkout both are absent and the edition is rendered from scratch."""

    def __init__(self, root: Path):
        self.root = root
        self.opts = BuildOptions(engine="pandoc", cache_dir=root / "cache", book_dir=root / "book",
                                 build_dir=root / "build", processed_dir=root / "processed")
        with FileLock(root / "seed.lock"):
            if PROJECT_CACHE.is_dir() and not (root / "seeded").exists():
                shutil.copytree(PROJECT_CACHE, self.opts.cache_dir, copy_function=_link_or_copy,
                                ignore=shutil.ignore_patterns("*.tmp"), dirs_exist_ok=True)
            (root / "seeded").touch()
        self.done: dict[Path, RenderedEdition] = {}

    def once(self, name: str, edition: Edition, make) -> BuildResult:
        """make(), run by one worker of the session for `name`; the others read its result."""
        record = self.root / "results" / f"{name}.json"
        record.parent.mkdir(exist_ok=True)
        with FileLock(self.root / "results" / f"{name}.lock"):
            if record.is_file():
                return _stored_result(record, edition)
            result = make()
            _store_result(record, result)
            return result

    def render(self, edition_file: Path) -> RenderedEdition:
        """The edition of `edition_file`, rendered once per session."""
        path = Path(edition_file).resolve()
        if path not in self.done:
            edition = load_edition(path)

            def make() -> BuildResult:
                published = PROJECT_BOOK / edition.id
                target = self.opts.book_dir / edition.id
                if (published / "manifest.json").is_file() and not target.exists():
                    shutil.copytree(published, target)
                return build(edition, self.opts)
            name = f"{edition.id}-{hashlib.sha256(str(path).encode()).hexdigest()[:12]}"
            self.done[path] = RenderedEdition(edition, self.opts, self.once(name, edition, make))
        return self.done[path]


@pytest.fixture(scope="session")
def session_books(request, tmp_path_factory) -> SessionBooks:
    """The session's renders of the real book (one cache, one output tree, shared by the workers)."""
    return SessionBooks(shared_folder(request.config, tmp_path_factory, "editions"))


@pytest.fixture(scope="session")
def render_edition(session_books):
    """render_edition(path): a real edition file rendered once per session (pandoc engine)."""
    return session_books.render


@pytest.fixture(scope="session")
def rendered_edition(session_books) -> RenderedEdition:
    """params/2025-Q1.yml rendered once per session with the pandoc engine into a session folder
    (never the project's _book); reuse it in every test that only reads a rendered edition."""
    return session_books.render(EDITION_FILE)


RENDERER_NAMES = ("pandoc", "quarto")


@pytest.fixture(scope="session")
def rendered_by(session_books, rendered_edition):
    """params/2025-Q1.yml rendered by a renderer, once per test session and only when a test asks
    for it: `rendered_by("quarto")` -> BuildResult. "pandoc" is `rendered_edition`; "quarto" is
    built from the session's notebook cache into a folder of its own, and skips where `quarto` is
    not on PATH."""
    done = {"pandoc": rendered_edition.result}

    def render(engine: str) -> BuildResult:
        if engine == "quarto" and shutil.which("quarto") is None:
            pytest.skip("quarto is not on PATH")
        if engine not in done:
            base = session_books.opts
            root = base.book_dir.parent / engine
            opts = BuildOptions(engine=engine, cache_dir=base.cache_dir, book_dir=root / "book",
                                build_dir=root / "build", processed_dir=root / "processed")
            edition = rendered_edition.edition
            done[engine] = session_books.once(f"{edition.id}-{engine}", edition, lambda: build(edition, opts))
        return done[engine]
    return render
