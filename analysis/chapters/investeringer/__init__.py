"""Chapter `investeringer`: quarterly follow-up of the five investment cases of budget 2020-2023.

Inputs (all read with `analysis.readers.read_table`, so CSV, Danish Excel CSV and .xlsx work):

- `cases_file`: one row per case (number, short name, target group, running/ended, decision date);
- `amounts_file`: the table an analyst replaces each quarter: per case, year, measure
  (`investment` / `savings`) and kind (`budget` / `result` / `forecast`) one amount in mio. kr.,
  current prices, minus = income or lower spending;
- `published_amounts_file`: the case rows as printed in the notat whose totals are checked (the
  same file as `amounts_file` in the default edition); a later edition's forecasts are compared
  with it;
- `published_net_file`, `tabel1_file`, `headlines_file`: the figures the notat derives and
  prints (the 'I alt' rows, Tabel 1, the numbers in the running text), kept to be checked;
- `survival_file`: Tabel 2, the share of A-dagpenge recipients still on benefit by week;
- `activity_file`: activity figures from the case sections (narrative only).

Every computation is a pure function of DataFrames; nothing here knows about notebooks.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ...core import errors
from ...core.errors import Failure
from ...core.readers import read_table
from ...core.validation import raise_if, validate

CHAPTER = "investeringer"
BUDGET_PERIOD = (2020, 2021, 2022, 2023)  # the years of "budget 2020-2023"
MEASURES = ("investment", "savings")
KINDS = ("budget", "result", "forecast")
ACTUAL_KINDS = ("result", "forecast")
STATUSES = ("running", "ended")
CHECKPOINT_WEEKS = (13, 26)
SOURCE_DOC = "Notat 26-11-2021, Kvartalsvis opfølgning på investeringer for budget 2020-2023"

DEFAULT_FILES = {
    "cases_file": "data/raw/investeringer/cases.csv",
    "amounts_file": "data/raw/investeringer/case_amounts.csv",
    "published_amounts_file": "data/raw/investeringer/case_amounts.csv",
    "published_net_file": "data/raw/investeringer/case_net_published.csv",
    "tabel1_file": "data/raw/investeringer/tabel1_published.csv",
    "headlines_file": "data/raw/investeringer/headlines.csv",
    "survival_file": "data/raw/investeringer/survival_curves.csv",
    "activity_file": "data/raw/investeringer/case_activity.csv",
}

MEASURE_LABELS = {"investment": "Investering i indsats", "savings": "Besparelse på forsørgelse",
                  "net": "I alt (netto)"}
KIND_LABELS = {"budget": "budget", "result": "resultat", "forecast": "forventet"}


class SelectionError(errors.ParameterValueError):
    """A chapter parameter selects cases, years or series that the inputs do not have."""

    def __init__(self, parameter: str, unknown: list, known: list):
        self.unknown, self.known = tuple(unknown), tuple(known)
        super().__init__("investeringer", parameter, list(unknown),
                         f"names unknown value(s) {list(unknown)}; known: {list(known)}")


class ParameterError(errors.ParameterValueError):
    """A chapter parameter has a value of the right type but the wrong form."""

    def __init__(self, parameter: str, value, expected: str):
        super().__init__("investeringer", parameter, value, f"must be {expected}")


# ---------------------------------------------------------------- schemas
CASES_SCHEMA = pa.DataFrameSchema(
    {
        "case": pa.Column(int, pa.Check.ge(1), unique=True, coerce=True),
        "short_name": pa.Column(str),
        "target_group": pa.Column(str),
        "status": pa.Column(str, pa.Check.isin(STATUSES)),
        "decision_date": pa.Column(str, nullable=True, coerce=True),
        "source_table": pa.Column(str, nullable=True),
    },
    strict=True,
)

AMOUNTS_SCHEMA = pa.DataFrameSchema(
    {
        "case": pa.Column(int, coerce=True),
        "year": pa.Column(int, pa.Check.isin(BUDGET_PERIOD), coerce=True),
        "measure": pa.Column(str, pa.Check.isin(MEASURES)),
        "kind": pa.Column(str, pa.Check.isin(KINDS)),
        "amount": pa.Column(float, nullable=True, coerce=True),
    },
    strict=True,
)

PUBLISHED_NET_SCHEMA = pa.DataFrameSchema(
    {
        "case": pa.Column(int, coerce=True),
        "year": pa.Column(int, pa.Check.isin(BUDGET_PERIOD), coerce=True),
        "kind": pa.Column(str, pa.Check.isin(KINDS)),
        "net": pa.Column(float, nullable=True, coerce=True),
    },
    unique=["case", "year", "kind"],
    strict=True,
)

TABEL1_SCHEMA = pa.DataFrameSchema(
    {
        "year": pa.Column(int, pa.Check.isin(BUDGET_PERIOD), unique=True, coerce=True),
        "kind": pa.Column(str, pa.Check.isin(ACTUAL_KINDS)),
        "investment": pa.Column(float, coerce=True),
        "savings": pa.Column(float, coerce=True),
        "net": pa.Column(float, coerce=True),
    },
    strict=True,
)

HEADLINES_SCHEMA = pa.DataFrameSchema(
    {
        "item": pa.Column(str),
        "value": pa.Column(float, coerce=True),
        "unit": pa.Column(str),
        "case": pa.Column(float, nullable=True, coerce=True),
        "year": pa.Column(float, nullable=True, coerce=True),
        "section": pa.Column(str),
        "printed": pa.Column(str),
    },
    unique=["item", "case", "year"],
    strict=True,
)

SURVIVAL_SCHEMA = pa.DataFrameSchema(
    {
        "series": pa.Column(str),
        "label": pa.Column(str),
        "week": pa.Column(int, pa.Check.ge(0), coerce=True),
        "share": pa.Column(float, [pa.Check.ge(0), pa.Check.le(100)], nullable=True, coerce=True),
    },
    unique=["series", "week"],
    strict=True,
)

ACTIVITY_SCHEMA = pa.DataFrameSchema(
    {
        "case": pa.Column(int, coerce=True),
        "measure": pa.Column(str),
        "year": pa.Column(float, nullable=True, coerce=True),
        "value": pa.Column(float, pa.Check.ge(0), coerce=True),
        "unit": pa.Column(str),
        "section": pa.Column(str),
        "printed": pa.Column(str),
    },
    strict=True,
)


# ---------------------------------------------------------------- loading
@dataclass(frozen=True)
class Inputs:
    """The validated inputs of the chapter."""

    follow_up_date: dt.date
    cases: pd.DataFrame
    amounts: pd.DataFrame
    published_amounts: pd.DataFrame
    published_net: pd.DataFrame
    tabel1: pd.DataFrame
    headlines: pd.DataFrame
    survival: pd.DataFrame
    activity: pd.DataFrame
    files: Mapping[str, str] = field(default_factory=dict)

    @property
    def amounts_are_published(self) -> bool:
        """True when the quarter's amounts are the published notat's case rows."""
        return self.files.get("amounts_file") == self.files.get("published_amounts_file")


def _row(i) -> int | None:
    return int(i) if isinstance(i, (int, np.integer)) else None


def year_closed(year: int, follow_up_date: dt.date) -> bool:
    """A year has a result only once it has ended before the follow-up date."""
    return follow_up_date > dt.date(year, 12, 31)


def check_amounts(df: pd.DataFrame, case_ids, follow_up_date: dt.date) -> list[Failure]:
    """Cross-row rules of an amounts table: signs (investment >= 0, savings <= 0), known cases, one value per
    case/year/measure/kind, one budget and one result-or-forecast per case/year/measure,
    every case/year/measure present, and 'result' only for years closed at the follow-up date."""
    out: list[Failure] = []
    known = set(int(c) for c in case_ids)
    for i, r in df.iterrows():
        if r["measure"] == "investment" and r["amount"] < 0:
            out.append(Failure(_row(i), "amount", "an investment is an expense: amount must be >= 0",
                               r["amount"]))
        if r["measure"] == "savings" and r["amount"] > 0:
            out.append(Failure(_row(i), "amount", "a saving is lower spending: amount must be <= 0 "
                               "(minus = income/lower spending)", r["amount"]))
        if int(r["case"]) not in known:
            out.append(Failure(_row(i), "case", f"unknown case; known cases: {sorted(known)}", int(r["case"])))
        if r["kind"] == "result" and not year_closed(int(r["year"]), follow_up_date):
            out.append(Failure(_row(i), "kind",
                               f"'result' for a year not closed at the follow-up date {follow_up_date.isoformat()}"
                               " (use 'forecast')", f"{int(r['year'])}: result"))
    key = ["case", "year", "measure", "kind"]
    dup = df[df.duplicated(key, keep="first")]
    for i, r in dup.iterrows():
        out.append(Failure(_row(i), "kind", "more than one value for the same case/year/measure/kind",
                           f"case {r['case']}, {r['year']}, {r['measure']}, {r['kind']}"))
    actual = df[df["kind"].isin(ACTUAL_KINDS)]
    both = actual[actual.duplicated(["case", "year", "measure"], keep="first")
                  & ~actual.duplicated(key, keep="first")]
    for i, r in both.iterrows():
        out.append(Failure(_row(i), "kind", "both 'result' and 'forecast' for the same case/year/measure",
                           f"case {r['case']}, {r['year']}, {r['measure']}"))
    have = set(map(tuple, df[key].astype(str).itertuples(index=False)))
    for c in sorted(known):
        for y in BUDGET_PERIOD:
            for m in MEASURES:
                if (str(c), str(y), m, "budget") not in have:
                    out.append(Failure(None, None, "missing row", f"case {c}, {y}, {m}, budget"))
                if not any((str(c), str(y), m, k) in have for k in ACTUAL_KINDS):
                    out.append(Failure(None, None, "missing row", f"case {c}, {y}, {m}, result or forecast"))
    return sorted(out, key=lambda f: (f.row is not None, f.row or 0, f.column or ""))


def check_survival(df: pd.DataFrame) -> list[Failure]:
    """A survival curve never rises, and once it ends (empty cells) it stays empty."""
    out: list[Failure] = []
    for _, g in df.sort_values("week", kind="stable").groupby("series", sort=False):
        ended, last = False, None
        for i, r in g.iterrows():
            if pd.isna(r["share"]):
                ended = True
                continue
            if ended:
                out.append(Failure(_row(i), "share", "a value after the series has ended (gap in the curve)",
                                   r["share"]))
            if last is not None and r["share"] > last:
                out.append(Failure(_row(i), "share", "a survival curve cannot rise from one week to the next",
                                   r["share"]))
            last = r["share"]
    return out


def _read(params: Mapping[str, Any], name: str, schema: pa.DataFrameSchema) -> pd.DataFrame:
    df = read_table(params.get(name, DEFAULT_FILES[name]), parameter=name)
    return validate(df, schema)


def load_inputs(params: Mapping[str, Any]) -> Inputs:
    """Read and validate every input of the chapter; raise InputError naming file, row,
    column, rule and value (all failures of a file at once)."""
    try:
        follow_up = dt.date.fromisoformat(str(params.get("follow_up_date", "2021-11-26")))
    except ValueError:
        raise ParameterError("follow_up_date", params.get("follow_up_date"),
                             "an ISO date (YYYY-MM-DD)") from None
    cases = _read(params, "cases_file", CASES_SCHEMA)
    amounts = _read(params, "amounts_file", AMOUNTS_SCHEMA)
    raise_if(amounts.attrs["file"], check_amounts(amounts, cases["case"], follow_up))
    published_amounts = _read(params, "published_amounts_file", AMOUNTS_SCHEMA)
    raise_if(published_amounts.attrs["file"], check_amounts(
        published_amounts, cases["case"], dt.date.max))
    published_net = _read(params, "published_net_file", PUBLISHED_NET_SCHEMA)
    tabel1 = _read(params, "tabel1_file", TABEL1_SCHEMA)
    headlines = _read(params, "headlines_file", HEADLINES_SCHEMA)
    survival = _read(params, "survival_file", SURVIVAL_SCHEMA)
    raise_if(survival.attrs["file"], check_survival(survival))
    activity = _read(params, "activity_file", ACTIVITY_SCHEMA)
    files = {k: df.attrs["file"] for k, df in [
        ("cases_file", cases), ("amounts_file", amounts), ("published_amounts_file", published_amounts),
        ("published_net_file", published_net), ("tabel1_file", tabel1), ("headlines_file", headlines),
        ("survival_file", survival), ("activity_file", activity)]}
    inputs = Inputs(follow_up, cases, amounts, published_amounts, published_net, tabel1,
                    headlines, survival, activity, files)
    select_cases(inputs, params.get("cases", []))
    select_years(params.get("years", list(BUDGET_PERIOD)))
    select_series(inputs, params.get("baseline_series", "avg_2017_2019"))
    return inputs


def select_series(inputs: Inputs, series: str) -> str:
    """The baseline survival series; an unknown series is an error."""
    known = list(inputs.survival["series"].drop_duplicates())
    if series not in known:
        raise SelectionError("baseline_series", [series], known)
    return series


def select_cases(inputs: Inputs, cases) -> list[int]:
    """The case ids to show: all when `cases` is empty; unknown ids are an error."""
    known = [int(c) for c in inputs.cases["case"]]
    if not cases:
        return known
    unknown = [c for c in cases if int(c) not in known]
    if unknown:
        raise SelectionError("cases", unknown, known)
    return [int(c) for c in cases]


def select_years(years) -> list[int]:
    """The years to show (budget period order); unknown years are an error."""
    if not years:
        return list(BUDGET_PERIOD)
    unknown = [y for y in years if int(y) not in BUDGET_PERIOD]
    if unknown:
        raise SelectionError("years", unknown, list(BUDGET_PERIOD))
    return sorted(int(y) for y in years)


# ---------------------------------------------------------------- computations: amounts
def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Round float columns to 9 decimals: removes binary noise (4.8340000000000005), far below
    the printed precision of a thousandth of a million kroner."""
    floats = df.select_dtypes("float").columns
    return df.assign(**{c: df[c].round(9) for c in floats})


def _sum(values) -> float:
    """Sum where a printed '-' (missing) counts as nothing; all missing → NaN."""
    return pd.Series(values, dtype=float).sum(min_count=1)


def case_year(amounts: pd.DataFrame) -> pd.DataFrame:
    """One row per case and year: budget and result-or-forecast of investment, savings and net
    (investment + savings), the kind of the actual figure, and the deviations
    (result-or-forecast minus budget; negative = better than budget)."""
    a = amounts.assign(slot=np.where(amounts["kind"] == "budget", "budget", "actual"))
    wide = a.pivot_table(index=["case", "year"], columns=["measure", "slot"], values="amount",
                         aggfunc="first", dropna=False)
    wide.columns = [f"{m}_{s}" for m, s in wide.columns]
    wide = wide.reindex(columns=[f"{m}_{s}" for m in MEASURES for s in ("budget", "actual")])
    kinds = (a[a["slot"] == "actual"].groupby(["case", "year"])["kind"]
             .agg(lambda k: "result" if (k == "result").all() else "forecast"))
    out = wide.reset_index()
    out["kind"] = [kinds.get((c, y), "forecast") for c, y in zip(out["case"], out["year"])]
    for s in ("budget", "actual"):
        out[f"net_{s}"] = out[[f"investment_{s}", f"savings_{s}"]].sum(axis=1, min_count=1)
    for m in (*MEASURES, "net"):
        out[f"{m}_deviation"] = out[f"{m}_actual"] - out[f"{m}_budget"]
    return _tidy(out.sort_values(["case", "year"]).reset_index(drop=True))


def cumulative(cy: pd.DataFrame, years) -> pd.DataFrame:
    """Per case: the net effect summed over `years`, budget and result-or-forecast, and the
    deviation (negative = more saved than budgeted)."""
    sel = cy[cy["year"].isin(list(years))]
    g = sel.groupby("case")
    out = pd.DataFrame({
        "net_budget": g["net_budget"].sum(min_count=1),
        "net_actual": g["net_actual"].sum(min_count=1),
        "investment_budget": g["investment_budget"].sum(min_count=1),
        "investment_actual": g["investment_actual"].sum(min_count=1),
    })
    out["net_deviation"] = out["net_actual"] - out["net_budget"]
    return _tidy(out.reset_index())


def cumulative_by_year(cy: pd.DataFrame, years) -> pd.DataFrame:
    """Per case and year: the running sum of the net effect, budget and result-or-forecast."""
    sel = cy[cy["year"].isin(list(years))].sort_values(["case", "year"])
    out = sel[["case", "year"]].copy()
    for s in ("budget", "actual"):
        out[f"net_{s}_cumulative"] = sel.groupby("case")[f"net_{s}"].transform(
            lambda v: v.fillna(0).cumsum())
    return _tidy(out.reset_index(drop=True))


def tabel1(cy: pd.DataFrame, years=BUDGET_PERIOD) -> pd.DataFrame:
    """Tabel 1 from the case rows: per year the result-or-forecast of investment (A), savings
    (B) and the net effect A + B, summed over all cases, with the year's kind."""
    sel = cy[cy["year"].isin(list(years))]
    g = sel.groupby("year")
    out = pd.DataFrame({
        "kind": g["kind"].agg(lambda k: "result" if (k == "result").all() else "forecast"),
        "investment": g["investment_actual"].sum(min_count=1),
        "savings": g["savings_actual"].sum(min_count=1),
        "investment_budget": g["investment_budget"].sum(min_count=1),
        "savings_budget": g["savings_budget"].sum(min_count=1),
    })
    out["net"] = out[["investment", "savings"]].sum(axis=1, min_count=1)
    out["net_budget"] = out[["investment_budget", "savings_budget"]].sum(axis=1, min_count=1)
    return _tidy(out.reset_index())


def net_saving(t1: pd.DataFrame, column: str = "net") -> float:
    """The net saving over the period as a positive amount (minus = saving in the tables)."""
    return round(-float(t1[column].sum()), 9)


def planned_investment(cy: pd.DataFrame) -> float:
    """The budgeted investment summed over the case tables."""
    return round(float(cy["investment_budget"].sum()), 9)


def returned_funds(cy: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    """Per ended case: budgeted minus spent investment over the years where both are given
    (the funds returned to the treasury)."""
    ended = cases.loc[cases["status"] == "ended", "case"]
    sel = cy[cy["case"].isin(ended)].dropna(subset=["investment_budget", "investment_actual"])
    sel = sel.assign(returned=sel["investment_budget"] - sel["investment_actual"])
    return _tidy(sel.groupby("case", as_index=False)["returned"].sum())


def changes(amounts: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Result-or-forecast rows whose amount (or budget) differs from the published notat (for a
    later follow-up); a change of kind alone (forecast → result) is not a change."""
    key = ["case", "year", "measure"]
    a = amounts[amounts["kind"] != "budget"][key + ["kind", "amount"]]
    p = published[published["kind"] != "budget"][key + ["kind", "amount"]]
    ab = amounts[amounts["kind"] == "budget"][key + ["amount"]].rename(columns={"amount": "budget_new"})
    pb = published[published["kind"] == "budget"][key + ["amount"]].rename(columns={"amount": "budget_old"})
    m = p.merge(a, on=key, suffixes=("_old", "_new")).merge(pb, on=key).merge(ab, on=key)
    same = lambda x, y: (x.isna() & y.isna()) | np.isclose(x.fillna(0), y.fillna(0), atol=5e-4)  # noqa: E731
    changed = ~same(m["amount_old"], m["amount_new"]) | ~same(m["budget_old"], m["budget_new"])
    out = m[changed].assign(change=lambda d: d["amount_new"] - d["amount_old"])
    return out.sort_values(key).reset_index(drop=True)


def changed_cases(amounts: pd.DataFrame, published: pd.DataFrame) -> list[int]:
    return sorted(int(c) for c in changes(amounts, published)["case"].unique())


# ---------------------------------------------------------------- computations: survival
def survival_wide(survival: pd.DataFrame) -> pd.DataFrame:
    """Weeks as rows, series as columns (share in per cent; NaN where a series has ended)."""
    return survival.pivot(index="week", columns="series", values="share").sort_index()


def series_labels(survival: pd.DataFrame) -> dict[str, str]:
    return dict(survival.drop_duplicates("series")[["series", "label"]].itertuples(index=False))


def share_at(survival: pd.DataFrame, series: str, week: int) -> float:
    hit = survival[(survival["series"] == series) & (survival["week"] == week)]["share"]
    return float(hit.iloc[0]) if len(hit) else float("nan")


def area_between(survival: pd.DataFrame, series: str, baseline: str) -> dict:
    """Area between the baseline curve and a series over the weeks the series is observed
    (trapezoid rule, in percentage point × weeks; positive = fewer still on benefit, i.e.
    faster exits), and the same as an average gap in percentage points."""
    wide = survival_wide(survival)
    gap_all = (wide[baseline] - wide[series]).dropna()
    weeks = gap_all.index.to_numpy(dtype=float)
    gap = gap_all.to_numpy(dtype=float)
    area = float(np.sum((gap[1:] + gap[:-1]) / 2 * np.diff(weeks))) if len(weeks) > 1 else 0.0
    span = float(weeks[-1] - weeks[0]) if len(weeks) > 1 else float("nan")
    return {"series": series, "last_week": int(weeks[-1]), "area_pp_weeks": area,
            "mean_gap_pp": area / span if span else float("nan")}


def survival_summary(survival: pd.DataFrame, baseline: str, weeks=CHECKPOINT_WEEKS) -> pd.DataFrame:
    """Per series: share at the checkpoint weeks, difference to the baseline in percentage
    points, last week observed and the area between the curves."""
    rows = []
    for s in survival["series"].drop_duplicates():
        row = {"series": s}
        for wk in weeks:
            v = share_at(survival, s, wk)
            row[f"share_week_{wk}"] = v
            row[f"diff_week_{wk}_pp"] = v - share_at(survival, baseline, wk)
        row.update({k: v for k, v in area_between(survival, s, baseline).items() if k != "series"})
        rows.append(row)
    return _tidy(pd.DataFrame(rows))


# ---------------------------------------------------------------- reconciliation
@dataclass(frozen=True)
class CheckRow:
    item: str
    source: str
    published: float
    computed: float | None
    unit: str = "mio. kr."
    note: str = ""
    decimals: int | None = 3


def _headline(h: pd.DataFrame, item: str, case=None, year=None) -> float:
    sel = h[h["item"] == item]
    sel = sel[sel["case"].isna()] if case is None else sel[sel["case"] == case]
    sel = sel[sel["year"].isna()] if year is None else sel[sel["year"] == year]
    if len(sel) != 1:
        raise KeyError(f"headline {item} (case {case}, year {year}) not found once in headlines")
    return float(sel["value"].iloc[0])


def reconciliation(inputs: Inputs) -> list[CheckRow]:
    """Every figure the notat prints that can be derived, recomputed from the notat's own case
    rows (`published_amounts_file`), and the headline figures that cannot, with a note."""
    from ...core import fmt

    cy = case_year(inputs.published_amounts)
    t1 = tabel1(cy)
    h = inputs.headlines
    rows: list[CheckRow] = []
    src_t1 = f"{SOURCE_DOC}, Tabel 1"
    labels = {"investment": "investering (A)", "savings": "besparelse på forsørgelse (B)",
              "net": "i alt"}
    for _, p in inputs.tabel1.iterrows():
        c = t1[t1["year"] == p["year"]].iloc[0]
        for col in ("investment", "savings", "net"):
            note = "Sum af de fem casetabellers resultat/forventet."
            if col == "net":
                note += " Rækken er mærket (B-A), men tallet er A+B (besparelser har minus)."
            rows.append(CheckRow(f"Tabel 1: {labels[col]} {int(p['year'])}", src_t1,
                                 float(p[col]), float(c[col]), note=note))
    for _, p in inputs.published_net.dropna(subset=["net"]).iterrows():
        c = cy[(cy["case"] == p["case"]) & (cy["year"] == p["year"])].iloc[0]
        col = "net_budget" if p["kind"] == "budget" else "net_actual"
        table = inputs.cases.set_index("case").loc[int(p["case"]), "source_table"]
        rows.append(CheckRow(f"Case {int(p['case'])}: i alt {int(p['year'])}, {KIND_LABELS[p['kind']]}",
                             f"{SOURCE_DOC}, {table}", float(p["net"]), float(c[col]),
                             note="Investering + besparelse i casetabellen."))
    text = f"{SOURCE_DOC}, tekst under Tabel 1"
    rows.append(CheckRow("Nettobesparelse over perioden", text, _headline(h, "net_saving_period"),
                         net_saving(t1), note="Minus summen af Tabel 1's i alt-række 2020-2023."))
    y = 2021
    r21 = t1[t1["year"] == y].iloc[0]
    rows += [
        CheckRow(f"Investering {y} (tekst)", text, _headline(h, "investment_year", year=y),
                 float(r21["investment"]), note="Sum af casetabellerne."),
        CheckRow(f"Besparelse på forsørgelsen {y} (tekst)", text, _headline(h, "savings_year", year=y),
                 -float(r21["savings"]), note="Teksten angiver besparelsen uden fortegn."),
        CheckRow(f"Forskel mellem besparelse og investering {y} (tekst)", text,
                 _headline(h, "net_year", year=y), -float(r21["net"]),
                 note="Teksten angiver forskellen uden fortegn."),
        CheckRow(f"Højere udgifter uden investeringen {y}, afrundet (tekst)", text,
                 _headline(h, "savings_year_rounded", year=y), -float(r21["savings"]), decimals=1,
                 note="Teksten runder besparelsen til én decimal ('ca. 3,8')."),
    ]
    intro = f"{SOURCE_DOC}, indledning"
    budget_inv = planned_investment(cy)
    case1 = cy[cy["case"] == 1]
    rows.append(CheckRow(
        "Planlagt investering i budgetaftalen 2020-2023", intro, _headline(h, "planned_investment"),
        budget_inv,
        note=("Summen af budgetkolonnerne i casetabellerne. Case 1 (afsluttet) viser '-' for 2022-2023; "
              f"forskellen svarer til ét års budget for case 1 "
              f"({fmt.number(float(case1['investment_budget'].dropna().iloc[0]), 3)} mio. kr.).")))
    split = h[h["item"] == "planned_savings_year"]
    rows.append(CheckRow("Besparelse lagt ind i budgettet i alt (sum af årene)", intro,
                         _headline(h, "planned_savings_total"), float(split["value"].sum()), decimals=1,
                         note="Summen af de fire års beløb i teksten."))
    for _, p in split.iterrows():
        yy = int(p["year"])
        b = -float(cy[cy["year"] == yy]["savings_budget"].sum())
        rows.append(CheckRow(
            f"Besparelse lagt ind i budgettet {yy}", intro, float(p["value"]), None, decimals=1,
            note=("Budgetaftalens beløb er ikke fordelt på cases i notatet; casetabellernes budgetterede "
                  f"besparelse {yy} er {fmt.number(b, 3)} mio. kr.")))
    case_text = f"{SOURCE_DOC}, afsnit 1"
    rf = returned_funds(cy, inputs.cases)
    rows.append(CheckRow("Case 1: brugt på investeringen 2021", f"{case_text} (Tabel 3)",
                         _headline(h, "case_investment_spent", case=1, year=2021),
                         float(cy[(cy["case"] == 1) & (cy["year"] == 2021)]["investment_actual"].iloc[0]),
                         note="Forventet investering 2021 i Tabel 3."))
    rows.append(CheckRow("Case 1: midler tilbageført til kassen", f"{case_text} (Tabel 3)",
                         _headline(h, "case_returned_funds", case=1, year=2021),
                         float(rf.loc[rf["case"] == 1, "returned"].sum()),
                         note="Budgetteret minus brugt investering i de år, hvor begge er angivet."))
    rows.append(CheckRow("Case 2: besparelse på forsørgelsen 2021", f"{SOURCE_DOC}, afsnit 2 (Tabel 4)",
                         _headline(h, "case_savings_year", case=2, year=2021),
                         -float(cy[(cy["case"] == 2) & (cy["year"] == 2021)]["savings_actual"].iloc[0]),
                         note="Teksten angiver besparelsen uden fortegn."))
    cum = cumulative(cy, BUDGET_PERIOD).set_index("case")
    for case, sec in ((3, "afsnit 3 (første Tabel 5)"), (4, "afsnit 4 (anden Tabel 5)")):
        rows.append(CheckRow(f"Case {case}: samlet overskud i investeringsperioden", f"{SOURCE_DOC}, {sec}",
                             _headline(h, "case_surplus_period", case=case), -float(cum.loc[case, "net_actual"]),
                             note="Minus summen af i alt-rækken (resultat/forventet) 2020-2023."))
    sv = inputs.survival
    rows.append(CheckRow("Andel på A-dagpenge efter 13 uger, 1. halvår 2021", f"{SOURCE_DOC}, tekst under Tabel 2",
                         _headline(h, "survival_share", year=2021), share_at(sv, "h1_2021", 13),
                         unit="%", decimals=1, note="Tabel 2, 1. halvår 2021, 13 uger."))
    return rows


def net_label_is_sum(published_tabel1: pd.DataFrame) -> bool:
    """True when Tabel 1's net row (labelled B-A) equals A + B at the printed precision."""
    s = (published_tabel1["investment"] + published_tabel1["savings"]).round(3)
    return bool(np.allclose(s, published_tabel1["net"], atol=5e-4))


# ---------------------------------------------------------------- presentation (Danish tables)
ACTIVITY_LABELS = {
    "planned_participants": "planlagt antal deltagere",
    "expected_participants": "forventet antal deltagere",
    "participants": "antal deltagere",
    "business_leaders_kickoff": "erhvervsledere ved kick-off",
    "small_jobs_created": "småjob skabt",
}
STATUS_LABELS = {"running": "igangværende", "ended": "afsluttet"}


def year_heading(year: int, kind: str) -> str:
    return f"{year} {KIND_LABELS[kind]}"


def tabel1_display(t1: pd.DataFrame) -> pd.DataFrame:
    """Tabel 1 as the notat lays it out: rows A, B, A+B (and the budgeted net), years as
    columns, plus the period total."""
    heads = [year_heading(int(y), k) for y, k in zip(t1["year"], t1["kind"])]
    rows = [("Investering i indsats (A)", "investment"), ("Besparelse på forsørgelse (B)", "savings"),
            ("I alt (A+B)", "net"), ("Budgetteret i alt (casetabeller)", "net_budget")]
    data = {"Post": [r[0] for r in rows]}
    for h, (_, r) in zip(heads, t1.iterrows()):
        data[h] = [float(r[c]) for _, c in rows]
    data["I alt"] = [float(t1[c].sum()) for _, c in rows]
    return pd.DataFrame(data)


def case_display(cy: pd.DataFrame, case: int, years) -> pd.DataFrame:
    """One case: budget, result-or-forecast and deviation of investment, savings and net,
    years as columns plus the period total."""
    sel = cy[(cy["case"] == case) & cy["year"].isin(list(years))].sort_values("year")
    heads = [year_heading(int(y), k) for y, k in zip(sel["year"], sel["kind"])]
    rows = []
    for m in (*MEASURES, "net"):
        name = {"investment": "Investering", "savings": "Besparelse", "net": "I alt"}[m]
        for s, lab in (("budget", "budget"), ("actual", "resultat/forventet"), ("deviation", "afvigelse")):
            vals = [float(v) for v in sel[f"{m}_{s}"]]
            total = pd.Series(vals, dtype=float).sum(min_count=1)
            rows.append([f"{name}: {lab}", *vals, total])
    return pd.DataFrame(rows, columns=["Post", *heads, "I alt"])


def overview_display(cases: pd.DataFrame, cum: pd.DataFrame, shown) -> pd.DataFrame:
    c = cases.merge(cum, on="case")
    c = c[c["case"].isin(list(shown))]
    return pd.DataFrame({
        "Nr.": c["case"].astype(str),
        "Investering": c["short_name"],
        "Status": c["status"].map(STATUS_LABELS),
        "Budget, netto": c["net_budget"].astype(float),
        "Resultat/forventet, netto": c["net_actual"].astype(float),
        "Afvigelse": c["net_deviation"].astype(float),
    })


def survival_display(summary: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        "Periode": summary["series"].map(labels),
        "Uge 13, %": summary["share_week_13"],
        "Forskel uge 13, pct.-point": summary["diff_week_13_pp"],
        "Uge 26, %": summary["share_week_26"],
        "Forskel uge 26, pct.-point": summary["diff_week_26_pp"],
        "Observeret til uge": summary["last_week"].astype(int),
        "Areal, pct.-point × uger": summary["area_pp_weeks"],
    })


def changes_display(ch: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    names = cases.set_index("case")["short_name"]
    return pd.DataFrame({
        "Investering": [f"{c}. {names[c]}" for c in ch["case"]],
        "År": ch["year"].astype(str),
        "Post": ch["measure"].map({"investment": "Investering", "savings": "Besparelse"}),
        "Notat 26-11-2021": ch["amount_old"].astype(float),
        "Denne opfølgning": ch["amount_new"].astype(float),
        "Ændring": ch["change"].astype(float),
    })


def activity_sentence(activity: pd.DataFrame, case: int) -> str:
    """The case's activity figures in one Danish clause, e.g. 'planlagt antal deltagere: 40
    fuldtidspersoner (2021)'."""
    from ...core import fmt

    parts = []
    for _, r in activity[activity["case"] == case].iterrows():
        yr = "" if pd.isna(r["year"]) else f" ({int(r['year'])})"
        parts.append(f"{ACTIVITY_LABELS.get(r['measure'], r['measure'])}: "
                     f"{fmt.integer(r['value'])} {r['unit']}{yr}")
    return "; ".join(parts)


# ---------------------------------------------------------------- figures
def cumulative_figure(overview: pd.DataFrame, years):
    """Grouped horizontal bars per case: cumulative net effect, budget vs result/forecast."""
    from ...core import fmt
    from ...core.figures import HATCHES, PALETTE, danish_ticks, new

    fig, ax = new(figsize=(7.0, 0.7 * len(overview) + 1.4))
    ypos = np.arange(len(overview))[::-1]
    h = 0.38
    series = [("Budget, netto", "Budget", PALETTE[0], HATCHES[1]),
              ("Resultat/forventet, netto", "Resultat/forventet", PALETTE[1], HATCHES[0])]
    for k, (col, lab, colour, hatch) in enumerate(series):
        vals = overview[col].fillna(0).to_numpy(dtype=float)
        y = ypos + (h / 2 if k == 0 else -h / 2)
        ax.barh(y, vals, height=h, color=colour, hatch=hatch, edgecolor="black", linewidth=0.5, label=lab)
        for yy, v in zip(y, vals):
            ax.annotate(fmt.number(v, 1), (v, yy), xytext=(4 if v >= 0 else -4, 0),
                        textcoords="offset points", va="center", ha="left" if v >= 0 else "right",
                        fontsize=8)
    ax.set_yticks(ypos, [f"{n}. {i}" for n, i in zip(overview["Nr."], overview["Investering"])])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True, color="#D0D0D0", linewidth=0.6)
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo - 0.12 * (hi - lo), hi + 0.12 * (hi - lo))
    danish_ticks(ax, "x", 0)
    ax.set_xlabel(f"Nettoeffekt {min(years)}-{max(years)}, mio. kr. (minus = besparelse)")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2)
    return fig


def survival_figure(survival: pd.DataFrame, baseline: str):
    """The survival curves, baseline in black, others with distinct line styles and markers."""
    from ...core.figures import PALETTE, danish_ticks, new

    fig, ax = new()
    wide = survival_wide(survival)
    labels = series_labels(survival)
    styles = [("-", "o", PALETTE[0]), ("--", "s", PALETTE[1]), (":", "^", PALETTE[2]), ("-.", "D", PALETTE[3])]
    order = [baseline] + [s for s in survival["series"].drop_duplicates() if s != baseline]
    others = iter(styles)
    for s in order:
        d = wide[s].dropna()
        if s == baseline:
            ax.plot(d.index, d.values, color="black", linewidth=2.2, marker="", label=labels[s])
        else:
            ls, mk, col = next(others)
            ax.plot(d.index, d.values, color=col, linestyle=ls, marker=mk, markersize=4, label=labels[s])
    for wk in CHECKPOINT_WEEKS:
        ax.axvline(wk, color="#909090", linewidth=0.7, linestyle=(0, (2, 2)))
        ax.annotate(f"{wk} uger", (wk, 2), xytext=(3, 0), textcoords="offset points", fontsize=8,
                    va="bottom")
    ax.set_ylim(0, 102)
    ax.set_xticks(wide.index)
    danish_ticks(ax, "y", 0, " %")
    ax.set_xlabel("Uger efter ledighedens start")
    ax.set_ylabel("Andel stadig på A-dagpenge")
    ax.legend(loc="upper right")
    return fig


# ---------------------------------------------------------------- narrative helpers
def saving_phrase(net_saving_amount: float, decimals: int = 3) -> str:
    """'en nettobesparelse på 10,529 mio. kr.' or, for a net cost, 'en nettoudgift på ...'."""
    from ...core import fmt

    word = "en nettobesparelse" if net_saving_amount >= 0 else "en nettoudgift"
    return f"{word} på {fmt.amount(abs(net_saving_amount), decimals=decimals)}"


def balance_message(t1: pd.DataFrame) -> str:
    """One Danish sentence on the first year shown and the year the savings overtake the
    investment, in the tense of each year's kind (result: past; forecast: expected)."""
    first = t1.iloc[0]
    y0, kind0 = int(first["year"]), first["kind"]
    verb = "gav investeringerne" if kind0 == "result" else "ventes investeringerne at give"
    text = f"I {y0} ({KIND_LABELS[kind0]}) {verb} {saving_phrase(-float(first['net']))}"
    turn = first_net_saving_year(t1)
    if turn is None:
        return text + "; besparelsen på forsørgelsen overstiger ikke investeringen i noget af årene."
    after = t1[t1["year"] >= turn]
    lasting = bool((after["net"] < 0).all())
    kind = t1.set_index("year").loc[turn, "kind"]
    is_ = "er" if kind == "result" else "ventes"
    tail = "at være større end investeringen" if kind != "result" else "større end investeringen"
    if turn == y0:
        return text + (" – besparelsen er større end investeringen i alle viste år" if lasting else "") + "."
    when = f"fra {turn}" if lasting else f"i {turn}"
    return text + f"; {when} {is_} besparelsen på forsørgelsen {tail}."


def first_net_saving_year(t1: pd.DataFrame) -> int | None:
    """The first year whose net effect (result or forecast) is a saving (negative)."""
    hit = t1[t1["net"] < 0]
    return None if hit.empty else int(hit["year"].iloc[0])


def amounts_source(inputs: Inputs) -> str:
    """The 'Kilde' text for figures built from the quarter's amounts."""
    base = ("Notat 26-11-2021 om kvartalsvis opfølgning på investeringer for budget 2020-2023, "
            "Tabel 3-6 (Budgetaftale 2020-2023, Fasit, DREAM og KMD Opus)")
    if inputs.amounts_are_published:
        return base
    return (f"budget: {base}; resultat/forventet: opfølgningsfilen {inputs.files['amounts_file']} "
            f"pr. {inputs.follow_up_date.isoformat()}")


def join_da(items: list[str]) -> str:
    """'a', 'a og b', 'a, b og c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def has_provenance(path: str) -> bool:
    """True when an input file is registered in a provenance registry of data/raw."""
    from ...core.provenance import lookup

    return lookup(path) is not None
