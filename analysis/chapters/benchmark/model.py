"""Pure computations of the Jobcenterbenchmark, from any participant's point of view.

All computations take a `focus` municipality; the average is always "the others", i.e. the
mean of every municipality but the focus, leaving out gaps (the source's own convention:
"Gennemsnittet er ekskl. Norddjurs").
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ...core.check import status_of
from ...core.memo import per_object
from ...core.readings import Reading, Row, average_readings, explain, mean_of_others, mean_without
from .comparison import compare, compare_values, mean_of, mean_skipping_gaps  # noqa: F401 (re-exported)
from .inputs import Inputs, resolve_focus, selected_groups  # noqa: F401 (re-exported)
from .missing import gap_of, gap_table  # noqa: F401 (re-exported)
from .rows import PrintedRow, printed_row  # noqa: F401 (re-exported)
from .terms import (
    GROUP_TABLES,
    GROUPS,
    MAIN_TASKS,
    MCOLS,
    MEASURES,
    N_MUNICIPALITIES,
    QUALITY,
    RESULT_MEASURE,
    SUB_TASKS,
    T32,
)


def series(tidy: pd.DataFrame, table: str, group: str, measure: str) -> pd.Series:
    """Values of one printed row, indexed by municipality in column order (gaps as NaN)."""
    row = printed_row(tidy, table, group, measure)
    if row is None:
        return tidy.iloc[0:0].set_index("municipality")["value"]
    return pd.Series(row.values.copy(), index=pd.Index(row.labels, dtype=tidy["municipality"].dtype,
                                                        name="municipality"), name="value")


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


def group_overview(inputs: Inputs, focus: str | None = None, tolerance_pct: float | None = None,
                   groups: list[str] | None = None) -> pd.DataFrame:
    """Per target group: the focus's unit cost (Tabel 3.2) against the others (with the
    source's printed average beside), its result (afgangsrate, chapter 5 tables) against the
    others (leaving out the municipality the source's averages of that table leave out, where
    a reading shows it), and the quadrant. Focus and tolerance default to the chapter's (`inputs`)."""
    focus = inputs.focus_name if focus is None else focus
    tolerance_pct = inputs.tolerance_pct if tolerance_pct is None else tolerance_pct
    return _group_overview(inputs, focus, tolerance_pct, tuple(selected_groups(groups or [])))


@per_object  # asked for by the overview, the regrouping, the text quadrants and the text checks
def _group_overview(inputs: Inputs, focus: str, tolerance_pct: float, groups: tuple[str, ...]) -> pd.DataFrame:
    rows = []
    printed = inputs.unit_costs_by_group.set_index(["group", "measure"])["average"]
    for g in groups:
        c = compare(series(inputs.tidy, T32, g, "enhedsomkostning"), focus)
        r = compare(series(inputs.tidy, _table_of(g), g, RESULT_MEASURE), focus,
                    left_out(inputs, _table_of(g), focus))
        rows.append({"group": g, "label": GROUPS[g], "unit_cost": c["focus"], "average": c["average"],
                     "printed_average": printed.get((g, "enhedsomkostning"), np.nan),
                     "deviation": c["deviation"], "deviation_pct": c["deviation_pct"],
                     "rank_highest": c["rank_highest"], "rank_lowest": c["rank_lowest"],
                     "n_ranked": c["n_ranked"], "result": r["focus"], "result_average": r["average"],
                     "result_deviation_pct": r["deviation_pct"],
                     "quadrant": quadrant(c["deviation_pct"], r["deviation_pct"], tolerance_pct),
                     "unit_cost_gap": gap_of(inputs, T32, g, "enhedsomkostning", focus),
                     "result_gap": gap_of(inputs, _table_of(g), g, RESULT_MEASURE, focus)})
    return pd.DataFrame(rows)


def total_comparison(inputs: Inputs, focus: str | None = None) -> dict[str, float]:
    """Total unit cost across target groups (Tabel 3.2, 'Samlet'), for the chapter's focus by default."""
    return compare(series(inputs.tidy, T32, "alle", "samlet"), inputs.focus_name if focus is None else focus)


def measure_table(inputs: Inputs, group: str, measures: list[str], focus: str) -> pd.DataFrame:
    """Focus vs. the others' average for a list of measures of one group's chapter 5 table,
    with the average the source prints beside it. Where the source's averages of the table
    leave one municipality out (an accepted reading), so does the comparison for Norddjurs; where
    columns were lost in the text, the row is completed by the rule the printed averages follow
    (`completed_row`), and a row that cannot be completed has no recomputed average."""
    tab = _table_of(group)
    skip = left_out(inputs, tab, focus)
    printed = _group_table_averages(inputs)
    rows = []
    for m in measures:
        row = printed_row(inputs.tidy, tab, group, m)
        if row is None:
            continue
        values, _, unknown = completed_values(inputs, tab, group, m)
        c = compare_values(values, row.labels, focus, skip)
        if unknown:
            c = {**c, "average": np.nan, "deviation": np.nan, "deviation_pct": np.nan}
        rows.append({"measure": m, "label": MEASURES[m], "unit": row.unit, **c,
                     "printed_average": printed.get((tab, group, m), np.nan), "left_out": skip or ""})
    return pd.DataFrame(rows)


@per_object
def _group_table_averages(inputs: Inputs) -> dict[tuple[str, str, str], float]:
    """The average each chapter 5 row prints, by (table, group, measure)."""
    gt = inputs.group_tables
    return dict(zip(zip(gt["table"], gt["group"], gt["measure"]), gt["average"].to_numpy()))


def cost_profile(inputs: Inputs, group: str, focus: str) -> pd.DataFrame:
    """Unit cost by task (main tasks with their sub-tasks, then the total) against the average."""
    order = []
    for t in MAIN_TASKS:
        order.append(t)
        order += SUB_TASKS.get(t, [])
        if t == "sagsbehandling":
            order.append("rehabiliteringsteam")
    return measure_table(inputs, group, order + ["samlet"], focus)


def quality_profile(inputs: Inputs, group: str, focus: str) -> pd.DataFrame:
    """Quality indicators and results of one group against the average."""
    return measure_table(inputs, group, QUALITY, focus)


def key_figure_column_fit(inputs: Inputs) -> pd.DataFrame:
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


def average_convention(inputs: Inputs) -> pd.DataFrame:
    """Which average does the source print? For every printed row with an average and a
    Norddjurs value, test the mean of the peers (excluding Norddjurs) and the mean of all ten,
    at the printed precision. Returns counts of matching rows per table."""
    rows = []
    g5 = inputs.group_tables.assign(tab="Kapitel 5")
    frames = [(inputs.unit_costs_by_group.assign(decimals=1, tab="Tabel 3.2")),
              (inputs.unit_costs_by_task.assign(decimals=1, tab="Tabel 3.3")), g5]
    for df in frames:
        for rec in df.to_dict("records"):
            vals = np.array([rec[c] for c in MCOLS], dtype=float)
            if pd.isna(vals[0]) or pd.isna(rec["average"]):
                continue
            d = int(rec["decimals"])
            excl, incl = mean_skipping_gaps(vals[1:]), mean_skipping_gaps(vals)
            rows.append({"table": rec["tab"], "excl": _round_eq(excl, rec["average"], d),
                         "incl": _round_eq(incl, rec["average"], d)})
    df = pd.DataFrame(rows)
    return (df.groupby("table", sort=False)
              .agg(rows=("excl", "size"), excl=("excl", "sum"), incl=("incl", "sum"))
              .reset_index())


def _round_eq(computed: float, published: float, decimals: int) -> bool:
    return status_of(published, computed, decimals) == "match"

def text_quadrants(inputs: Inputs, tolerance_pct: float) -> pd.DataFrame:
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



@per_object  # asked for every row of a table (a few hundred times a render)
def lost_columns(inputs: Inputs, table: str, group: str) -> list[str]:
    """Columns of a chapter 5 table lost in the text extraction: not printed in the table,
    although Tabel 3.2 has a unit cost for that municipality and target group (so the
    municipality has the group, and the printed average counts it)."""
    gaps = inputs.gaps
    cols = gaps.loc[(gaps["table"] == table) & (gaps["group"] == group) & (gaps["kind"] == "column_not_printed")
                    & (gaps["measure"] == "*"), "column"].dropna().astype(int)
    t32 = series(inputs.tidy, T32, group, "enhedsomkostning")
    return [MCOLS[c - 1] for c in sorted(cols) if not pd.isna(t32.iloc[c - 1])]


UNIT_COST_ROWS = ("enhedsomkostning", "samlet")


def completed_row(inputs: Inputs, table: str, group: str, measure: str) -> tuple[pd.Series, list[str], list[str]]:
    """A chapter 5 row completed by the rule its printed averages follow where columns were lost
    in the text: a lost municipality with 0,0 in Tabel 3.2 (no persons in the group) is left out,
    as the printed averages do; a lost municipality's unit cost (rows Enhedsomkostning and
    Samlet) is its Tabel 3.2 figure. Returns (row, municipalities filled in from Tabel 3.2,
    municipalities whose value is still unknown)."""
    values, filled, unknown = completed_values(inputs, table, group, measure)
    s = series(inputs.tidy, table, group, measure)
    s.iloc[:] = values
    return s, filled, unknown


def completed_values(inputs: Inputs, table: str, group: str, measure: str) -> tuple[np.ndarray, list[str], list[str]]:
    """`completed_row` as the row's values in column order (a new array), without a Series."""
    row = printed_row(inputs.tidy, table, group, measure)
    values = row.values.copy() if row is not None else np.array([], dtype=float)
    lost = lost_columns(inputs, table, group)
    t32 = printed_row(inputs.tidy, T32, group, "enhedsomkostning").values if lost else None
    filled, unknown = [], []
    for c in lost:
        i, label = MCOLS.index(c), inputs.municipalities[MCOLS.index(c)]
        if t32[i] == 0:
            continue
        if measure in UNIT_COST_ROWS:
            values[i] = t32[i]
            filled.append(label)
        else:
            unknown.append(label)
    return values, filled, unknown


def zero_left_out(inputs: Inputs, table: str, group: str) -> list[str]:
    """The lost municipalities of a chapter 5 table with 0,0 in Tabel 3.2, which its printed
    averages leave out (no persons in the group)."""
    t32 = series(inputs.tidy, T32, group, "enhedsomkostning")
    return [inputs.municipalities[MCOLS.index(c)] for c in lost_columns(inputs, table, group)
            if t32.iloc[MCOLS.index(c)] == 0]


def _rows_of(df: pd.DataFrame, decimals: int | None = None) -> list[Row]:
    return [Row(tuple(None if pd.isna(r[c]) else float(r[c]) for c in MCOLS), float(r["average"]),
                int(r["decimals"]) if decimals is None else decimals) for r in df.to_dict("records")]


@per_object
def average_rules(inputs: Inputs) -> dict[str, Reading]:
    """The tables whose printed averages the mean of the others does not reproduce, but one
    alternative reading of the catalogue (analysis.core.readings) reproduces in every row:
    {table: reading}. Tables with lost columns are left out (nothing can be recomputed)."""
    labels = inputs.municipalities
    out = {}
    for (table, group), df in inputs.group_tables.groupby(["table", "group"], sort=False):
        if lost_columns(inputs, table, group):
            continue
        found = explain(mean_of_others(), average_readings(labels), _rows_of(df))
        if len(found) == 1:
            out[table] = found[0]
    return out


def left_out(inputs: Inputs, table: str, focus: str) -> str | None:
    """The municipality the source's averages of `table` leave out (by an accepted reading),
    when the focus is the municipality those averages are printed for; else None."""
    rule = average_rules(inputs).get(table)
    if rule is None or rule.parameter is None or focus != inputs.municipalities[0]:
        return None
    return inputs.municipalities[int(rule.parameter)]


def printed_average_rule(inputs: Inputs, group: str, published: float) -> Reading | None:
    """The rule behind a chapter 5 table's printed average unit cost where it is also printed
    elsewhere (Tabel 3.2, the text): the table's own accepted reading (`average_rules`), or,
    where the table cannot be recomputed, the mean of Tabel 3.2's row leaving out a
    municipality that has 0,0 there (no persons in the group), when that alone gives the
    printed figure. None otherwise: a single figure is never explained cell by cell."""
    table = GROUP_TABLES[group]
    rule = average_rules(inputs).get(table)
    if rule is not None:
        return rule
    s = series(inputs.tidy, T32, group, "enhedsomkostning")
    row = Row(tuple(None if pd.isna(v) else float(v) for v in s), float(published), 1)
    zeros = [i for i, v in enumerate(row.values) if v == 0 and i != 0]
    found = explain(mean_of_others(), [mean_without(i, inputs.municipalities[i]) for i in zeros], [row], min_rows=1)
    return found[0] if len(found) == 1 else None


def figures_period(inputs: Inputs) -> tuple[str, str]:
    """The first and last day of the period the figures refer to (ISO dates, from the period file)."""
    p = inputs.period.set_index("key")["value"]
    return str(p["figures_start"]), str(p["figures_end"])


def source_groups(inputs: Inputs) -> dict[str, list[int]]:
    """The source's own group(s) per target group, as its text states them (section 3.3), in
    the source's order of target groups; a target group may be named in two groups."""
    t = inputs.text[inputs.text["kind"] == "quadrant"]
    stated: dict[str, list[int]] = {}
    for g, v in zip(t["group"], t["value"]):
        stated.setdefault(g, []).append(int(v))
    return {g: sorted(stated[g]) for g in GROUPS if g in stated}


def _result_deviation(values: pd.Series, leave_out: str | None = None, also: str | None = None) -> float:
    kept = values.drop(labels=[also]) if also else values
    return compare(kept, values.index[0], leave_out)["deviation_pct"]


def deciding_peer(values: pd.Series, cost_dev_pct: float, target: int, tolerance_pct: float,
                  skip: str | None = None) -> tuple[str, float] | None:
    """The one peer whose result alone decides the group: leaving it out of the average puts
    the target group in the source's group `target`. None when no single peer does."""
    hits = [(m, float(values[m])) for m in values.index[1:] if not pd.isna(values[m]) and m != skip
            and quadrant(cost_dev_pct, _result_deviation(values, m, skip), tolerance_pct) == target]
    return hits[0] if len(hits) == 1 else None


def result_interval(values: pd.Series, skip: str | None = None) -> tuple[float, float]:
    """The result deviation (%) the printed afgangsrater allow (each printed to one decimal)."""
    from ...core.precision import Approx, mean, pct_deviation
    focus = Approx.printed(values.iloc[0], 1)
    avg = mean(Approx.printed(v, 1) for v in values.iloc[1:].drop(labels=[skip] if skip else []).dropna())
    d = pct_deviation(focus, avg)
    return d.low, d.high


def regrouping(inputs: Inputs, tolerance_pct: float | None = None) -> pd.DataFrame:
    """Norddjurs' groups as the source states them next to the groups the chapter 5 tables'
    afgangsrater give, with what decides a difference: the interval rounding allows for the
    result deviation and the one peer (if any) whose result alone moves the group (at the
    chapter's tolerance by default)."""
    tolerance_pct = inputs.tolerance_pct if tolerance_pct is None else tolerance_pct
    ov = group_overview(inputs, inputs.municipalities[0], tolerance_pct).set_index("group")
    tq = text_quadrants(inputs, tolerance_pct).set_index("group")
    rows = []
    for g, stated in source_groups(inputs).items():
        values = series(inputs.tidy, _table_of(g), g, RESULT_MEASURE)
        row = {"group": g, "label": GROUPS[g], "source_groups": stated,
               "source_result_dev": tq.loc[g, "text_result_dev"],
               "table_result_dev": ov.loc[g, "result_deviation_pct"], "table_group": ov.loc[g, "quadrant"],
               "low": np.nan, "high": np.nan, "deciding_peer": "", "deciding_value": np.nan, "moved": False}
        skip = left_out(inputs, _table_of(g), inputs.municipalities[0])
        if not values.empty:
            row["low"], row["high"] = result_interval(values, skip)
            if not pd.isna(row["table_group"]) and int(row["table_group"]) not in stated:
                row["moved"] = True
                hit = deciding_peer(values, ov.loc[g, "deviation_pct"], stated[0], tolerance_pct, skip)
                if hit:
                    row["deciding_peer"], row["deciding_value"] = hit
        rows.append(row)
    return pd.DataFrame(rows)


def unit_cost_spread(inputs: Inputs) -> pd.DataFrame:
    """Unit cost of every municipality per target group (Tabel 3.2), long: group, label,
    municipality, value (gaps left out)."""
    t = inputs.tidy
    rows = t[(t["table"] == T32) & (t["measure"] == "enhedsomkostning") & t["value"].notna()]
    out = rows[["group", "municipality", "value"]].copy()
    out["label"] = out["group"].map(GROUPS)
    return out.reset_index(drop=True)
