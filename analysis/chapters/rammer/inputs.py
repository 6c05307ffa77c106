"""Inputs of the Rammer chapter: parameters, reading and validation.

Files (parameters ending in `_file`, each a CSV, Danish Excel CSV or .xlsx):

- `budget_shares_file` – the committee's share of the 2022 budget and the split of income and
  expenditure on the employment area (percent).
- `benchmark_file` – the minister's benchmark: expected and actual full-time persons on public
  support per benefit group, the printed difference and rank.
- `framework_file` – VIVE's ranking of framework conditions (1 = the most difficult).
- `contact_file` – citizens in contact with the jobcenter beside pupils and pensioners.
- `intro_figures_file` / `key_figures_file` – single figures printed in the text.
- `akasse_agreements_file` / `akasse_coverage_file` – cooperation agreements with a-kasser.
- `annual_cycle_file` – the committee's annual cycle (months of each activity).
- `periods_file` – the period each block's figures refer to (for the line under the title).
- `tasks_file` / `political_room_file` / `meeting_rules_file` – the committee's tasks, its room
  for political choices and the rules of its meetings (introduction, 2022).
- `asks_file` – what the agenda asks (recommendation and decision per item), for "Til udvalget".

Every file is validated lazily (all failures at once) and raises `InputError` naming file, row,
column, rule and value; a bad parameter value raises `ParameterValueError`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterable, Mapping

import pandas as pd

from ...core.errors import InputError, ParameterValueError
from ...core.readers import read_table
from ...core.validation import raise_if, validate
from ...core.voice import Claims, claims_beside
from .schemas import SCHEMAS, best_effort, cross_row_failures

CHAPTER = "rammer"
BLOCKS: tuple[str, ...] = (
    "udvalget", "oekonomi", "benchmark", "rammevilkaar", "kontakt", "noegletal", "akasser", "aarshjul",
)
# The book is re-rendered once a quarter, in the last month of the quarter.
DEFAULT_EDITION_MONTHS: tuple[int, ...] = (3, 6, 9, 12)

RAW = "data/raw/rammer"
# Parameters set by the build (`book_date`, `book_series_file`, ...), never an input of the chapter.
BUILD_PREFIX = "book_"
DEFAULT_FILES: dict[str, str] = {
    "budget_shares_file": f"{RAW}/budget_shares_2022.csv",
    "benchmark_file": f"{RAW}/benchmark_2020h2_2021h1.csv",
    "framework_file": f"{RAW}/framework_conditions_2016.csv",
    "contact_file": f"{RAW}/jobcenter_contact_2020.csv",
    "intro_figures_file": f"{RAW}/intro_figures_2022.csv",
    "key_figures_file": f"{RAW}/key_figures_2024.csv",
    "akasse_agreements_file": f"{RAW}/akasse_agreements_2024.csv",
    "akasse_coverage_file": f"{RAW}/akasse_coverage_2024.csv",
    "annual_cycle_file": f"{RAW}/annual_cycle_2022.csv",
    "periods_file": f"{RAW}/figure_periods.csv",
    "tasks_file": f"{RAW}/committee_tasks_2022.csv",
    "political_room_file": f"{RAW}/political_room_2022.csv",
    "meeting_rules_file": f"{RAW}/meeting_rules_2022.csv",
    "asks_file": f"{RAW}/committee_asks_2024.csv",
}


def selected_blocks(blocks: Iterable[str] | None) -> tuple[str, ...]:
    """The blocks to show, in chapter order; empty or None means all blocks."""
    chosen = list(blocks or [])
    unknown = [b for b in chosen if b not in BLOCKS]
    if unknown:
        raise ParameterValueError(CHAPTER, "blocks", unknown,
                                  f"unknown block id(s); known: {', '.join(BLOCKS)}")
    return tuple(b for b in BLOCKS if not chosen or b in chosen)


def edition_months(months: Iterable[int] | None) -> tuple[int, ...]:
    """Validated, sorted, unique edition months (1-12); None or empty means the default."""
    chosen = list(months or DEFAULT_EDITION_MONTHS)
    bad = [m for m in chosen if isinstance(m, bool) or not isinstance(m, int) or not 1 <= m <= 12]
    if bad:
        raise ParameterValueError(CHAPTER, "edition_months", bad,
                                  "months must be whole numbers from 1 to 12")
    return tuple(sorted(set(chosen)))


def load_table(key: str, path: str, columns=None) -> pd.DataFrame:
    """Read one input (CSV, Danish Excel CSV or .xlsx), validate it against its schema and the
    cross-row rules, and report every failure of the file at once (InputError); `columns`: the
    edition's column map."""
    raw = read_table(path, parameter=key, columns=columns)
    try:
        df = validate(raw, SCHEMAS[key])
    except InputError as err:
        cross = cross_row_failures(key, best_effort(raw, SCHEMAS[key]))
        failures = sorted(list(err.failures) + cross, key=lambda f: (f.row is not None, f.row or 0))
        raise InputError(err.file, failures) from None
    raise_if(df.attrs["file"], cross_row_failures(key, df))
    return df


@dataclass(frozen=True)
class Inputs:
    """Every validated input of the chapter, one frame per file."""

    budget_shares: pd.DataFrame
    benchmark: pd.DataFrame
    framework: pd.DataFrame
    contact: pd.DataFrame
    intro_figures: pd.DataFrame
    key_figures: pd.DataFrame
    akasse_agreements: pd.DataFrame
    akasse_coverage: pd.DataFrame
    annual_cycle: pd.DataFrame
    periods: pd.DataFrame
    tasks: pd.DataFrame
    political_room: pd.DataFrame
    meeting_rules: pd.DataFrame
    asks: pd.DataFrame
    # the claims register beside the asks file (what the sources say, with their conditions)
    claims: Claims | None = None
    # the blocks shown and the edition months (the `blocks` and `edition_months` parameters resolved once)
    shown: tuple[str, ...] = BLOCKS
    months: tuple[int, ...] = DEFAULT_EDITION_MONTHS
    # the validated parameters the inputs were read with
    parameters: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


def load_inputs(params: Mapping[str, Any]) -> Inputs:
    """Read and validate every input of the chapter. File parameters missing from `params`
    take their default; unknown `*_file` keys are an error. Also validates `blocks` and
    `edition_months` when given. Raises InputError / ParameterValueError."""
    unknown = [k for k in params if k.endswith("_file") and k not in DEFAULT_FILES
               and not k.startswith(BUILD_PREFIX)]
    if unknown:
        raise ParameterValueError(CHAPTER, unknown[0], params[unknown[0]],
                                  f"unknown input parameter; known: {', '.join(DEFAULT_FILES)}")
    cols = params.get("book_column_map")  # the edition's column map (set by the build)
    frames = {k: load_table(k, params.get(k) or default, cols) for k, default in DEFAULT_FILES.items()}
    return Inputs(**{k[: -len("_file")]: v for k, v in frames.items()},
                  claims=claims_beside(params.get("asks_file") or DEFAULT_FILES["asks_file"]),
                  shown=selected_blocks(params.get("blocks")), months=edition_months(params.get("edition_months")),
                  parameters=MappingProxyType(dict(params)))


# The schema of every input parameter (for the README's column table and the open data).
INPUT_SCHEMAS = SCHEMAS
