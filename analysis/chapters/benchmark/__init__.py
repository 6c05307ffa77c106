"""Jobcenterbenchmark: unit costs, quality indicators and results of Norddjurs and nine peer
municipalities (BDO, *Jobcenterbenchmark 2023*), from any participant's point of view.

Inputs are transcribed as printed (wide: one column per municipality in printed order,
`m01` = Norddjurs, `m02`..`m10` = the unnamed peers) and tidied into one long table
(table, group, measure, municipality, value) in which every missing cell is a recorded gap.
All computations take a `focus` municipality; the average is always "the others", i.e. the
mean of every municipality but the focus, leaving out gaps (the source's own convention:
"Gennemsnittet er ekskl. Norddjurs").
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ...core.errors import Failure, InputError
from ...core.readers import read_table
from ...core.validation import raise_if, validate

CHAPTER = "benchmark"
DOCUMENT = "BDO: Jobcenterbenchmark 2023, Norddjurs Kommune"
N_MUNICIPALITIES = 10
MCOLS = [f"m{i:02d}" for i in range(1, N_MUNICIPALITIES + 1)]
COST_UNIT = "1.000 kr. pr. fuldtidsperson"

# Target groups in the source's order, with the short Danish names used in tables and figures.
GROUPS: dict[str, str] = {
    "dagpenge": "Dagpenge",
    "kh_jobparat": "Kontanthjælp, jobparate",
    "kh_aktivitetsparat": "Kontanthjælp, aktivitetsparate",
    "uh_uddannelsesparat": "Uddannelseshjælp, uddannelsesparate",
    "uh_aktivitetsparat": "Uddannelseshjælp, aktivitetsparate",
    "sh_ydelse": "Selvforsørgelses- og hjemsendelsesydelse",
    "revalidering": "Revalidering",
    "sygedagpenge": "Sygedagpenge",
    "jobafklaring": "Jobafklaring",
    "fleksjob": "Fleksjob og ledighedsydelse",
    "ressourceforloeb": "Ressourceforløb",
}
# Section and table of chapter 5 per group (Tabel 5.10 does not exist in the source).
GROUP_TABLES = {"dagpenge": "Tabel 5.1", "kh_jobparat": "Tabel 5.2", "kh_aktivitetsparat": "Tabel 5.3",
                "uh_uddannelsesparat": "Tabel 5.4", "uh_aktivitetsparat": "Tabel 5.5",
                "sh_ydelse": "Tabel 5.6", "revalidering": "Tabel 5.7", "sygedagpenge": "Tabel 5.8",
                "jobafklaring": "Tabel 5.9", "fleksjob": "Tabel 5.11", "ressourceforloeb": "Tabel 5.12"}
T32, T33, B2 = "Tabel 3.2", "Tabel 3.3", "Bilag 2"

# Tasks of the cost profile: main tasks add up to `samlet`; sub-tasks to their main task.
MAIN_TASKS = ["sagsbehandling", "virksomhedsindsats", "beskaeftigelsestilbud", "foelgeudgifter",
              "administration", "ledelse"]
SUB_TASKS = {"virksomhedsindsats": ["udplacering", "virksomhedsindsats_oevrigt", "rekrutteringsservice"],
             "beskaeftigelsestilbud": ["ordinaer_uddannelse", "oevrig_vejledning", "mentor"]}
MEASURES: dict[str, str] = {
    "enhedsomkostning": "Enhedsomkostning",
    "sagsbehandling": "Sagsbehandling mv.",
    "rehabiliteringsteam": "heraf rehabiliteringsteam",
    "virksomhedsindsats": "Virksomhedsindsats i alt",
    "udplacering": "heraf udplacering",
    "virksomhedsindsats_oevrigt": "heraf øvrig virksomhedsindsats",
    "rekrutteringsservice": "heraf rekrutteringsservice",
    "beskaeftigelsestilbud": "Beskæftigelsestilbud i alt",
    "ordinaer_uddannelse": "heraf ordinær uddannelse",
    "oevrig_vejledning": "heraf øvrig vejledning og opkvalificering",
    "mentor": "heraf mentor",
    "foelgeudgifter": "Følgeudgifter (konto 5+6)",
    "foelgeudgifter_konto_5": "Følgeudgifter konto 5",
    "foelgeudgifter_konto_6": "Følgeudgifter konto 6",
    "administration": "Administration og møder",
    "ledelse": "Ledelse/teamledelse",
    "samlet": "Samlet",
    "samlet_ekskl_puljer": "Samlet ekskl. puljer",
    "samlet_konto_5": "Samlet konto 5",
    "samlet_konto_6": "Samlet konto 6",
    "samtaleintensitet": "Samtaleintensitet (samtaler pr. kvartal)",
    "beroert_aktivering": "Berørt af aktivering",
    "beroert_virksomhedsrettet": "Berørt af virksomhedsrettet aktivering",
    "aktiveringsgrad": "Aktiveringsgrad",
    "virksomhedsrettet_aktiveringsgrad": "Virksomhedsrettet aktiveringsgrad",
    "afgangsrate": "Afgangsrate til job og uddannelse",
    "varighed": "Gns. varighed på offentlig forsørgelse (år)",
}
QUALITY = ["samtaleintensitet", "beroert_aktivering", "beroert_virksomhedsrettet", "aktiveringsgrad",
           "virksomhedsrettet_aktiveringsgrad", "afgangsrate", "varighed"]
RESULT_MEASURE = "afgangsrate"
# Measures that may be negative as printed: the konto 5/6 split of a total (Tabel 5.6 prints a
# negative konto 6 amount for one peer); deviations are separate columns, not values.
SIGNED_MEASURES = {"samlet_konto_5", "samlet_konto_6"}
# Shares that cannot exceed 100 %. Aktiveringsgrad is a ratio of full-time persons (persons in
# activation / persons on benefit) and is printed above 100 % once (Tabel 5.7), so it is >= 0 only.
CAPPED_SHARES = {"beroert_aktivering", "beroert_virksomhedsrettet", "afgangsrate",
                 "forsoergelsestryk", "ressourcefordeling", "andel_virksomhedsindsats",
                 "andel_administration", "andel_ledelse"}

# The source's four groups (section 3.3), numbered as in the source, with its own terms.
QUADRANTS = {1: "Investeringspotentiale", 2: "Optimeringspotentiale",
             3: "Effektiviseringspotentiale", 4: "Høj omkostningseffektivitet"}
QUADRANT_RULE = {1: "omkostninger på/under gns., resultater under gns.",
                 2: "omkostninger over gns., resultater under gns.",
                 3: "omkostninger over gns., resultater på/over gns.",
                 4: "omkostninger på/under gns., resultater på/over gns."}

GAP_KINDS = {"printed_dash": "trykt som '-'",
             "column_not_printed": "kolonnen mangler i teksten",
             "table_not_in_text": "tabellen mangler i teksten"}

# ---------------------------------------------------------------- schemas
_num = dict(nullable=True, coerce=True)
_mcols = {c: pa.Column(float, **_num) for c in MCOLS}
_group_ids = list(GROUPS)

RANGE_RULE = "shares must lie in 0-100 %, costs/durations must be >= 0"


def range_failures(df: pd.DataFrame) -> list[Failure]:
    """Cross-field rule of a wide table: each municipality value >= 0 (except the konto 5/6
    split of a total), and <= 100 when the row is a share in %."""
    out = []
    for idx, rec in df.iterrows():
        signed = rec["measure"] in SIGNED_MEASURES
        capped = rec["measure"] in CAPPED_SHARES and rec.get("unit") == "%"
        for c in MCOLS:
            v = rec[c]
            if pd.isna(v):
                continue
            if (v < 0 and not signed) or (v > 100 and capped):
                out.append(Failure(int(idx), c, RANGE_RULE, float(v)))
    return out

UNIT_COSTS_BY_GROUP = pa.DataFrameSchema(
    {"group": pa.Column(str, pa.Check.isin(_group_ids + ["alle"])),
     "measure": pa.Column(str, pa.Check.isin(list(MEASURES))),
     "label": pa.Column(str),
     **{c: pa.Column(float, pa.Check.ge(0), **_num) for c in MCOLS},
     "average": pa.Column(float, pa.Check.ge(0), coerce=True)},
    strict=True, unique=["group", "measure"])

UNIT_COSTS_BY_TASK = pa.DataFrameSchema(
    {"measure": pa.Column(str, pa.Check.isin(list(MEASURES))),
     "label": pa.Column(str),
     **{c: pa.Column(float, pa.Check.ge(0), **_num) for c in MCOLS},
     "average": pa.Column(float, pa.Check.ge(0), coerce=True),
     "deviation_pct": pa.Column(float, coerce=True)},
    strict=True, unique=["measure", "label"])

GROUP_TABLES_SCHEMA = pa.DataFrameSchema(
    {"table": pa.Column(str, coerce=True),
     "group": pa.Column(str, pa.Check.isin(_group_ids)),
     "measure": pa.Column(str, pa.Check.isin(list(MEASURES))),
     "label": pa.Column(str),
     "unit": pa.Column(str),
     "decimals": pa.Column(int, pa.Check.in_range(0, 3), coerce=True),
     **_mcols,
     "average": pa.Column(float, coerce=True),
     "deviation": pa.Column(float, **_num)},
    strict=True, unique=["group", "measure"])

KEY_FIGURES = pa.DataFrameSchema(
    {"section": pa.Column(str), "group": pa.Column(str), "measure": pa.Column(str),
     "label": pa.Column(str), "unit": pa.Column(str), **_mcols,
     "average": pa.Column(float, coerce=True)},
    strict=True, unique=["section", "group", "measure", "label"])

EXPENDITURE = pa.DataFrameSchema(
    {"group": pa.Column(str), "label": pa.Column(str),
     "fte": pa.Column(float, pa.Check.ge(0), **_num),
     "expenditure": pa.Column(float, pa.Check.ge(0), coerce=True),
     "expenditure_excl_pools": pa.Column(float, pa.Check.ge(0), coerce=True),
     **{c: pa.Column(float, pa.Check.in_range(0, 100), coerce=True)
        for c in ["share_pct", "share_excl_pools_pct", "others_share_pct", "others_share_excl_pools_pct"]}},
    strict=True, unique=["group"])

COST_DRIVERS = pa.DataFrameSchema(
    {"group": pa.Column(str), "label": pa.Column(str),
     "tool_mix_pct": pa.Column(float, coerce=True), "unit_prices_pct": pa.Column(float, coerce=True)},
    strict=True, unique=["group"])

FTE_CORRECTION = pa.DataFrameSchema(
    {"group": pa.Column(str), "label": pa.Column(str),
     "fte_2019": pa.Column(float, pa.Check.ge(0), coerce=True),
     "share_2019_pct": pa.Column(float, pa.Check.in_range(0, 100), coerce=True),
     "fte_2021_realised": pa.Column(float, pa.Check.ge(0), coerce=True),
     "fte_2021_corrected": pa.Column(float, pa.Check.ge(0), coerce=True)},
    strict=True, unique=["group"])

TEXT_STATEMENTS = pa.DataFrameSchema(
    {"id": pa.Column(str, unique=True), "section": pa.Column(str, coerce=True),
     "group": pa.Column(str), "kind": pa.Column(str), "value": pa.Column(float, coerce=True),
     "unit": pa.Column(str), "note": pa.Column(str, nullable=True)},
    strict=True)

GAPS = pa.DataFrameSchema(
    {"table": pa.Column(str, coerce=True), "group": pa.Column(str), "measure": pa.Column(str),
     "column": pa.Column(float, pa.Check.in_range(1, N_MUNICIPALITIES), **_num),
     "kind": pa.Column(str, pa.Check.isin(list(GAP_KINDS))), "note": pa.Column(str)},
    strict=True)

PEER_NAMES = pa.DataFrameSchema(
    {"column": pa.Column(int, pa.Check.in_range(1, N_MUNICIPALITIES), unique=True, coerce=True),
     "label": pa.Column(str, unique=True),
     "name": pa.Column(str, nullable=True, coerce=True)},
    strict=True)


def _tidy_checks() -> list[pa.Check]:
    def value_range(df: pd.DataFrame) -> pd.Series:
        v = df["value"]
        ok = v.isna() | df["measure"].isin(SIGNED_MEASURES) | (v >= 0)
        capped = df["measure"].isin(CAPPED_SHARES) & (df["unit"] == "%")
        return ok & ~(capped & (v > 100))

    def value_or_gap(df: pd.DataFrame) -> pd.Series:
        return df["value"].notna() ^ df["gap"].notna()

    return [pa.Check(value_range, error=RANGE_RULE),
            pa.Check(value_or_gap, error="each cell holds a value or a recorded gap, not both")]


TIDY = pa.DataFrameSchema(
    {"table": pa.Column(str), "group": pa.Column(str), "measure": pa.Column(str),
     "unit": pa.Column(str), "column": pa.Column(int, pa.Check.in_range(1, N_MUNICIPALITIES)),
     "municipality": pa.Column(str), "value": pa.Column(float, nullable=True),
     "gap": pa.Column(str, nullable=True)},
    checks=_tidy_checks(), unique=["table", "group", "measure", "column"], strict=True)


# ---------------------------------------------------------------- loading
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
}


@dataclass(frozen=True)
class BenchmarkInputs:
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
        for idx, rec in df.iterrows():
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


def load_inputs(params: Mapping[str, Any]) -> BenchmarkInputs:
    """Read and validate every benchmark input named in `params` (keys ending in `_file`)."""
    frames: dict[str, pd.DataFrame] = {}
    files: dict[str, str] = {}
    for key, schema in FILE_PARAMS.items():
        if key not in params:
            raise InputError(f"<parameter {key}>", [Failure(None, None, "input file parameter is missing", key)])
        raw = read_table(params[key], parameter=key)
        raw = _text(raw, list(raw.columns))
        files[key] = raw.attrs.get("file", str(params[key]))
        frames[key] = validate(raw, schema, file=files[key])
        if key in ("group_tables_file", "key_figures_file"):
            raise_if(files[key], range_failures(frames[key]))
    peers = frames["peer_names_file"]
    _peer_rules(peers, files["peer_names_file"])
    munis = municipality_labels(peers)
    tidy = tidy_values(frames, frames["gaps_file"], munis, files)
    return BenchmarkInputs(
        unit_costs_by_group=frames["unit_costs_by_group_file"],
        unit_costs_by_task=frames["unit_costs_by_task_file"],
        group_tables=frames["group_tables_file"], key_figures=frames["key_figures_file"],
        expenditure=frames["expenditure_file"], cost_drivers=frames["cost_drivers_file"],
        fte_correction=frames["fte_correction_file"], text=frames["text_statements_file"],
        gaps=frames["gaps_file"], peer_names=peers, municipalities=munis, tidy=tidy)


# ---------------------------------------------------------------- comparisons
def resolve_focus(focus: str, municipalities: tuple[str, ...], peer_names: pd.DataFrame) -> str:
    """The focus as shown in the book: accepts a label (`Kommune C`) or a mapped name."""
    if focus in municipalities:
        return focus
    by_label = dict(zip(peer_names["label"], municipality_labels(peer_names)))
    if focus in by_label:
        return by_label[focus]
    raise ValueError(f"focus '{focus}' is not a participating municipality; "
                     f"known: {', '.join(municipalities)}")


def compare(values: pd.Series, focus: str) -> dict[str, float]:
    """Focus value against the others: average of the others (excluding the focus and gaps),
    deviation in units and percent, rank from the highest and from the lowest (1 = highest /
    lowest; ties share the better rank) among municipalities with a value."""
    v = values.dropna()
    others = v.drop(labels=[focus], errors="ignore")
    fv = v.get(focus, np.nan)
    avg = float(others.mean()) if len(others) else np.nan
    out = {"focus": float(fv), "average": avg, "n_others": int(len(others)),
           "deviation": np.nan, "deviation_pct": np.nan, "rank_highest": np.nan,
           "rank_lowest": np.nan, "n_ranked": int(len(v))}
    if not math.isnan(fv):
        out["deviation"] = fv - avg
        out["deviation_pct"] = (fv / avg - 1) * 100 if avg else np.nan
        out["rank_highest"] = int((others > fv).sum()) + 1
        out["rank_lowest"] = int((others < fv).sum()) + 1
    return out


def series(tidy: pd.DataFrame, table: str, group: str, measure: str) -> pd.Series:
    """Values of one printed row, indexed by municipality in column order (gaps as NaN)."""
    rows = tidy[(tidy["table"] == table) & (tidy["group"] == group) & (tidy["measure"] == measure)]
    return rows.set_index("municipality")["value"]


def _table_of(group: str) -> str:
    return GROUP_TABLES[group]


def quadrant(cost_dev_pct: float, result_dev_pct: float, tolerance_pct: float) -> int | None:
    """The source's group (1-4) of a target group. A deviation within ±tolerance counts as "on
    level", and on level counts as low cost and as good results, as the source does (Gruppe 4:
    "på eller under gennemsnittet"; dagpenge at -1,5 % results is "på niveau")."""
    if cost_dev_pct is None or result_dev_pct is None or math.isnan(cost_dev_pct) or math.isnan(result_dev_pct):
        return None
    high_cost = cost_dev_pct > tolerance_pct
    good_result = result_dev_pct >= -tolerance_pct
    if high_cost:
        return 3 if good_result else 2
    return 4 if good_result else 1


def selected_groups(groups: list[str] | tuple[str, ...]) -> list[str]:
    """Target groups to show, in the source's order; empty = all. Unknown ids are an error."""
    if not groups:
        return list(GROUPS)
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        raise ValueError(f"unknown target group(s) {unknown}; known: {', '.join(GROUPS)}")
    return [g for g in GROUPS if g in set(groups)]


def group_overview(inputs: BenchmarkInputs, focus: str, tolerance_pct: float,
                   groups: list[str] | None = None) -> pd.DataFrame:
    """Per target group: the focus's unit cost (Tabel 3.2) against the others, its result
    (afgangsrate, chapter 5 tables) against the others, and the quadrant."""
    rows = []
    for g in selected_groups(groups or []):
        c = compare(series(inputs.tidy, T32, g, "enhedsomkostning"), focus)
        r = compare(series(inputs.tidy, _table_of(g), g, RESULT_MEASURE), focus)
        rows.append({"group": g, "label": GROUPS[g], "unit_cost": c["focus"], "average": c["average"],
                     "deviation": c["deviation"], "deviation_pct": c["deviation_pct"],
                     "rank_highest": c["rank_highest"], "rank_lowest": c["rank_lowest"],
                     "n_ranked": c["n_ranked"], "result": r["focus"], "result_average": r["average"],
                     "result_deviation_pct": r["deviation_pct"],
                     "quadrant": quadrant(c["deviation_pct"], r["deviation_pct"], tolerance_pct)})
    return pd.DataFrame(rows)


def total_comparison(inputs: BenchmarkInputs, focus: str) -> dict[str, float]:
    """Total unit cost across target groups (Tabel 3.2, 'Samlet')."""
    return compare(series(inputs.tidy, T32, "alle", "samlet"), focus)


def measure_table(inputs: BenchmarkInputs, group: str, measures: list[str], focus: str) -> pd.DataFrame:
    """Focus vs. the others' average for a list of measures of one group's chapter 5 table."""
    tab = _table_of(group)
    rows = []
    present = set(inputs.tidy.loc[(inputs.tidy["table"] == tab) & (inputs.tidy["group"] == group), "measure"])
    for m in measures:
        if m not in present:
            continue
        c = compare(series(inputs.tidy, tab, group, m), focus)
        unit = inputs.tidy.loc[(inputs.tidy["table"] == tab) & (inputs.tidy["group"] == group)
                               & (inputs.tidy["measure"] == m), "unit"].iloc[0]
        rows.append({"measure": m, "label": MEASURES[m], "unit": unit, **c})
    return pd.DataFrame(rows)


def cost_profile(inputs: BenchmarkInputs, group: str, focus: str) -> pd.DataFrame:
    """Unit cost by task (main tasks with their sub-tasks, then the total) against the average."""
    order = []
    for t in MAIN_TASKS:
        order.append(t)
        order += SUB_TASKS.get(t, [])
        if t == "sagsbehandling":
            order.append("rehabiliteringsteam")
    return measure_table(inputs, group, order + ["samlet"], focus)


def quality_profile(inputs: BenchmarkInputs, group: str, focus: str) -> pd.DataFrame:
    return measure_table(inputs, group, QUALITY, focus)


def task_totals(inputs: BenchmarkInputs, focus: str) -> pd.DataFrame:
    """Unit cost by task across all groups (Tabel 3.3) against the average."""
    rows = []
    for m in inputs.unit_costs_by_task["measure"]:
        rows.append({"measure": m, "label": MEASURES[m], **compare(series(inputs.tidy, T33, "alle", m), focus)})
    return pd.DataFrame(rows)


def gap_table(inputs: BenchmarkInputs) -> pd.DataFrame:
    """The recorded gaps, for the reader: table, group, measure, municipality, kind, reason."""
    rows = []
    for rec in inputs.gaps.to_dict("records"):
        col = rec["column"]
        rows.append({"table": rec["table"],
                     "group": "alle" if rec["group"] == "*" else GROUPS.get(rec["group"], rec["group"]),
                     "measure": "alle rækker" if rec["measure"] == "*" else MEASURES.get(rec["measure"], rec["measure"]),
                     "municipality": "alle" if pd.isna(col) else inputs.municipalities[int(col) - 1],
                     "kind": GAP_KINDS[rec["kind"]]})
    return pd.DataFrame(rows)


def key_figure_column_fit(inputs: BenchmarkInputs) -> pd.DataFrame:
    """Evidence for the column order of Bilag 2: for each printed position p (1-9) and each
    Tabel 3.2 column c, the distance (sum of absolute percentage points over the target groups)
    between the printed ressourcefordeling of p and the shares implied by forsørgelsestryk of p
    times the unit costs of column c. Returns the matrix (rows = positions, columns = columns)."""
    kf = inputs.key_figures
    uc = inputs.unit_costs_by_group.set_index("group")
    groups = [g for g in GROUPS]
    tryk = kf[kf["section"] == "forsoergelsestryk"].set_index("group")
    share = kf[kf["section"] == "ressourcefordeling"].set_index("group")
    out = {}
    for p in range(1, N_MUNICIPALITIES):
        pc = MCOLS[p - 1]
        actual = share.loc[groups, pc].to_numpy(float)
        row = {}
        for c in range(1, N_MUNICIPALITIES + 1):
            pred = uc.loc[groups, MCOLS[c - 1]].fillna(0).to_numpy(float) * tryk.loc[groups, pc].to_numpy(float)
            pred = pred / pred.sum() * 100
            row[c] = float(np.abs(pred - actual).sum())
        out[p] = row
    return pd.DataFrame(out).T


def average_convention(inputs: BenchmarkInputs) -> pd.DataFrame:
    """Which average does the source print? For every printed row with an average and a
    Norddjurs value, test the mean of the peers (excluding Norddjurs) and the mean of all ten,
    at the printed precision. Returns counts of matching rows per table."""
    rows = []
    g5 = inputs.group_tables.assign(tab="Kapitel 5")
    frames = [(inputs.unit_costs_by_group.assign(decimals=1, tab="Tabel 3.2")),
              (inputs.unit_costs_by_task.assign(decimals=1, tab="Tabel 3.3")), g5]
    for df in frames:
        for rec in df.to_dict("records"):
            vals = pd.Series([rec[c] for c in MCOLS], dtype=float)
            if pd.isna(vals.iloc[0]) or pd.isna(rec["average"]):
                continue
            d = int(rec["decimals"])
            excl, incl = vals.iloc[1:].mean(), vals.mean()
            rows.append({"table": rec["tab"], "excl": _round_eq(excl, rec["average"], d),
                         "incl": _round_eq(incl, rec["average"], d)})
    df = pd.DataFrame(rows)
    return (df.groupby("table", sort=False)
              .agg(rows=("excl", "size"), excl=("excl", "sum"), incl=("incl", "sum"))
              .reset_index())


def _round_eq(computed: float, published: float, decimals: int) -> bool:
    from ...core.check import status_of
    return status_of(published, computed, decimals) == "match"


# ---------------------------------------------------------------- reconciliation
def _half(decimals: int) -> float:
    return 0.5 * 10 ** (-decimals)


def _decimals(value: float) -> int:
    d = Decimal(str(value)).normalize()
    return max(0, -d.as_tuple().exponent)


def rounding_explains(published: float, lo: float, hi: float, decimals: int) -> bool:
    """True when a published figure rounded to `decimals` is consistent with a true value in
    [lo, hi] (the range the computation allows, given that its inputs were rounded in print)."""
    h = _half(decimals) + 1e-9
    return published + h >= lo and published - h <= hi


def _pct_range(f: float, a: float, h: float) -> tuple[float, float]:
    cands = [((f + df) / (a + da) - 1) * 100 for df in (-h, h) for da in (-h, h) if a + da > 0]
    return min(cands), max(cands)


@dataclass(frozen=True)
class Check:
    """One reconciliation row (`report.check` arguments) plus whether printed rounding explains
    a difference."""
    item: str
    source: str
    published: float | None
    computed: float | None
    unit: str
    note: str = ""
    decimals: int | None = None

    @property
    def status(self) -> str:
        from ...core.check import status_of
        return status_of(self.published, self.computed, self.decimals)


def _mk(item, source, published, computed, unit, note="", decimals=None, lo=None, hi=None) -> Check:
    """A Check; when it differs and [lo, hi] (the range rounding of the printed inputs allows)
    is given, the note says whether rounding explains the difference."""
    c = Check(item, source, published, computed, unit, note, decimals)
    if c.status == "differs" and lo is not None:
        d = _decimals(published) if decimals is None else decimals
        extra = _rounding_note(published, lo, hi, d)
        c = Check(item, source, published, computed, unit, "; ".join(x for x in (note, extra) if x), decimals)
    return c


def text_quadrants(inputs: BenchmarkInputs, tolerance_pct: float) -> pd.DataFrame:
    """Norddjurs' quadrant per group from the deviations the text itself states (unit cost and
    result in percent), next to the quadrant computed from the tables. The text's result
    deviations come from figures that are images; they do not follow from the printed afgangsrater."""
    t = inputs.text.set_index(["group", "kind"])["value"]
    ov = group_overview(inputs, inputs.municipalities[0], tolerance_pct).set_index("group")
    rows = []
    for g in GROUPS:
        cd = t.get((g, "unit_cost_deviation_pct"), np.nan)
        rd = t.get((g, "result_deviation_pct"), np.nan)
        rows.append({"group": g, "label": GROUPS[g], "text_cost_dev": cd, "text_result_dev": rd,
                     "text_quadrant": quadrant(cd, rd, tolerance_pct),
                     "table_result_dev": ov.loc[g, "result_deviation_pct"],
                     "table_quadrant": ov.loc[g, "quadrant"]})
    return pd.DataFrame(rows)


def _src(table: str) -> str:
    return f"{DOCUMENT}, {table}"


def _rounding_note(pub, lo, hi, d) -> str:
    if rounding_explains(pub, lo, hi, d):
        return "forskellen ligger inden for afrundingen af de trykte tal"
    return "forskellen er større end afrundingen af de trykte tal"


def _avg_check(item, source, vals: pd.Series, published, decimals, unit, note="") -> Check:
    v = vals.dropna()
    comp = float(v.mean()) if len(v) else None
    c = Check(item, source, published, comp, unit, note, decimals)
    if comp is not None and c.status == "differs":
        extra = _rounding_note(published, comp - _half(decimals), comp + _half(decimals), decimals)
        c = Check(item, source, published, comp, unit, "; ".join(x for x in (note, extra) if x), decimals)
    return c


def printed_average_checks(inputs: BenchmarkInputs) -> list[Check]:
    """Every printed average and deviation of Tabel 3.2, 3.3, the chapter 5 tables and Bilag 2,
    recomputed as the mean of the peers (columns 2-10, excluding Norddjurs and gaps)."""
    out: list[Check] = []
    t = inputs.tidy
    for rec in inputs.unit_costs_by_group.to_dict("records"):
        vals = series(t, T32, rec["group"], rec["measure"]).iloc[1:]
        name = GROUPS.get(rec["group"], "alle målgrupper")
        out.append(_avg_check(f"Tabel 3.2: gennemsnit, {name}, {MEASURES[rec['measure']]}",
                              _src("Tabel 3.2"), vals, rec["average"], 1, COST_UNIT))
    for rec in inputs.unit_costs_by_task.to_dict("records"):
        s = series(t, T33, "alle", rec["measure"])
        out.append(_avg_check(f"Tabel 3.3: gennemsnit, {rec['label']}", _src("Tabel 3.3"),
                              s.iloc[1:], rec["average"], 1, COST_UNIT))
        comp = compare(s, s.index[0])
        lo, hi = _pct_range(s.iloc[0], s.iloc[1:].mean(), _half(1) / 1)
        c = Check(f"Tabel 3.3: afvigelse i pct., {rec['label']}", _src("Tabel 3.3"),
                  rec["deviation_pct"], comp["deviation_pct"], "%", decimals=0)
        if c.status == "differs":
            c = Check(c.item, c.source, c.published, c.computed, "%", _rounding_note(c.published, lo, hi, 0), 0)
        out.append(c)
    for rec in inputs.group_tables.to_dict("records"):
        g, m, tab, d = rec["group"], rec["measure"], rec["table"], int(rec["decimals"])
        s = series(t, tab, g, m)
        label = f"{tab}: {GROUPS[g]}, {MEASURES[m]}"
        note = ""
        if g == "revalidering":
            note = "Tabel 5.7 mangler kolonne 5 og 10 i teksten; gennemsnittet beregnes af de viste kommuner"
        if g == "sh_ydelse":
            note = "kolonne 8 har ingen SH-ydelse (trykt '-' i Tabel 3.2)"
        out.append(_avg_check(f"{label}: gennemsnit", _src(tab), s.iloc[1:], rec["average"], d,
                              rec["unit"], note))
        if not pd.isna(rec["deviation"]):
            comp = s.iloc[0] - s.iloc[1:].mean()
            c = Check(f"{label}: afvigelse", _src(tab), rec["deviation"], comp, rec["unit"], note, d)
            if c.status == "differs":
                h = _half(d)
                extra = _rounding_note(rec["deviation"], comp - 2 * h, comp + 2 * h, d)
                c = Check(c.item, c.source, c.published, c.computed, c.unit,
                          "; ".join(x for x in (note, extra) if x), d)
            out.append(c)
    kf = inputs.key_figures
    for rec in kf.to_dict("records"):
        vals = pd.Series([rec[c] for c in MCOLS[1:]], dtype=float)
        d = max(_decimals(v) for v in [rec[c] for c in MCOLS] + [rec["average"]] if not pd.isna(v))
        section = KEY_FIGURE_SECTIONS_DA.get(rec["section"], rec["section"])
        out.append(_avg_check(f"Bilag 2: gennemsnit, {rec['label']} ({section})", _src("Bilag 2"),
                              vals, rec["average"], d, rec["unit"],
                              "gennemsnit af 8 sammenligningskommuner (kolonne 10 mangler i Bilag 2)"))
    return out


KEY_FIGURE_SECTIONS_DA = {"noegletal": "nøgletal", "rammevilkaar": "rammevilkår",
                          "forsoergelsestryk": "forsørgelsestryk", "ressourcefordeling": "ressourcefordeling"}


def _text_rows(inputs: BenchmarkInputs, kind: str) -> pd.DataFrame:
    return inputs.text[inputs.text["kind"] == kind]


def text_checks(inputs: BenchmarkInputs, tolerance_pct: float) -> list[Check]:
    """Figures stated in the text (sections 2-5), recomputed from the tables, always from
    Norddjurs' point of view as the source writes it."""
    focus = inputs.municipalities[0]
    ov = group_overview(inputs, focus, tolerance_pct).set_index("group")
    exp = inputs.expenditure.set_index("group")
    tq_frame = text_quadrants(inputs, tolerance_pct).set_index("group")
    out: list[Check] = []
    sec = lambda s: _src(s.lower())  # noqa: E731
    for rec in inputs.text.to_dict("records"):
        k, g, v, s, u = rec["kind"], rec["group"], rec["value"], rec["section"], rec["unit"]
        gl = GROUPS.get(g, "alle målgrupper")
        if k == "focus_unit_cost":
            comp = total_comparison(inputs, focus)["focus"] if g == "samlet" else ov.loc[g, "unit_cost"]
            out.append(_mk(f"{s}: Norddjurs' enhedsomkostning, {gl}", sec(s), v, comp * 1000, u,
                           "fra Tabel 3.2", -2, comp * 1000 - 50, comp * 1000 + 50))
        elif k == "average_unit_cost":
            comp = total_comparison(inputs, focus)["average"] if g == "samlet" else ov.loc[g, "average"]
            out.append(_mk(f"{s}: gennemsnit for de øvrige kommuner, {gl}", sec(s), v, comp * 1000, u,
                           "beregnet af Tabel 3.2 ekskl. Norddjurs", -2, comp * 1000 - 50, comp * 1000 + 50))
        elif k == "unit_cost_deviation_pct":
            lo, hi = _pct_range(ov.loc[g, "unit_cost"], ov.loc[g, "average"], _half(1))
            out.append(_mk(f"{s}: afvigelse i enhedsomkostning, {gl}", sec(s), v, ov.loc[g, "deviation_pct"],
                           "%", "beregnet af Tabel 3.2", 0, lo, hi))
        elif k in ("rank_highest", "rank_lowest"):
            word = "højeste" if k == "rank_highest" else "laveste"
            out.append(Check(f"{s}: Norddjurs' placering (nr. fra {word}), {gl}", sec(s), v,
                             ov.loc[g, k], "plads", "beregnet af Tabel 3.2 blandt kommuner med en værdi", 0))
        elif k == "result_deviation_pct":
            comp = ov.loc[g, "result_deviation_pct"]
            note = "afgangsrate i kapitel 5-tabellen mod gennemsnittet af de øvrige"
            if pd.isna(comp):
                note = "Tabel 5.1 findes ikke i teksten, så resultatet kan ikke genberegnes"
                comp = None
            out.append(Check(f"{s}: afvigelse i resultater (afgangsrate), {gl}", sec(s), v, comp, "%",
                             note, _decimals(v)))
        elif k == "expenditure":
            comp = exp.loc[g, "expenditure"] / 1000
            out.append(Check(f"{s}: udgift, {gl}", sec(s), v, comp, u, "fra Tabel 3.1 (1.000 kr.)",
                             _decimals(v)))
        elif k == "fte":
            out.append(Check(f"{s}: fuldtidspersoner, {gl}", sec(s), v, exp.loc[g, "fte"], u,
                             "fra Tabel 3.1", 0))
        elif k == "quadrant":
            comp = ov.loc[g, "quadrant"]
            note = f"af tabellernes afgangsrater, tolerance ±{tolerance_pct:g} %"
            if comp is None or pd.isna(comp):
                comp, note = None, "resultat mangler (Tabel 5.1 findes ikke i teksten)"
            head = f"{s}: {gl} placeret i gruppe {int(v)} ({QUADRANTS[int(v)]})"
            out.append(Check(head, sec(s), v, comp, u, note, 0))
            tq = tq_frame.loc[g, "text_quadrant"]
            out.append(Check(head + ", af tekstens egne afvigelser", sec(s), v, tq, u,
                             f"tekstens afvigelser i enhedsomkostning og resultat, tolerance ±{tolerance_pct:g} %", 0))
        elif k in ("deviation_range_min", "deviation_range_max"):
            devs = ov.loc[g.split(), "deviation_pct"]
            comp = devs.min() if k.endswith("min") else devs.max()
            out.append(Check(f"{s}: spænd i afvigelse ({'mindste' if k.endswith('min') else 'største'})",
                             sec(s), v, comp, "%", "dagpenge, kontanthjælp, uddannelsesparate, revalidering", 0))
        elif k == "results_on_or_above_count":
            known = ov["quadrant"].dropna()
            note = (f"af tabellernes afgangsrater kan det ikke genberegnes: dagpenge mangler (Tabel 5.1), "
                    f"og {int(known.isin([3, 4]).sum())} af {len(known)} øvrige ligger på/over")
            out.append(Check(f"{s}: antal målgrupper med resultater på/over gennemsnittet", sec(s), v,
                             None, u, note, 0))
            rd = tq_frame["text_result_dev"].dropna()
            out.append(Check(f"{s}: antal målgrupper med resultater på/over gennemsnittet, af tekstens egne afvigelser",
                             sec(s), v, int((rd >= -tolerance_pct).sum()), u,
                             f"tekstens resultatafvigelser, tolerance ±{tolerance_pct:g} %", 0))
        elif k == "share_pct":
            out.append(Check(f"{s}: udgiftsandel, {gl}", sec(s), v, exp.loc[g, "share_pct"], "%",
                             "mod den trykte andel i Tabel 3.1", 1))
        elif k == "share_virksomhedsindsats_pct":
            s32 = series(inputs.tidy, T32, "alle", "virksomhedsindsats")
            tot = series(inputs.tidy, T32, "alle", "samlet")
            out.append(Check(f"{s}: andel til virksomhedsindsats", sec(s), v,
                             s32.iloc[0] / tot.iloc[0] * 100, "%", "Tabel 3.2: virksomhedsindsats / samlet", 0))
        elif k in ("share_virksomhedsindsats_gap_pp", "share_sagsbehandling_gap_pp"):
            m = "virksomhedsindsats" if "virksomhed" in k else "sagsbehandling"
            part = series(inputs.tidy, T33, "alle", m)
            tot = series(inputs.tidy, T33, "alle", "samlet")
            comp = part.iloc[0] / tot.iloc[0] * 100 - (part.iloc[1:] / tot.iloc[1:] * 100).mean()
            out.append(Check(f"{s}: forskel i andel til {m} (procentpoint)", sec(s), v, comp, u,
                             "Tabel 3.3: Norddjurs' andel minus gennemsnittet af de øvriges andele", 0))
        elif k == "share_konto_5_pct":
            out.append(Check(f"{s}: andel finansieret på konto 5", sec(s), v,
                             exp.loc["konto_5", "expenditure"] / exp.loc["samlet", "expenditure"] * 100, "%",
                             "Tabel 3.1", 0))
        elif k == "cost_driver_unit_prices_pct":
            cd = inputs.cost_drivers.set_index("group")
            out.append(Check(f"{s}: enhedsprisernes bidrag, {gl}", sec(s), v,
                             cd.loc[g, "unit_prices_pct"], "%", "Tabel 4.1", 0))
        elif k == "cost_driver_group_mix_pct":
            out.append(Check(f"{s}: målgruppesammensætningens bidrag", sec(s), v, None, "%",
                             "findes kun i figur 4.1, som ikke er i teksten", 0))
    return out


def table_checks(inputs: BenchmarkInputs) -> list[Check]:
    """Internal consistency of Tabel 3.1, the correction table (Bilag 1), the chapter 5 tables
    against Tabel 3.2, and Bilag 2's Norddjurs column against Tabel 3.1."""
    out: list[Check] = []
    e = inputs.expenditure.set_index("group")
    groups = list(GROUPS)
    src31 = _src("Tabel 3.1")
    out.append(Check("Tabel 3.1: fuldtidspersoner i alt", src31, e.loc["samlet", "fte"],
                     e.loc[groups, "fte"].sum(), "fuldtidspersoner", "summen af målgrupperne", 0))
    sx = e.loc[groups, "expenditure"].sum()
    out.append(_mk("Tabel 3.1: udgifter i alt", src31, e.loc["samlet", "expenditure"], sx, "1.000 kr.",
                   "summen af målgrupperne", 0, sx - len(groups) * 0.5, sx + len(groups) * 0.5))
    out.append(Check("Tabel 3.1: konto 5 + konto 6", src31, e.loc["samlet", "expenditure"],
                     e.loc[["konto_5", "konto_6"], "expenditure"].sum(), "1.000 kr.", "", 0))
    total = e.loc["samlet", "expenditure"]
    for g in groups + ["konto_5", "konto_6"]:
        d = 1 if g in groups else 0
        out.append(Check(f"Tabel 3.1: Norddjurs' udgiftsandel, {GROUPS.get(g, e.loc[g, 'label'])}", src31,
                         e.loc[g, "share_pct"], e.loc[g, "expenditure"] / total * 100, "%",
                         "udgift / samlet udgift", d))
    out.append(Check("Tabel 3.1: Norddjurs' trykte andele lagt sammen", src31, e.loc["samlet", "share_pct"],
                     e.loc[groups, "share_pct"].sum(), "%", "summen af de trykte andele", 1))
    out.append(Check("Tabel 3.1: øvrige jobcentres trykte andele lagt sammen", src31,
                     e.loc["samlet", "others_share_pct"], e.loc[groups, "others_share_pct"].sum(), "%",
                     "summen af de trykte andele", 1))
    s32 = inputs.unit_costs_by_group.set_index(["group", "measure"])
    for g in groups:
        lo = (e.loc[g, "expenditure"] - 0.5) / (e.loc[g, "fte"] + 0.5)
        hi = (e.loc[g, "expenditure"] + 0.5) / (e.loc[g, "fte"] - 0.5)
        pub = s32.loc[(g, "enhedsomkostning"), "m01"]
        comp = e.loc[g, "expenditure"] / e.loc[g, "fte"]
        c = Check(f"Tabel 3.2: Norddjurs' enhedsomkostning, {GROUPS[g]}", _src("Tabel 3.2 og 3.1"), pub, comp,
                  COST_UNIT, "udgift / fuldtidspersoner i Tabel 3.1", 1)
        if c.status == "differs":
            c = Check(c.item, c.source, pub, comp, COST_UNIT, c.note + "; " + _rounding_note(pub, lo, hi, 1), 1)
        out.append(c)
    pub = s32.loc[("alle", "samlet"), "m01"]
    out.append(Check("Tabel 3.2: Norddjurs' samlede enhedsomkostning", _src("Tabel 3.2 og 3.1"), pub,
                     total / e.loc["samlet", "fte"], COST_UNIT, "samlet udgift / fuldtidspersoner", 1))
    # chapter 5 unit cost rows against Tabel 3.2
    g5 = inputs.group_tables.set_index(["group", "measure"])
    for g in groups:
        if (g, "enhedsomkostning") not in g5.index:
            continue
        tab = GROUP_TABLES[g]
        out.append(Check(f"{tab}: trykt gennemsnit mod Tabel 3.2, {GROUPS[g]}", _src(f"{tab} og Tabel 3.2"),
                         g5.loc[(g, "enhedsomkostning"), "average"], s32.loc[(g, "enhedsomkostning"), "average"],
                         COST_UNIT, "samme tal trykt i to tabeller", 1))
        a = series(inputs.tidy, tab, g, "enhedsomkostning")
        b = series(inputs.tidy, T32, g, "enhedsomkostning")
        both = a.notna() & b.notna()
        out.append(Check(f"{tab}: kommuner hvis enhedsomkostning afviger fra Tabel 3.2, {GROUPS[g]}",
                         _src(f"{tab} og Tabel 3.2"), 0, int((a[both] != b[both]).sum()), "kommuner",
                         "tælling af kolonner med forskellig værdi", 0))
    # task rows add up to the total, per group and municipality (focus-independent)
    for g in groups:
        tab = GROUP_TABLES[g]
        tot = series(inputs.tidy, tab, g, "samlet")
        if tot.empty:
            continue
        parts = [series(inputs.tidy, tab, g, m) for m in MAIN_TASKS]
        s = sum(parts)
        k = 0
        bad = []
        for muni in tot.index:
            if pd.isna(tot[muni]):
                continue
            k += 1
            if abs(s[muni] - tot[muni]) > len(MAIN_TASKS) * _half(1) + 1e-9:
                bad.append(muni)
        out.append(Check(f"{tab}: opgaverne summerer ikke til 'Samlet' (ud over afrunding), {GROUPS[g]}",
                         _src(tab), 0, len(bad), "kommuner",
                         ("kommuner: " + ", ".join(bad)) if bad else f"{k} kommuner kontrolleret", 0))
    # Bilag 1: correction of sygedagpenge / jobafklaring
    f = inputs.fte_correction.set_index("group")
    src1 = _src("Bilag 1")
    for g in ["sygedagpenge", "jobafklaring"]:
        share = f.loc[g, "fte_2019"] / f.loc["i_alt", "fte_2019"]
        out.append(Check(f"Bilag 1: andel 2019, {GROUPS[g]}", src1, f.loc[g, "share_2019_pct"], share * 100, "%",
                         "", 0))
        out.append(Check(f"Bilag 1: korrigerede fuldtidspersoner 2021, {GROUPS[g]}", src1,
                         f.loc[g, "fte_2021_corrected"], share * f.loc["i_alt", "fte_2021_realised"],
                         "fuldtidspersoner", "2021 i alt fordelt med 2019-nøglen", 0))
        out.append(Check(f"Bilag 1 mod Tabel 3.1: fuldtidspersoner, {GROUPS[g]}", _src("Bilag 1 og Tabel 3.1"),
                         e.loc[g, "fte"], f.loc[g, "fte_2021_corrected"], "fuldtidspersoner",
                         "Tabel 3.1 bruger de korrigerede tal", 0))
    for col, lab in [("fte_2019", "2019"), ("fte_2021_realised", "2021 realiseret"),
                     ("fte_2021_corrected", "2021 korrigeret")]:
        out.append(Check(f"Bilag 1: i alt, {lab}", src1, f.loc["i_alt", col],
                         f.loc[["sygedagpenge", "jobafklaring"], col].sum(), "fuldtidspersoner", "", 0))
    # Bilag 2: Norddjurs' ressourcefordeling against Tabel 3.1 amounts, and column totals
    kf = inputs.key_figures
    rf = kf[(kf["section"] == "ressourcefordeling") & (kf["measure"] == "ressourcefordeling")].set_index("group")
    for g in groups:
        out.append(Check(f"Bilag 2: Norddjurs' ressourcefordeling, {GROUPS[g]}", _src("Bilag 2 og Tabel 3.1"),
                         rf.loc[g, "m01"], e.loc[g, "expenditure"] / total * 100, "%",
                         "udgift / samlet udgift i Tabel 3.1", 1))
    return out


def all_checks(inputs: BenchmarkInputs, tolerance_pct: float) -> list[Check]:
    return printed_average_checks(inputs) + text_checks(inputs, tolerance_pct) + table_checks(inputs)


def checks_frame(checks: list[Check]) -> pd.DataFrame:
    return pd.DataFrame([{"item": c.item, "source": c.source, "published": c.published,
                          "computed": c.computed, "unit": c.unit, "status": c.status, "note": c.note}
                         for c in checks])


# ---------------------------------------------------------------- presentation helpers
GROUP_SHORT = {"dagpenge": "Dagpenge", "kh_jobparat": "KH jobparate", "kh_aktivitetsparat": "KH aktivitetsparate",
               "uh_uddannelsesparat": "UH uddannelsesparate", "uh_aktivitetsparat": "UH aktivitetsparate",
               "sh_ydelse": "SH-ydelse", "revalidering": "Revalidering", "sygedagpenge": "Sygedagpenge",
               "jobafklaring": "Jobafklaring", "fleksjob": "Fleksjob/ledighedsydelse",
               "ressourceforloeb": "Ressourceforløb"}


def _unit_decimals(unit: str) -> int:
    return 2 if unit == "år" else 1


def overview_table(ov: pd.DataFrame, focus: str) -> pd.DataFrame:
    """Cost overview for the book (≤ 7 columns), numbers formatted Danish."""
    from ...core import fmt
    return pd.DataFrame({
        "Målgruppe": ov["label"],
        focus: [fmt.number(v, 1) for v in ov["unit_cost"]],
        "Gns. øvrige": [fmt.number(v, 1) for v in ov["average"]],
        "Afvigelse": [fmt.number(v, 1, sign=True) for v in ov["deviation"]],
        "Afvigelse i %": [fmt.percent(v, 0, sign=True) for v in ov["deviation_pct"]],
        "Placering": [fmt.MISSING if pd.isna(h) else f"{int(h)}. højeste af {int(n)}"
                      for h, n in zip(ov["rank_highest"], ov["n_ranked"])],
    })


def quadrant_table(ov: pd.DataFrame) -> pd.DataFrame:
    from ...core import fmt
    return pd.DataFrame({
        "Målgruppe": ov["label"],
        "Enhedsomk., afv. i %": [fmt.percent(v, 0, sign=True) for v in ov["deviation_pct"]],
        "Afgangsrate, afv. i %": [fmt.percent(v, 0, sign=True) for v in ov["result_deviation_pct"]],
        "Gruppe": [fmt.MISSING if pd.isna(q) else f"{int(q)}: {QUADRANTS[int(q)]}" for q in ov["quadrant"]],
    })


def text_quadrant_table(tq: pd.DataFrame) -> pd.DataFrame:
    from ...core import fmt
    q = lambda v: fmt.MISSING if v is None or pd.isna(v) else str(int(v))  # noqa: E731
    return pd.DataFrame({
        "Målgruppe": tq["label"],
        "Tekst: omk. afv.": [fmt.percent(v, 0, sign=True) for v in tq["text_cost_dev"]],
        "Tekst: resultat afv.": [fmt.percent(v, 1, sign=True) for v in tq["text_result_dev"]],
        "Tabeller: resultat afv.": [fmt.percent(v, 1, sign=True) for v in tq["table_result_dev"]],
        "Gruppe (tekst)": [q(v) for v in tq["text_quadrant"]],
        "Gruppe (tabeller)": [q(v) for v in tq["table_quadrant"]],
    })


def profile_table(df: pd.DataFrame, focus: str, first: str) -> pd.DataFrame:
    """A cost or quality profile for the book: measure, focus, average, deviation, deviation %."""
    from ...core import fmt
    dec = [_unit_decimals(u) for u in df["unit"]]
    unit = [("pct." if u == "%" else ("andel" if u == "andel" else "")) for u in df["unit"]]
    label = [f"{lab} ({u})" if u else lab for lab, u in zip(df["label"], unit)]
    return pd.DataFrame({
        first: label,
        focus: [fmt.number(v, d) for v, d in zip(df["focus"], dec)],
        "Gns. øvrige": [fmt.number(v, d) for v, d in zip(df["average"], dec)],
        "Afvigelse": [fmt.number(v, d, sign=True) for v, d in zip(df["deviation"], dec)],
        "Afvigelse i %": [fmt.percent(v, 0, sign=True) for v in df["deviation_pct"]],
    })


def framework_table(inputs: BenchmarkInputs, focus: str) -> pd.DataFrame:
    """Bilag 2's framework conditions (rammevilkår, placement 1-98) for the focus vs. the others."""
    from ...core import fmt
    kf = inputs.key_figures[inputs.key_figures["section"] == "rammevilkaar"]
    rows = []
    for rec in kf.to_dict("records"):
        c = compare(series(inputs.tidy, B2, rec["group"], "rammevilkaar_" + rec["group"]), focus)
        rows.append({"Område": rec["label"].split(" - ", 1)[-1], focus: fmt.number(c["focus"], 0),
                     "Gns. øvrige": fmt.number(c["average"], 0),
                     "Placering blandt deltagerne": (fmt.MISSING if pd.isna(c["rank_highest"]) else
                                                     f"{int(c['rank_highest'])}. bedste af {c['n_ranked']}")})
    return pd.DataFrame(rows)


def label_positions(points: list[tuple[float, float, str]], limit: float) -> list[tuple[str, str]]:
    """Place each point's label above or below, right or left of it, so labels do not cover
    each other or other points: (horizontal, vertical) alignment per point, in input order.
    Sizes are rough, in data units of a plot spanning ±limit."""
    char_w, line_h = limit / 32, limit / 11
    boxes: list[tuple[float, float, float, float]] = [(x - 1.5, y - 1.5, x + 1.5, y + 1.5) for x, y, _ in points]
    out = []
    for x, y, label in points:
        w = len(label) * char_w
        prefer_left = x > limit * 0.5
        options = [("left", "bottom"), ("left", "top"), ("right", "bottom"), ("right", "top")]
        if prefer_left:
            options = options[2:] + options[:2]
        if y > limit * 0.8:  # near the top edge: below the point first
            options = sorted(options, key=lambda o: o[1] != "top")
        def box(h, v):
            x0 = x + 1 if h == "left" else x - 1 - w
            y0 = y + 1 if v == "bottom" else y - 1 - line_h
            return (x0, y0, x0 + w, y0 + line_h)
        def free(b):
            return all(b[2] <= o[0] or o[2] <= b[0] or b[3] <= o[1] or o[3] <= b[1]
                       for o in boxes if not (o[0] < x < o[2] and o[1] < y < o[3]))
        choice = next((o for o in options if free(box(*o))), options[0])
        boxes.append(box(*choice))
        out.append(choice)
    return out


def quadrant_figure(ov: pd.DataFrame, focus: str, tolerance_pct: float, limit: float = 60.0):
    """Scatter of result deviation (x) vs. unit cost deviation (y) per target group, in the
    source's layout (Gruppe 1 bottom left .. Gruppe 4 bottom right). Points beyond ±limit are
    drawn at the edge as triangles with their value in the label. Markers differ by quadrant,
    every point carries its group's name, so nothing relies on colour."""
    from ...core import fmt
    from ...core.figures import PALETTE, new
    fig, ax = new(figsize=(7.0, 5.6))
    ax.grid(True, axis="both")
    ax.axhspan(-tolerance_pct, tolerance_pct, color="#E8E8E8", zorder=0)
    ax.axvspan(-tolerance_pct, tolerance_pct, color="#E8E8E8", zorder=0)
    ax.axhline(0, color="black", lw=0.8)
    ax.axvline(0, color="black", lw=0.8)
    corner = {2: (-0.97, 0.97, "left", "top"), 3: (0.97, 0.97, "right", "top"),
              1: (-0.97, -0.97, "left", "bottom"), 4: (0.97, -0.97, "right", "bottom")}
    for q, (x, y, ha, va) in corner.items():
        ax.text(x * limit, y * limit, f"Gruppe {q}\n{QUADRANTS[q]}", ha=ha, va=va, fontsize=9,
                fontweight="bold", color="#333333")
    markers = {1: "o", 2: "s", 3: "D", 4: "^"}
    points = []
    for rec in ov.dropna(subset=["result_deviation_pct", "deviation_pct"]).to_dict("records"):
        x, y = rec["result_deviation_pct"], rec["deviation_pct"]
        cx, cy = max(-limit, min(limit, x)), max(-limit, min(limit, y))
        clipped = (cx, cy) != (x, y)
        q = int(rec["quadrant"])
        ax.scatter([cx], [cy], marker=">" if clipped else markers[q], s=55, color=PALETTE[q - 1],
                   edgecolor="black", linewidth=0.6, zorder=3)
        label = GROUP_SHORT[rec["group"]]
        if clipped:
            label += f" ({fmt.percent(x, 0, sign=True)}; {fmt.percent(y, 0, sign=True)})"
        points.append((cx, cy, label))
    for (cx, cy, label), (ha, va) in zip(points, label_positions(points, limit)):
        ax.annotate(label, (cx, cy), xytext=(5 if ha == "left" else -5, 4 if va == "bottom" else -4),
                    textcoords="offset points", ha=ha, va=va, fontsize=8.5, zorder=4,
                    bbox=dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none", alpha=0.85))
    ax.set_xlim(-limit * 1.05, limit * 1.05)
    ax.set_ylim(-limit * 1.05, limit * 1.05)
    ax.set_xlabel("Afgangsrate til job og uddannelse: afvigelse fra gennemsnittet (%)")
    ax.set_ylabel("Enhedsomkostning: afvigelse fra gennemsnittet (%)")
    from ...core.figures import danish_ticks
    danish_ticks(ax, "x")
    danish_ticks(ax, "y")
    ax.set_title(f"{focus}: omkostninger og resultater pr. målgruppe")
    return fig


def key_messages(ov: pd.DataFrame, total: dict, focus: str, tolerance_pct: float) -> list[str]:
    """Two or three computed sentences for the top of the chapter."""
    from ...core import fmt
    above = ov[ov["deviation_pct"] > tolerance_pct]
    kr = lambda v: fmt.amount(round(v, 1) * 1000, "kr.", 0)  # noqa: E731 (printed to 100 kr.)
    msgs = [f"{focus} har en samlet enhedsomkostning på {kr(total['focus'])} pr. "
            f"fuldtidsperson mod {kr(total['average'])} i gennemsnit for de øvrige "
            f"kommuner ({fmt.percent(total['deviation_pct'], 1, sign=True)})."]
    if len(above):
        top = above.sort_values("deviation_pct", ascending=False).iloc[0]
        msgs.append(f"Enhedsomkostningen ligger over gennemsnittet (mere end {fmt.number(tolerance_pct, 1)} %) "
                    f"for {len(above)} af {len(ov)} målgrupper; mest for {top['label'].lower()} "
                    f"({fmt.percent(top['deviation_pct'], 0, sign=True)}).")
    q = ov["quadrant"].dropna().astype(int)
    parts = [f"{int((q == k).sum())} i gruppe {k} ({QUADRANTS[k].lower()})" for k in (4, 3, 2, 1)]
    msgs.append(f"Holdt op mod afgangsraterne i tabellerne ligger {len(q)} målgrupper sådan: "
                + ", ".join(parts) + ".")
    return msgs


def genitive(name: str) -> str:
    """Danish genitive: `Norddjurs'`, `Kommune Bs`."""
    return name + ("'" if name[-1:].lower() in "sxz" else "s")


def right(df: pd.DataFrame) -> dict[str, str]:
    """Right-align every column but the first (numbers formatted as text)."""
    return {str(c): "right" for c in df.columns[1:]}


REVAL_NOTE = "Tabel 5.7 mangler kolonne 5 og 10"


def disagreement_table(cf: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The `differs` / `not_reproducible` checks that rounding does not explain, for the book.
    Tabel 5.7's rows (its averages count a municipality the text leaves out) are counted, not
    listed. Returns the table and that count."""
    from ...core import fmt
    real = cf[(cf["status"] != "match") & ~cf["note"].str.contains("inden for afrundingen")]
    reval = real["note"].str.startswith(REVAL_NOTE)
    shown = real[~reval]
    num = lambda v: fmt.MISSING if v is None or pd.isna(v) else fmt.number(v, min(_decimals(round(v, 2)), 2))  # noqa: E731
    note = shown["note"].str.replace("; forskellen er større end afrundingen af de trykte tal", "", regex=False)
    return pd.DataFrame({"Tal": shown["item"], "Trykt": [num(v) for v in shown["published"]],
                         "Beregnet": [num(v) for v in shown["computed"]], "Bemærkning": note}), int(reval.sum())
