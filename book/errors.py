"""The one error module of the build. Each error names the stage it belongs to and carries its
facts as attributes; its message is one paragraph written for an analyst."""
from __future__ import annotations

from typing import Iterable


def _restore(cls: type, state: dict) -> "BuildError":
    """A build error rebuilt from its attributes (see BuildError.__reduce__)."""
    err = cls.__new__(cls)
    Exception.__init__(err, state.get("message", ""))
    err.__dict__.update(state)
    return err


class BuildError(Exception):
    """Base class of every build error."""

    stage = "build"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __reduce__(self):
        """Build errors cross process boundaries (a worker raises, the parent reports them), so
        every one is pickled by its attributes, whatever its constructor takes."""
        return (_restore, (type(self), dict(self.__dict__)))

    def __str__(self) -> str:
        return f"[{self.stage}] {self.message}"


class EditionError(BuildError):
    """An edition file cannot be found or read (YAML syntax, duplicate keys, missing fields)."""

    stage = "edition"

    def __init__(self, file: str, problem: str):
        self.file = file
        self.problem = problem
        super().__init__(f"Edition file {file}: {problem}")


class ParameterError(BuildError):
    """Keys of an edition file's chapter sections that are unknown or hold a value of the wrong
    type: every one at once. `chapter`, `key`, `problem` and `valid_keys` are the first's;
    `problems` holds each as (chapter, key, problem, valid keys)."""

    stage = "parameters"

    def __init__(self, file: str, chapter: str, key: str, problem: str, valid_keys: Iterable[str],
                 also: Iterable[tuple[str, str, str, tuple[str, ...]]] = ()):
        self.file = file
        self.chapter = chapter
        self.key = key
        self.problem = problem
        self.valid_keys = tuple(sorted(valid_keys))
        self.problems = ((chapter, key, problem, self.valid_keys), *also)
        lines = [f"chapter '{c}', key '{k}': {p}. Valid keys for '{c}': {', '.join(v) or '(none)'}."
                 for c, k, p, v in self.problems]
        if len(lines) == 1:
            super().__init__(f"Edition file {file}, {lines[0]}")
        else:
            super().__init__(f"Edition file {file} has {len(lines)} parameter problems:\n"
                             + "\n".join(f"  - {line}" for line in lines))

    @classmethod
    def joined(cls, errors: "list[ParameterError]") -> "ParameterError":
        """One error holding every problem of `errors` (all of one edition file)."""
        problems = [p for e in errors for p in e.problems]
        first = problems[0]
        return cls(errors[0].file, first[0], first[1], first[2], first[3], also=problems[1:])


class ParameterValueCheckError(BuildError):
    """A chapter parameter has the right type but a value the chapter cannot use."""

    stage = "parameters"

    def __init__(self, file: str, chapter: str, key: str, value: object, rule: str):
        self.file, self.chapter, self.key, self.value, self.rule = file, chapter, key, value, rule
        super().__init__(f"Edition file {file}, chapter '{chapter}', key '{key}': {rule} "
                         f"(value: {value!r}).")


class InputCheckError(BuildError):
    """An input file of a chapter failed its validation. `failures` holds every failing case
    as (row, column, rule, value); `file` names the input file."""

    stage = "inputs"

    def __init__(self, chapter: str, detail: str, file: str | None = None,
                 failures: tuple[tuple, ...] = ()):
        self.chapter = chapter
        self.detail = detail
        self.file = file
        self.failures = failures
        super().__init__(f"Chapter '{chapter}': {detail}")


class ExecutionError(BuildError):
    """A notebook raised while papermill executed it. The executed notebook is kept."""

    stage = "execute"

    def __init__(self, notebook: str, cell_index: int | None, source: str, ename: str,
                 evalue: str, saved_to: str):
        self.notebook = notebook
        self.cell_index = cell_index
        self.source = source
        self.ename = ename
        self.evalue = evalue
        self.saved_to = saved_to
        lines = source.strip().splitlines() or [""]
        excerpt = lines[0] if len(lines) == 1 else f"{lines[0]} ... {lines[-1]}"
        cell = "?" if cell_index is None else str(cell_index)
        super().__init__(
            f"Notebook {notebook} failed in cell {cell} ({excerpt.strip()!s}): {ename}: {evalue}. "
            f"The executed notebook is kept at {saved_to} for debugging."
        )


class HarvestError(BuildError):
    """A notebook recorded a malformed or duplicate result, check or data table."""

    stage = "harvest"


class RenderError(BuildError):
    """A renderer (pandoc, Typst or Quarto) failed."""

    stage = "render"

    def __init__(self, renderer: str, step: str, detail: str):
        self.renderer = renderer
        self.step = step
        self.detail = detail
        super().__init__(f"Renderer '{renderer}' failed while {step}: {detail.strip()}")


class RenderTimeoutError(BuildError):
    """The render stage ran longer than its timeout; the renderer and its processes were stopped."""

    stage = "render"

    def __init__(self, renderer: str, seconds: float):
        self.renderer = renderer
        self.seconds = seconds
        super().__init__(f"Renderer '{renderer}' did not finish within the render timeout of {seconds:g} s; "
                         f"it was stopped with every process it started. Raise the limit with "
                         f"--render-timeout SECONDS if the book really needs longer.")


class PublishError(BuildError):
    """The rendered edition could not be moved into place. `published` tells whether the new
    edition is nevertheless in place (the error came after the swap, e.g. while tidying up)."""

    stage = "publish"

    def __init__(self, message: str, published: bool = False):
        super().__init__(message)
        self.published = published


class UnsafePathError(BuildError):
    """The build was about to delete, replace or lock a path outside its own output folders."""

    stage = "paths"


class NotebookTimeoutError(BuildError):
    """A notebook ran longer than the execution timeout; its worker and kernel were stopped."""

    stage = "execute"

    def __init__(self, notebook: str, seconds: float):
        self.notebook = notebook
        self.seconds = seconds
        super().__init__(f"Notebook {notebook} did not finish within the execution timeout of "
                         f"{seconds:g} s; it was stopped. Raise the limit with --timeout SECONDS "
                         f"if the notebook really needs longer.")


class KernelStartError(BuildError):
    """A notebook's Python kernel could not be started (or died before running a cell)."""

    stage = "execute"

    def __init__(self, notebook: str, detail: str):
        self.notebook = notebook
        self.detail = detail
        super().__init__(f"Could not start a Python kernel for notebook {notebook}: {detail}. "
                         f"Kernels talk to the build over the loopback network (127.0.0.1): check "
                         f"that it is up, and that ipykernel is installed in this environment "
                         f"(python -m ipykernel --version).")
