"""Inputs of the Kvoter chapter: schemas, reading and validation.

Files (parameters ending in `_file`):

- `roster_file` – the unit roster an analyst replaces each quarter: one row per unit
  (contract holder / p-number) with `unit_id`, `unit_name` (optional), `area` (a director
  area as named in Tabel 1), `employees` and current placements per type (`loentilskud`,
  `fleksjob`, `virksomhedspraktik`, `voksenlaerling`). CSV, Danish Excel CSV or .xlsx.
- `placements_file` – placements by type at the reference date, as printed.
- `quota_table_file` – Tabel 1 as printed: employees and the quota per director area at each
  printed threshold (`quota_n<N>` columns), plus its "I alt" row.
- `stated_figures_file` – figures the text states (places held, ratio, totals, gap, increase).
- `quota_examples_file` – the worked examples of the quota rule printed in the text.
- `periods_file` – the dates the placements and the employees refer to, as printed.
- `committee_file` – what the source asks of the committee (our wording, one point a row);
  the claims register `claims.csv` beside it says which points are the source's (`udvalget-<n>`).

Every file is validated lazily (all failures at once) and raises `InputError` naming file,
row, column, rule and value.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

import pandas as pd
import pandera.pandas as pa

from ...core.errors import Failure, InputError, ParameterValueError
from ...core.readers import read_table
from ...core.validation import raise_if, validate
from ...core.voice import Claims, claims_beside
from . import schemas
from .schemas import MODELS, PLACEMENT_TYPES, QUOTA_COLUMN, ROSTER_COLUMNS, WHOLE

CHAPTER = "kvoter"

# The threshold sweep shows one employee count per place from sweep_min to sweep_max; beyond
# this a place per that many employees means no places at all in any unit of the municipality.
SWEEP_MAX_LIMIT = 1000


def _parameter_error(key: str, value: object, rule: str) -> ParameterValueError:
    return ParameterValueError(CHAPTER, key, value, rule)


@dataclass(frozen=True)
class Inputs:
    """Every validated input of the chapter (frames are never changed after loading)."""

    roster: pd.DataFrame
    placements: pd.DataFrame
    quota_table: pd.DataFrame
    stated: pd.DataFrame
    examples: pd.DataFrame

    periods: pd.DataFrame
    committee: pd.DataFrame
    # the claims register beside the committee file (what the source says, with its conditions)
    claims: Claims | None = None
    # the validated parameters the inputs were read with (thresholds, sweep, roster_is_synthetic, ...)
    parameters: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def areas(self) -> list[str]:
        """The director areas, in the order of the published table."""
        return known_areas(self.quota_table)


# ---------------------------------------------------------------- helpers
def _whole_numbers(df: pd.DataFrame, columns) -> tuple[pd.DataFrame, list[Failure]]:
    """Coerce `columns` to numbers; text that is not a number becomes a failure (and NaN)."""
    out = df.copy()
    failures: list[Failure] = []
    for c in columns:
        if c not in out.columns:
            continue
        raw = out[c]
        num = pd.to_numeric(raw.astype("string").str.strip(), errors="coerce")
        for row, value in raw[num.isna() & raw.notna()].items():
            failures.append(Failure(int(row), c, WHOLE, value))
        out[c] = num.astype("float64")
    return out, failures


def _run(df: pd.DataFrame, schema: pa.DataFrameSchema, pre: list[Failure], file: str,
         cross=None) -> pd.DataFrame:
    """Schema validation plus pre-found and cross-row failures, reported once."""
    failures = list(pre)
    out = df
    try:
        out = validate(df, schema, file)
    except InputError as err:
        seen = {(f.row, f.column) for f in pre}
        failures += [f for f in err.failures if (f.row, f.column) not in seen]
    if cross is not None:
        failures += cross(df)
    failures.sort(key=lambda f: (f.row is not None, f.row or 0, f.column or ""))
    raise_if(file, failures)
    out.attrs["file"] = file
    return out


def _strip_text(df: pd.DataFrame, columns) -> pd.DataFrame:
    out = df.copy()
    for c in columns:
        if c in out.columns:
            s = out[c].astype("str").str.strip()
            out[c] = s.mask(s == "")
    return out


def _as_int(df: pd.DataFrame, columns) -> pd.DataFrame:
    out = df.copy()
    for c in columns:
        out[c] = out[c].astype("int64")
    return out


def _unique(df: pd.DataFrame, column: str, rule: str) -> list[Failure]:
    failures = []
    first: dict[object, int] = {}
    for row, value in df[column].items():
        if value is None or (isinstance(value, float) and pd.isna(value)):
            continue
        if value in first:
            failures.append(Failure(int(row), column, f"{rule} (also in row {first[value]})", value))
        else:
            first[value] = int(row)
    return failures


# ---------------------------------------------------------------- published tables
def quota_columns(df: pd.DataFrame) -> dict[int, str]:
    """Threshold → column of the quota table (`quota_n15` → 15), in printed order."""
    return {int(m.group(1)): c for c in df.columns if (m := QUOTA_COLUMN.match(str(c)))}


def known_areas(quota_table: pd.DataFrame) -> list[str]:
    """The director areas of Tabel 1 (its area rows), in printed order."""
    return [str(a) for a in quota_table.loc[quota_table["row_type"] == "area", "area"]]


def read_quota_table(path, parameter: str = "quota_table_file", columns=None) -> pd.DataFrame:
    """Read and validate Tabel 1: unique areas, one total row, whole counts."""
    df = read_table(path, parameter, columns=columns)
    file = df.attrs["file"]
    qcols = list(quota_columns(df))
    qnames = [f"quota_n{n}" for n in qcols]
    df = _strip_text(df, ["area", "row_type"])
    df, pre = _whole_numbers(df, ["employees", *qnames])
    if not qcols:
        pre.append(Failure(None, None, "needs at least one quota column named quota_n<N>"))
    schema = schemas.quota_table(qnames)

    def cross(d: pd.DataFrame) -> list[Failure]:
        out = _unique(d, "area", "area must be unique") if "area" in d else []
        if "row_type" in d and int((d["row_type"] == "total").sum()) != 1:
            out.append(Failure(None, "row_type", "needs exactly one 'total' row"))
        return out

    df = _run(df, schema, pre, file, cross)
    return _as_int(df, ["employees", *qnames])


def read_placements(path, parameter: str = "placements_file", columns=None) -> pd.DataFrame:
    """Read and validate the placements by type: each known type exactly once."""
    df = read_table(path, parameter, columns=columns)
    file = df.attrs["file"]
    df = _strip_text(df, ["placement_type", "label"])
    df, pre = _whole_numbers(df, ["placements"])
    schema = schemas.placements()

    def cross(d: pd.DataFrame) -> list[Failure]:
        if "placement_type" not in d:
            return []
        out = _unique(d, "placement_type", "placement type must be unique")
        missing = [t for t in PLACEMENT_TYPES if t not in set(d["placement_type"])]
        if missing:
            out.append(Failure(None, "placement_type", "a placement type is missing",
                               ", ".join(missing)))
        return out

    df = _run(df, schema, pre, file, cross)
    return _as_int(df, ["placements"])


def read_stated(path, parameter: str = "stated_figures_file", columns=None) -> pd.DataFrame:
    """Read and validate the figures the text states (unique per figure and section)."""
    df = read_table(path, parameter, columns=columns)
    file = df.attrs["file"]
    df = _strip_text(df, ["figure", "section", "unit", "statement"])
    schema = schemas.stated()

    def cross(d: pd.DataFrame) -> list[Failure]:
        if not {"figure", "section"} <= set(d.columns):
            return []
        key = d["figure"].astype(str) + " @ " + d["section"].astype(str)
        return _unique(pd.DataFrame({"figure": key}), "figure", "figure and section must be unique")

    return _run(df, schema, [], file, cross)


def read_examples(path, parameter: str = "quota_examples_file", columns=None) -> pd.DataFrame:
    """Read and validate the worked examples of the quota rule."""
    df = read_table(path, parameter, columns=columns)
    file = df.attrs["file"]
    df, pre = _whole_numbers(df, ["employees", "threshold", "quota"])
    schema = schemas.examples()
    df = _run(df, schema, pre, file)
    return _as_int(df, ["employees", "threshold", "quota"])


def read_periods(path, parameter: str = "periods_file", columns=None) -> pd.DataFrame:
    """Read and validate the dates the figures refer to (real dates; each kind once)."""
    df = read_table(path, parameter, text_columns=("date",), columns=columns)
    file = df.attrs["file"]
    df = _strip_text(df, ["figures", "date", "precision", "printed", "section"])

    def cross(d: pd.DataFrame) -> list[Failure]:
        out = _unique(d, "figures", "each kind of figures at most once") if "figures" in d else []
        for row, value in (d["date"].items() if "date" in d else []):
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                out.append(Failure(int(row), "date", "must be a real date", value))
        if "figures" in d and "placements" not in set(d["figures"]):
            out.append(Failure(None, "figures", "needs the date of the placements"))
        return out

    return _run(df, schemas.periods(), [], file, cross)


def read_committee(path, parameter: str = "committee_file", columns=None) -> pd.DataFrame:
    """Read and validate what the source asks of the committee (at least one point)."""
    df = read_table(path, parameter, columns=columns)
    file = df.attrs["file"]
    df = _strip_text(df, ["kind", "point", "section"])
    if "date" in df.columns:
        df["date"] = df["date"].map(lambda v: None if pd.isna(v) or not str(v).strip() else str(v).strip())
    df, pre = _whole_numbers(df, ["order"])
    if len(df) == 0:
        pre.append(Failure(None, None, "needs at least one point"))
    df = _run(df, schemas.committee_ask(), pre, file, _committee_rules)
    return _as_int(df, ["order"]).sort_values("order", kind="stable")


def _committee_rules(df: pd.DataFrame) -> list[Failure]:
    """An option or the source's proposal follows its ask; a decision taken has its date."""
    if not {"kind", "order"} <= set(df.columns):
        return []
    failures, before = [], None
    for row, r in df.sort_values("order", kind="stable").iterrows():
        if r["kind"] in ("option", "recommendation") and before not in ("ask", "option", "recommendation"):
            failures.append(Failure(int(row), "kind", "an option follows the ask it belongs to", r["kind"]))
        if r["kind"] == "decided" and not r.get("date"):
            failures.append(Failure(int(row), "date", "a decision taken needs its date", r.get("date")))
        before = r["kind"]
    return failures


# ---------------------------------------------------------------- the roster
def read_roster(path, areas: list[str], parameter: str = "roster_file", columns=None) -> pd.DataFrame:
    """Read and validate a unit roster: unique unit ids, known director areas, whole numbers
    of zero or more for employees and every placement type."""
    df = read_table(path, parameter, columns=columns)
    file = df.attrs["file"]
    if "unit_name" not in df.columns:
        df = df.assign(unit_name=None)
    numbers = ["employees", *PLACEMENT_TYPES]
    df = _strip_text(df, ["unit_id", "unit_name", "area"])
    df, pre = _whole_numbers(df, numbers)
    schema = schemas.roster(areas)
    if len(df) == 0:
        pre.append(Failure(None, None, "the roster has no units"))

    def cross(d: pd.DataFrame) -> list[Failure]:
        return _unique(d, "unit_id", "unit id must be unique") if "unit_id" in d else []

    df = _run(df, schema, pre, file, cross)
    df = _as_int(df, numbers)
    return df[list(ROSTER_COLUMNS)]


# ---------------------------------------------------------------- parameters
def check_parameters(params: Mapping[str, Any]) -> None:
    """Value rules for the chapter's non-file parameters (present keys only)."""
    if "thresholds" in params:
        t = params["thresholds"]
        if (not isinstance(t, (list, tuple)) or not t
                or any(isinstance(n, bool) or not isinstance(n, int) or n < 1 for n in t)):
            raise _parameter_error("thresholds", t, "a non-empty list of whole numbers >= 1")
        if len(set(t)) != len(t):
            raise _parameter_error("thresholds", t, "each threshold at most once")
    if "highlight_model" in params and params["highlight_model"] not in MODELS:
        raise _parameter_error("highlight_model", params["highlight_model"], f"one of {', '.join(MODELS)}")
    lo, hi = params.get("sweep_min", 1), params.get("sweep_max", 1)
    if not (isinstance(lo, int) and isinstance(hi, int) and 1 <= lo <= hi <= SWEEP_MAX_LIMIT):
        raise _parameter_error("sweep_min", (lo, hi), f"1 <= sweep_min <= sweep_max <= {SWEEP_MAX_LIMIT}")
    for key in ("book_date", "roster_date"):
        if params.get(key):
            try:
                dt.date.fromisoformat(str(params[key]))
            except ValueError:
                raise _parameter_error(key, params[key], "an ISO date, YYYY-MM-DD") from None
    t = params.get("disclosure_threshold", 5)
    if isinstance(t, bool) or not isinstance(t, int) or t < 1:
        raise _parameter_error("disclosure_threshold", t, "a whole number >= 1")
    if "top_units" in params and (not isinstance(params["top_units"], int) or params["top_units"] < 1):
        raise _parameter_error("top_units", params["top_units"], "a whole number >= 1")


def load_inputs(params: Mapping[str, Any]) -> Inputs:
    """Read and validate every input of the chapter (see the module docstring)."""
    check_parameters(params)
    cols = params.get("book_column_map")  # the edition's column map (set by the build)
    quota_table = read_quota_table(params["quota_table_file"], columns=cols)
    areas = known_areas(quota_table)
    return Inputs(
        roster=read_roster(params["roster_file"], areas, columns=cols),
        placements=read_placements(params["placements_file"], columns=cols),
        quota_table=quota_table,
        stated=read_stated(params["stated_figures_file"], columns=cols),
        examples=read_examples(params["quota_examples_file"], columns=cols),
        periods=read_periods(params["periods_file"], columns=cols),
        committee=read_committee(params["committee_file"], columns=cols),
        claims=claims_beside(params["committee_file"]),
        parameters=MappingProxyType(dict(params)),
    )


# The schema of every input parameter (for the README's column table and the open data); Tabel 1
# has a column quota_n<N> per threshold N, and the roster's areas are Tabel 1's.
INPUT_SCHEMAS = {
    "roster_file": schemas.roster([]), "placements_file": schemas.placements(),
    "quota_table_file": schemas.quota_table(["quota_n<N>"]), "stated_figures_file": schemas.stated(),
    "quota_examples_file": schemas.examples(), "periods_file": schemas.periods(),
    "committee_file": schemas.committee_ask(),
}
