"""Loading the Jobcenterbenchmark inputs: every file read and validated (all failures at once),
then tidied into one long table (table, group, measure, municipality, value) in which every
missing cell is a recorded gap."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ...core.errors import Failure, InputError, ParameterValueError
from ...core.readers import read_table
from ...core.validation import raise_if, validate
from ...core.voice import Claims, claims_beside
from .schemas import (
    COST_DRIVERS,
    EXPENDITURE,
    FTE_CORRECTION,
    GAPS,
    GROUP_TABLES_SCHEMA,
    KEY_FIGURES,
    PEER_NAMES,
    PERIOD,
    SOURCE_NOTES,
    TEXT_STATEMENTS,
    TIDY,
    UNIT_COSTS_BY_GROUP,
    UNIT_COSTS_BY_TASK,
    range_failures,
)
from .terms import B2, CHAPTER, COST_UNIT, GROUPS, MCOLS, N_MUNICIPALITIES, T32, T33

FILE_PARAMS = {
    "unit_costs_by_group_file": UNIT_COSTS_BY_GROUP,
    "unit_costs_by_task_file": UNIT_COSTS_BY_TASK,
    "group_tables_file": GROUP_TABLES_SCHEMA,
    "key_figures_file": KEY_FIGURES,
    "expenditure_file": EXPENDITURE,
    "cost_drivers_file": COST_DRIVERS,
    "fte_correction_file": FTE_CORRECTION,
    "text_statements_file": TEXT_STATEMENTS,
    "gaps_file": GAPS,
    "peer_names_file": PEER_NAMES,
    "period_file": PERIOD,
    "source_notes_file": SOURCE_NOTES,
}


@dataclass(frozen=True)
class Inputs:
    """Every validated input of the chapter, and the tidy long table built from them."""

    unit_costs_by_group: pd.DataFrame
    unit_costs_by_task: pd.DataFrame
    group_tables: pd.DataFrame
    key_figures: pd.DataFrame
    expenditure: pd.DataFrame
    cost_drivers: pd.DataFrame
    fte_correction: pd.DataFrame
    text: pd.DataFrame
    gaps: pd.DataFrame
    peer_names: pd.DataFrame
    municipalities: tuple[str, ...]
    tidy: pd.DataFrame
    period: pd.DataFrame
    source_notes: pd.DataFrame
    # the claims register beside the source notes (what BDO says, with its conditions)
    claims: Claims | None = None
    # the focus municipality as the book shows it (the `focus` parameter resolved once)
    focus_name: str = ""
    # the validated parameters the inputs were read with (focus, tolerance_pct, groups, ...)
    parameters: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def tolerance_pct(self) -> float:
        """The tolerance band (percent) within which a deviation counts as on the average."""
        return float(self.parameters.get("tolerance_pct", 2.0))

    @property
    def is_norddjurs(self) -> bool:
        """True when the focus is Norddjurs (the first municipality), whose own texts the book has."""
        return self.focus_name == self.municipalities[0]


def _text(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """Strip text cells (Excel extracts may pad them); an empty text cell becomes missing."""
    out = df.copy()
    for c in cols:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(lambda v: (v.strip() or np.nan) if isinstance(v, str) else v)
    return out


def municipality_labels(peer_names: pd.DataFrame) -> tuple[str, ...]:
    """Labels in printed column order: the analyst's real name where filled, else the neutral
    label (`Kommune B` .. `Kommune J`; Norddjurs is column 1)."""
    df = peer_names.sort_values("column")
    return tuple(n if isinstance(n, str) and n.strip() else lab
                 for lab, n in zip(df["label"], df["name"]))


def focus_values(params: Mapping[str, Any]) -> list[str]:
    """Every municipality the chapter can be seen from (the values of `focus`), in the printed
    column order, as the book shows them (the real name where the analyst filled it in)."""
    peers = validate(_text(read_table(params["peer_names_file"], parameter="peer_names_file",
                                       columns=params.get("book_column_map")),
                           ["label", "name"]), PEER_NAMES, file=str(params["peer_names_file"]))
    return list(municipality_labels(peers))


def _peer_rules(df: pd.DataFrame, file: str) -> None:
    fails = []
    cols = set(df["column"])
    for i in range(1, N_MUNICIPALITIES + 1):
        if i not in cols:
            fails.append(Failure(None, "column", f"column {i} has no row (need 1-{N_MUNICIPALITIES})", i))
    names = df["name"].dropna().map(str.strip)
    names = names[names != ""]
    for idx, n in names[names.duplicated(keep=False)].items():
        fails.append(Failure(int(idx), "name", "a name may be used for one column only", n))
    clash = set(names) & (set(df["label"]) - set(names))
    for idx, n in names[names.isin(clash)].items():
        if n != df.loc[idx, "label"]:
            fails.append(Failure(int(idx), "name", "name equals another column's label", n))
    raise_if(file, fails)


def _gap_index(gaps: pd.DataFrame) -> dict[tuple[str, str, str, int], str]:
    out = {}
    for rec in gaps.to_dict("records"):
        cols = range(1, N_MUNICIPALITIES + 1) if pd.isna(rec["column"]) else [int(rec["column"])]
        for c in cols:
            out[(str(rec["table"]), rec["group"], rec["measure"], c)] = rec["kind"]
    return out


def _find_gap(index: dict, table: str, group: str, measure: str, col: int) -> str | None:
    for g in (group, "*"):
        for m in (measure, "*"):
            hit = index.get((table, g, m, col))
            if hit:
                return hit
    return None


def _wide_frames(inp: Mapping[str, pd.DataFrame]) -> list[tuple[str, str, pd.DataFrame]]:
    """(file, table id, frame with table/group/measure/unit columns) for each wide input."""
    g32 = inp["unit_costs_by_group_file"].assign(table=T32, unit=COST_UNIT)
    t33 = inp["unit_costs_by_task_file"].assign(table=T33, group="alle", unit=COST_UNIT)
    g5 = inp["group_tables_file"]
    kf = inp["key_figures_file"].assign(table=B2)
    kf = kf.assign(measure=np.where(kf["section"] == "rammevilkaar",
                                    "rammevilkaar_" + kf["group"], kf["measure"]))
    return [("unit_costs_by_group_file", T32, g32), ("unit_costs_by_task_file", T33, t33),
            ("group_tables_file", "kapitel 5", g5), ("key_figures_file", B2, kf)]


def tidy_values(inp: Mapping[str, pd.DataFrame], gaps: pd.DataFrame,
                municipalities: tuple[str, ...], files: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One long table (table, group, measure, unit, column, municipality, value, gap).

    Raises InputError when a cell is empty without a recorded gap, or a recorded gap points to
    a cell that holds a value."""
    index = _gap_index(gaps)
    rows, fails = [], {}
    for param, _tab, df in _wide_frames(inp):
        for idx, rec in zip(df.index, df.to_dict("records")):  # plain values: no Series per row
            for i, c in enumerate(MCOLS, start=1):
                v = rec[c]
                gap = _find_gap(index, str(rec["table"]), rec["group"], rec["measure"], i)
                if pd.isna(v) and gap is None:
                    fails.setdefault(param, []).append(
                        Failure(int(idx), c, "empty cell without a recorded gap in the gaps file", None))
                if not pd.isna(v) and gap is not None:
                    fails.setdefault(param, []).append(
                        Failure(int(idx), c, f"a gap ({gap}) is recorded for a cell that holds a value", v))
                rows.append((str(rec["table"]), rec["group"], rec["measure"], rec["unit"], i,
                             municipalities[i - 1], None if pd.isna(v) else float(v),
                             gap if pd.isna(v) else None))
    for param, f in fails.items():
        raise_if((files or {}).get(param, param), f)
    out = pd.DataFrame(rows, columns=["table", "group", "measure", "unit", "column",
                                      "municipality", "value", "gap"])
    out["value"] = out["value"].astype(float)
    return validate(out, TIDY, file="tidy benchmark table")


def load_inputs(params: Mapping[str, Any]) -> Inputs:
    """Read and validate every benchmark input named in `params` (keys ending in `_file`)."""
    frames: dict[str, pd.DataFrame] = {}
    files: dict[str, str] = {}
    for key, schema in FILE_PARAMS.items():
        if key not in params:
            raise InputError(f"<parameter {key}>", [Failure(None, None, "input file parameter is missing", key)])
        raw = read_table(params[key], parameter=key, columns=params.get("book_column_map"))
        raw = _text(raw, list(raw.columns))
        files[key] = raw.attrs.get("file", str(params[key]))
        frames[key] = validate(raw, schema, file=files[key])
        if key in ("group_tables_file", "key_figures_file"):
            raise_if(files[key], range_failures(frames[key]))
    peers = frames["peer_names_file"]
    _peer_rules(peers, files["peer_names_file"])
    munis = municipality_labels(peers)
    tidy = tidy_values(frames, frames["gaps_file"], munis, files)
    focus_name = resolve_focus(str(params["focus"]), munis, peers) if "focus" in params else munis[0]
    if "groups" in params:
        selected_groups(list(params["groups"] or []))
    return Inputs(
        unit_costs_by_group=frames["unit_costs_by_group_file"],
        unit_costs_by_task=frames["unit_costs_by_task_file"],
        group_tables=frames["group_tables_file"], key_figures=frames["key_figures_file"],
        expenditure=frames["expenditure_file"], cost_drivers=frames["cost_drivers_file"],
        fte_correction=frames["fte_correction_file"], text=frames["text_statements_file"],
        gaps=frames["gaps_file"], peer_names=peers, municipalities=munis, tidy=tidy,
        period=_period(frames["period_file"], files["period_file"]), source_notes=frames["source_notes_file"],
        claims=claims_beside(params["source_notes_file"]), focus_name=focus_name,
        parameters=MappingProxyType(dict(params)))


def _period(df: pd.DataFrame, file: str) -> pd.DataFrame:
    """The period file with its dates checked (ISO dates; the report year a year)."""
    fails = []
    for idx, rec in df.iterrows():
        try:
            if rec["key"] == "report_year":
                int(rec["value"])
            else:
                dt.date.fromisoformat(rec["value"])
        except ValueError:
            fails.append(Failure(int(idx), "value", "an ISO date (YYYY-MM-DD), or a year for report_year",
                                 rec["value"]))
    missing = {"figures_start", "figures_end"} - set(df["key"])
    fails += [Failure(None, "key", "a row for this key is required", k) for k in sorted(missing)]
    raise_if(file, fails)
    return df


def resolve_focus(focus: str, municipalities: tuple[str, ...], peer_names: pd.DataFrame) -> str:
    """The focus as shown in the book: accepts a label (`Kommune C`) or a mapped name."""
    if focus in municipalities:
        return focus
    by_label = dict(zip(peer_names["label"], municipality_labels(peer_names)))
    if focus in by_label:
        return by_label[focus]
    raise ParameterValueError(CHAPTER, "focus", focus, "not a participating municipality; "
                              f"known: {', '.join(municipalities)}")


def selected_groups(groups: list[str] | tuple[str, ...]) -> list[str]:
    """Target groups to show, in the source's order; empty = all. Unknown ids are an error."""
    if not groups:
        return list(GROUPS)
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        raise ParameterValueError(CHAPTER, "groups", unknown, f"unknown target group(s); known: {', '.join(GROUPS)}")
    return [g for g in GROUPS if g in set(groups)]


# The schema of every input parameter (for the README's column table and the open data).
INPUT_SCHEMAS = FILE_PARAMS
