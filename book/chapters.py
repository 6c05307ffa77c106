"""The one module of the build that knows the domain exists: it checks a chapter's inputs
through the chapter registry, and turns the domain's errors into build errors that keep
their facts (file, failures; chapter, parameter, value, rule)."""
from __future__ import annotations

from typing import Any, Mapping

from analysis.chapters import (
    CHAPTERS,
    EDITION_DATED,
    QUARTERLY,
    YEARLY,
    chapter_open_data,
    enumerable_values,
    input_kinds,
    input_schemas,
    load_inputs,
)
from analysis.core.errors import AnalysisError, InputError, ParameterValueError

from .errors import InputCheckError, ParameterValueCheckError


def is_chapter(part_id: str) -> bool:
    """True for the parts of the book that are chapters (they have inputs to check)."""
    return part_id in CHAPTERS


def check_sources() -> None:
    """The provenance registries of data/raw, as Datagrundlag reads them: each well formed,
    every file it names present, and every data file in data/raw with a provenance row."""
    from analysis.core.provenance import registry  # pandera and pandas: imported when checked

    try:
        registry()
    except InputError as err:
        failures = tuple((f.row, f.column, f.rule, f.value) for f in err.failures)
        raise InputCheckError("datagrundlag", str(err), file=err.file, failures=failures) from None


def check_chapter_inputs(part_id: str, params: Mapping[str, Any], edition_file: str) -> bool:
    """Validate a chapter's input files and parameter values; False for parts that are not
    chapters. Raises InputCheckError or ParameterValueCheckError."""
    if not is_chapter(part_id):
        return False
    try:
        load_inputs(part_id, params)
    except ParameterValueError as err:
        raise ParameterValueCheckError(edition_file, part_id, err.parameter, err.value, err.rule) from None
    except InputError as err:
        failures = tuple((f.row, f.column, f.rule, f.value) for f in err.failures)
        raise InputCheckError(part_id, str(err), file=err.file, failures=failures) from None
    except AnalysisError as err:
        raise InputCheckError(part_id, str(err)) from None
    return True


def replaced_inputs(part_id: str, parameters: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """The input parameters of a part that an analyst replaces (QUARTERLY or YEARLY), with what
    the new file holds; empty for parts that are not chapters or have none."""
    if not is_chapter(part_id):
        return {}
    return {k: v for k, v in input_kinds(part_id, parameters).items() if v[0] in (QUARTERLY, YEARLY)}


def table_rows(path, columns=None) -> tuple[list[str], list[tuple[str, ...]]] | None:
    """An input table as the chapters read it (canonical column names, renamed by the edition's
    column map `columns`): its header and rows as text; None when it is not a readable table."""
    from analysis.core.readers import read_table

    try:
        names = list(read_table(path, columns=columns).columns)
        ids = [c for c in names if c == "id" or c.endswith("_id")]  # ids such as 1.1 stay text
        df = read_table(path, text_columns=ids, columns=columns)
    except (AnalysisError, OSError, ValueError):
        return None
    rows = [tuple("" if v is None or v != v else str(v) for v in r) for r in df.itertuples(index=False)]
    return [str(c) for c in df.columns], rows


def printed_decimals(unit: str | None, *values) -> int:
    """The decimals a key figure is printed with (see analysis.core.series.decimals_of)."""
    from analysis.core.series import decimals_of

    return decimals_of(unit, *values)


def input_columns(part_id: str) -> dict[str, list[tuple[str, bool]]]:
    """The columns each input parameter of a chapter must have, as (name, required), from the
    chapter's schemas; empty for parts that are not chapters."""
    if not is_chapter(part_id):
        return {}
    return {param: [(name, bool(col.required)) for name, col in schema.columns.items()]
            for param, schema in input_schemas(part_id).items()}


def contract_fields(columns: Mapping[str, str]) -> list[dict[str, Any]]:
    """Table Schema fields (type, Danish title, description, unit) of a contract file's columns,
    given as name → type, in the open data's words (analysis.core.opendata)."""
    from analysis.core import opendata

    return [opendata.field(name, type_) for name, type_ in columns.items()]


def open_data_words(file: str, part_id: str = "") -> tuple[str, str] | None:
    """The Danish title and description of a published table: the book's words for it
    (`analysis.core.opendata.TABLES`), else its chapter's (`views.OPEN_DATA`: table name →
    (title, description); a chapter written by `render new-chapter` has them)."""
    from analysis.core import opendata

    words = opendata.table_words(file)
    if words or part_id not in CHAPTERS:
        return words
    return chapter_open_data(part_id).get(file.removesuffix(".csv").removeprefix(f"{part_id}_"))


def column_words(part_id: str, column: str) -> dict[str, str] | None:
    """The Danish title, description and unit of a column as the chapter's input schemas declare
    it (for a published column the open data's glossary does not know), or None."""
    if part_id not in CHAPTERS:
        return None
    for schema in input_schemas(part_id).values():
        col = schema.columns.get(column)
        if col is not None and col.title:
            unit = (col.metadata or {}).get("unit")
            return {"title": col.title, "description": col.description or col.title} | ({"unit": unit} if unit else {})
    return None


def open_data_precision() -> str:
    """The stated precision of the published numbers, in Danish."""
    from analysis.core import opendata

    return opendata.PRECISION_DA


def parameter_values(part_id: str, parameter: str, params: Mapping[str, Any]) -> list[Any] | None:
    """The values a chapter declares its parameter can take, or None (not a chapter, or the
    parameter is not declared enumerable); input errors as build errors naming the chapter."""
    if not is_chapter(part_id):
        return None
    try:
        return enumerable_values(part_id, parameter, params)
    except InputError as err:
        failures = tuple((f.row, f.column, f.rule, f.value) for f in err.failures)
        raise InputCheckError(part_id, str(err), file=err.file, failures=failures) from None


def period_line(record: Mapping[str, Any], edition_date: str) -> str:
    """The line under a chapter's title as an edition of `edition_date` prints it: the recorded
    period (`report.period`) and, when its figures are over a year older, the age sentence."""
    from analysis.core.dates import Period

    return Period.from_record(record).at(edition_date)


def series_outputs(record: Mapping[str, Any], series_file: str | None,
                   figures: Mapping[str, Mapping[str, Any]]) -> list[dict]:
    """The notebook outputs of one series section a chapter placed (`report.since_last`,
    `report.development`, `report.invented_notice`): composed from the series file (the
    published earlier editions) and this edition's key figures as the chapter recorded them
    (name → {value, unit, label, ...})."""
    from analysis.core import seriesviews as sv
    from analysis.core.keyfigures import KeyFigure
    from report import show

    chapter, view = record["chapter"], record["view"]
    current = [KeyFigure(name, f["value"], f.get("unit"), **{k: v for k, v in f.items() if k not in ("value", "unit")})
               for name, f in figures.items()]
    if view == "notice":
        sec = sv.notice_section(series_file, chapter)
    elif view == "since_last":
        sec = sv.since_last(series_file, chapter, current, notice=bool(record.get("notice", True)))
    else:
        spec = record["spec"]
        sec = sv.development(series_file, chapter, current,
                             sv.SeriesSpec(tuple(spec["names"]), spec["title"], bool(spec.get("by_as_of")),
                                           spec.get("as_of_label") or "Opgjort", dict(spec.get("labels") or {})))
    return show.captured(show.section, sec)


def edition_dated(part_id: str, parameters: Mapping[str, Any], edition_date: str) -> dict[str, str]:
    """The date parameters of a chapter left empty that mean the edition's date
    (`analysis.chapters.EDITION_DATED`), filled with it."""
    return {k: edition_date for k in EDITION_DATED.get(part_id, ()) if k in parameters and not parameters[k]}
