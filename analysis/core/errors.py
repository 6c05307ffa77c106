"""The one error module of the analysis package.

Errors carry their facts as attributes (file, row, column, rule, value) and their message is
written for an analyst: what is wrong, where, and which rule it broke.
"""
from __future__ import annotations

from dataclasses import dataclass


class AnalysisError(Exception):
    """Base class of every error raised by the analysis package."""


@dataclass(frozen=True)
class Failure:
    """One failing case of an input: the row (1-based, as the analyst sees it in the file:
    row 1 is the header, so the first data row is row 2), the column, the rule and the value."""

    row: int | None
    column: str | None
    rule: str
    value: object = None

    def describe(self) -> str:
        """Where the failure is and which rule it broke, in one line."""
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        loc = ", ".join(where) if where else "whole file"
        shown = "" if self.value is None else f" (value: {self.value!r})"
        return f"{loc}: {self.rule}{shown}"


class InputError(AnalysisError):
    """An input file broke one or more rules. All failures of the file are reported at once."""

    def __init__(self, file: str, failures: list[Failure] | tuple[Failure, ...]):
        self.file = file
        self.failures = tuple(failures)
        lines = [f"Input file {file} is not valid ({len(self.failures)} problem(s)):"]
        lines += [f"  - {f.describe()}" for f in self.failures[:50]]
        if len(self.failures) > 50:
            lines.append(f"  ... and {len(self.failures) - 50} more")
        super().__init__("\n".join(lines))

    @property
    def first(self) -> Failure:
        return self.failures[0]


class MissingInputError(InputError):
    """An input file named by a parameter does not exist."""

    def __init__(self, file: str, parameter: str | None = None):
        self.parameter = parameter
        rule = "file does not exist"
        if parameter:
            rule += f" (named by parameter '{parameter}')"
        super().__init__(file, [Failure(None, None, rule)])


class UnsupportedFormatError(InputError):
    """An input file has a suffix no reader is registered for."""

    def __init__(self, file: str, known: list[str]):
        super().__init__(
            file, [Failure(None, None, f"unsupported file type; known types: {', '.join(known)}")]
        )



class ParameterValueError(AnalysisError):
    """A chapter parameter has the right type (the build checks types) but a value the chapter
    cannot use: an unknown id, a date in the wrong form, a range the wrong way round."""

    def __init__(self, chapter: str, parameter: str, value: object, rule: str):
        self.chapter, self.parameter, self.value, self.rule = chapter, parameter, value, rule
        super().__init__(f"Parameter '{parameter}' of chapter '{chapter}' is not valid: {rule} "
                         f"(value: {value!r})")
