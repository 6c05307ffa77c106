"""Chapter `rammer` (Rammer og nøgletal): the committee's frame in figures.

Inputs are transcribed from the committee's introduction (2022, seed 001) and agenda items 2
and 5 of Norddjurs Beskæftigelsesråd 29-08-2024 (seed 002). This module reads and validates
them, computes the derived figures the chapter shows, lists the reconciliation checks of every
printed difference, share and total, and draws the chapter's figures.

Conventions:
- The minister's benchmark prints its difference as actual minus expected (negative = fewer
  full-time persons on public support than expected, which is good); we keep that sign.
- Block ids (`BLOCKS`) select the chapter's sections; an empty selection means all blocks.
- Results and checks are produced per block, so a hidden block states nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import pandas as pd
import pandera.pandas as pa
from babel.dates import get_month_names

from ...core import errors, fmt
from ...core.errors import Failure, InputError
from ...core.readers import read_table
from ...core.validation import raise_if, validate

# ---------------------------------------------------------------- parameters
BLOCKS: tuple[str, ...] = (
    "oekonomi", "benchmark", "rammevilkaar", "kontakt", "noegletal", "akasser", "aarshjul",
)
# The book is re-rendered once a quarter, in the last month of the quarter.
DEFAULT_EDITION_MONTHS: tuple[int, ...] = (3, 6, 9, 12)

RAW = "data/raw/rammer"
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
}

MONTHS_DA: tuple[str, ...] = tuple(
    get_month_names("wide", locale="da_DK")[m] for m in range(1, 13))
MONTHS_DA_SHORT: tuple[str, ...] = tuple(m[:3] for m in MONTHS_DA)

# Sources as the reader sees them ("Kilde: ...").
SRC_INTRO = "Norddjurs Kommune, introduktion til Arbejdsmarkedsudvalget (2022)"
SRC_NBR = "Norddjurs Beskæftigelsesråd, dagsorden 29.08.2024"


class ParameterValueError(errors.ParameterValueError):
    """A parameter of the Rammer chapter has a value outside its allowed set."""

    def __init__(self, parameter: str, value: object, rule: str):
        super().__init__("rammer", parameter, value, rule)


def selected_blocks(blocks: Iterable[str] | None) -> tuple[str, ...]:
    """The blocks to show, in chapter order; empty or None means all blocks."""
    chosen = list(blocks or [])
    unknown = [b for b in chosen if b not in BLOCKS]
    if unknown:
        raise ParameterValueError("blocks", unknown, f"unknown block id(s); known: {', '.join(BLOCKS)}")
    return tuple(b for b in BLOCKS if not chosen or b in chosen)


def edition_months(months: Iterable[int] | None) -> tuple[int, ...]:
    """Validated, sorted, unique edition months (1-12); None or empty means the default."""
    chosen = list(months or DEFAULT_EDITION_MONTHS)
    bad = [m for m in chosen if isinstance(m, bool) or not isinstance(m, int) or not 1 <= m <= 12]
    if bad:
        raise ParameterValueError("edition_months", bad, "months must be whole numbers from 1 to 12")
    return tuple(sorted(set(chosen)))


# ---------------------------------------------------------------- schemas
_STR = lambda **kw: pa.Column(str, pa.Check.str_length(min_value=1), coerce=True, **kw)  # noqa: E731
_INT = lambda *checks, **kw: pa.Column(int, list(checks), coerce=True, **kw)  # noqa: E731
_NINT = lambda *checks: pa.Column("Int64", list(checks), nullable=True, coerce=True)  # noqa: E731

SPLITS = ("udvalg", "indtaegter", "udgifter")
PERCENT_TOTAL = 100  # a distribution in percent sums to this by definition (not a transcribed figure)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "budget_shares_file": pa.DataFrameSchema({
        "split": pa.Column(str, pa.Check.isin(SPLITS), coerce=True),
        "category": _STR(),
        "share_pct": pa.Column(float, pa.Check.in_range(0, 100), coerce=True),
    }, strict=True),
    "benchmark_file": pa.DataFrameSchema({
        "group_id": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$"), coerce=True),
        "group": _STR(),
        "expected": _INT(pa.Check.ge(0)),
        "actual": _INT(pa.Check.ge(0)),
        "difference": _INT(),
        "rank": _INT(pa.Check.ge(1)),
    }, strict=True),
    "framework_file": pa.DataFrameSchema({
        "scope_id": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$"), coerce=True),
        "scope": _STR(),
        "rank_from_worst": _INT(pa.Check.ge(1)),
    }, strict=True),
    "contact_file": pa.DataFrameSchema({
        "group_id": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$"), coerce=True),
        "group": _STR(),
        "count": _INT(pa.Check.ge(0)),
    }, strict=True),
    "akasse_agreements_file": pa.DataFrameSchema({"akasse": _STR()}, strict=True),
    "akasse_coverage_file": pa.DataFrameSchema({
        "measure_id": pa.Column(str, pa.Check.isin(
            ["aftaler", "akasser_i_alt", "andel_akasser", "andel_medlemmer"]), coerce=True),
        "measure": _STR(),
        "value": pa.Column(float, pa.Check.ge(0), coerce=True),
        "unit": pa.Column(str, pa.Check.isin(["antal", "%"]), coerce=True),
        "as_of": _STR(),
    }, strict=True),
    "annual_cycle_file": pa.DataFrameSchema({
        "activity": _STR(),
        "start_month": _NINT(pa.Check.in_range(1, 12)),
        "end_month": _NINT(pa.Check.in_range(1, 12)),
        "series": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$"), nullable=True, coerce=True),
    }, strict=True),
}
_FIGURES = pa.DataFrameSchema({
    "indicator_id": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$"), coerce=True),
    "indicator": _STR(),
    "value": pa.Column(float, nullable=True, coerce=True),
    "unit": pa.Column(str, pa.Check.isin(["%", "mio. kr.", "antal"]), nullable=True, coerce=True),
    "qualifier": pa.Column(str, pa.Check.isin(["ca."]), nullable=True, coerce=True),
    "rank": _NINT(pa.Check.ge(1)),
    "rank_of": _NINT(pa.Check.ge(1)),
    "rank_order": pa.Column(str, pa.Check.isin(["laveste", "højeste", "bedste", "dårligste"]),
                            nullable=True, coerce=True),
    "period": _STR(),
    "publication": _STR(),
}, strict=True)
SCHEMAS["intro_figures_file"] = _FIGURES
SCHEMAS["key_figures_file"] = _FIGURES

REQUIRED_IDS = {
    "intro_figures_file": ("indicator_id", ("benchmark_mindreforbrug", "udvalgets_pulje", "pulje_frister")),
    "akasse_coverage_file": ("measure_id", ("aftaler", "akasser_i_alt", "andel_akasser", "andel_medlemmer")),
    "contact_file": ("group_id", ("kontaktforloeb",)),
    "budget_shares_file": ("split", SPLITS),
}
UNIQUE_KEYS = {
    "budget_shares_file": ["split", "category"],
    "benchmark_file": ["group_id"],
    "framework_file": ["scope_id"],
    "contact_file": ["group_id"],
    "akasse_agreements_file": ["akasse"],
    "akasse_coverage_file": ["measure_id"],
    "intro_figures_file": ["indicator_id"],
    "key_figures_file": ["indicator_id"],
}


def _cross_row_failures(key: str, df: pd.DataFrame) -> list[Failure]:
    """Rules across rows and columns that a column schema cannot express."""
    out: list[Failure] = []
    cols = UNIQUE_KEYS.get(key)
    if cols:
        dup = df[df.duplicated(cols, keep="first")]
        for row, rec in dup.iterrows():
            value = rec[cols[0]] if len(cols) == 1 else tuple(rec[c] for c in cols)
            out.append(Failure(int(row), ", ".join(cols), "must be unique (appears more than once)", value))
    if key in REQUIRED_IDS:
        col, ids = REQUIRED_IDS[key]
        for missing in [i for i in ids if i not in set(df[col])]:
            out.append(Failure(None, col, "required row is missing", missing))
    if key == "benchmark_file":
        n_total = int((df["group_id"] == "i_alt").sum())
        if n_total != 1:
            out.append(Failure(None, "group_id", "exactly one total row 'i_alt' is required", n_total))
        if n_total == len(df):
            out.append(Failure(None, "group_id", "at least one benefit group besides 'i_alt' is required", None))
    if key == "annual_cycle_file":
        for row, rec in df.iterrows():
            s, e = rec["start_month"], rec["end_month"]
            if pd.isna(s) != pd.isna(e):
                out.append(Failure(int(row), "end_month" if pd.isna(e) else "start_month",
                                   "start_month and end_month must both be given or both be empty", None))
            elif not pd.isna(s) and s > e:
                out.append(Failure(int(row), "end_month", "end_month must not be before start_month", _num(e)))
    if key in ("intro_figures_file", "key_figures_file"):
        for row, rec in df.iterrows():
            r, n = rec["rank"], rec["rank_of"]
            if not pd.isna(r) and not pd.isna(n) and r > n:
                out.append(Failure(int(row), "rank", "rank must not exceed rank_of", _num(r)))
            if not pd.isna(r) and pd.isna(rec["rank_order"]):
                out.append(Failure(int(row), "rank_order", "a rank needs rank_order (laveste, højeste, bedste, dårligste)", None))
            if pd.isna(rec["value"]) and pd.isna(r):
                out.append(Failure(int(row), "value", "a row needs a value or a rank", None))
    if key == "akasse_coverage_file" and {"aftaler", "akasser_i_alt"} <= set(df["measure_id"]):
        v = df.set_index("measure_id")["value"]
        if v["aftaler"] > v["akasser_i_alt"]:
            row = int(df.index[df["measure_id"] == "aftaler"][0])
            out.append(Failure(row, "value", "agreements cannot exceed the number of a-kasser", _num(v["aftaler"])))
    out.sort(key=lambda f: (f.row is not None, f.row or 0))
    return out


def _best_effort(df: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """A copy with numeric columns coerced where possible (bad cells → missing), so the
    cross-row rules can run even when the column schema failed."""
    out = df.copy()
    for name, col in schema.columns.items():
        if name in out and str(col.dtype) in ("int64", "Int64", "float64"):
            out[name] = pd.to_numeric(out[name], errors="coerce")
        elif name not in out:
            out[name] = pd.NA
    return out


def load_table(key: str, path: str) -> pd.DataFrame:
    """Read one input (CSV, Danish Excel CSV or .xlsx), validate it against its schema and the
    cross-row rules, and report every failure of the file at once (InputError)."""
    raw = read_table(path, parameter=key)
    try:
        df = validate(raw, SCHEMAS[key])
    except InputError as err:
        try:
            cross = _cross_row_failures(key, _best_effort(raw, SCHEMAS[key]))
        except Exception:  # the frame is too broken for cross-row rules; report the schema
            cross = []
        failures = sorted(list(err.failures) + cross, key=lambda f: (f.row is not None, f.row or 0))
        raise InputError(err.file, failures) from None
    raise_if(df.attrs["file"], _cross_row_failures(key, df))
    return df


@dataclass(frozen=True)
class Inputs:
    budget_shares: pd.DataFrame
    benchmark: pd.DataFrame
    framework: pd.DataFrame
    contact: pd.DataFrame
    intro_figures: pd.DataFrame
    key_figures: pd.DataFrame
    akasse_agreements: pd.DataFrame
    akasse_coverage: pd.DataFrame
    annual_cycle: pd.DataFrame


def load_inputs(params: Mapping[str, Any]) -> Inputs:
    """Read and validate every input of the chapter. File parameters missing from `params`
    take their default; unknown `*_file` keys are an error. Also validates `blocks` and
    `edition_months` when given. Raises InputError / ParameterValueError."""
    unknown = [k for k in params if k.endswith("_file") and k not in DEFAULT_FILES]
    if unknown:
        raise ParameterValueError(unknown[0], params[unknown[0]],
                                  f"unknown input parameter; known: {', '.join(DEFAULT_FILES)}")
    if "blocks" in params:
        selected_blocks(params["blocks"])
    if "edition_months" in params:
        edition_months(params["edition_months"])
    frames = {k: load_table(k, params.get(k) or default) for k, default in DEFAULT_FILES.items()}
    return Inputs(**{k[: -len("_file")]: v for k, v in frames.items()})


# ---------------------------------------------------------------- checks
@dataclass(frozen=True)
class Check:
    """One reconciliation row, ready for `report.check(**check.as_kwargs())`."""

    block: str
    item: str
    source: str
    published: float | None
    computed: float | None
    unit: str = ""
    note: str = ""
    decimals: int | None = None

    def as_kwargs(self) -> dict:
        return dict(item=self.item, source=self.source, published=self.published,
                    computed=self.computed, unit=self.unit, note=self.note, decimals=self.decimals)


def _num(x) -> float | int | None:
    if x is None or pd.isna(x):
        return None
    f = float(x)
    return int(f) if f.is_integer() else f


# ---------------------------------------------------------------- block: oekonomi
SPLIT_TITLES = {"udvalg": "Andel af kommunens budget 2022",
                "indtaegter": "Indtægter på beskæftigelsesområdet 2022",
                "udgifter": "Udgifter på beskæftigelsesområdet 2022"}
SPLIT_SOURCES = {"udvalg": f"{SRC_INTRO}, diagram 'Budget 2022'",
                 "indtaegter": f"{SRC_INTRO}, figur 1",
                 "udgifter": f"{SRC_INTRO}, figur 2"}


def split_totals(shares: pd.DataFrame) -> pd.Series:
    """Sum of the shares per split (each is a distribution in percent)."""
    return shares.groupby("split", sort=False)["share_pct"].sum()


def share_of(shares: pd.DataFrame, split: str, category: str) -> float:
    hit = shares[(shares["split"] == split) & (shares["category"] == category)]
    return float(hit["share_pct"].iloc[0]) if len(hit) else float("nan")


def economy_checks(shares: pd.DataFrame) -> list[Check]:
    out = []
    totals = split_totals(shares)
    for split in SPLITS:
        part = shares[shares["split"] == split]
        decimals = max(fmt_decimals(v) for v in part["share_pct"])
        out.append(Check(
            "oekonomi", f"{SPLIT_TITLES[split]}: andelene summer til 100 %", SPLIT_SOURCES[split],
            PERCENT_TOTAL, _num(round(float(totals[split]), 6)), "%",
            "Underforstået total: andelene er en fordeling i procent; kilden trykker ingen total.",
            decimals))
    return out


def fmt_decimals(value: float) -> int:
    """Decimals needed to show a transcribed value exactly (26 → 0, 77.9 → 1)."""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


# ---------------------------------------------------------------- block: benchmark
SRC_BENCHMARK = (f"{SRC_INTRO}, tabel 'Placering på beskæftigelsesministerens benchmark "
                 "2. halvår 2020 - 1. halvår 2021'")


def benchmark_table(benchmark: pd.DataFrame) -> pd.DataFrame:
    """The benchmark rows with the difference recomputed (actual − expected, the source's
    sign) and the difference in percent of the expected number."""
    out = benchmark.copy()
    out["difference_computed"] = out["actual"] - out["expected"]
    out["difference_pct"] = out["difference_computed"] / out["expected"] * 100
    return out


def benchmark_groups(benchmark: pd.DataFrame) -> pd.DataFrame:
    return benchmark[benchmark["group_id"] != "i_alt"]


def benchmark_total(benchmark: pd.DataFrame) -> pd.Series:
    return benchmark[benchmark["group_id"] == "i_alt"].iloc[0]


def benchmark_checks(benchmark: pd.DataFrame, intro_figures: pd.DataFrame) -> list[Check]:
    t = benchmark_table(benchmark)
    groups, total = benchmark_groups(t), benchmark_total(t)
    out = [Check("benchmark", f"Forskel mellem forventet og faktisk antal, {r['group']}", SRC_BENCHMARK,
                 _num(r["difference"]), _num(r["difference_computed"]), "fuldtidspersoner",
                 "Beregnet som faktisk minus forventet (det fortegn, kilden trykker).")
           for _, r in t.iterrows()]
    out += [
        Check("benchmark", "Forventet antal, ydelsesgrupper i alt", SRC_BENCHMARK,
              _num(total["expected"]), _num(groups["expected"].sum()), "fuldtidspersoner",
              "Summen af ydelsesgrupperne."),
        Check("benchmark", "Faktisk antal, ydelsesgrupper i alt", SRC_BENCHMARK,
              _num(total["actual"]), _num(groups["actual"].sum()), "fuldtidspersoner",
              "Summen af ydelsesgrupperne."),
        Check("benchmark", "Forskel, ydelsesgrupper i alt = sum af gruppernes forskelle", SRC_BENCHMARK,
              _num(total["difference"]), _num(groups["difference"].sum()), "fuldtidspersoner",
              "Summen af gruppernes trykte forskelle."),
        Check("benchmark", "Placering på benchmarkranglisten, ydelsesgrupper i alt", SRC_BENCHMARK,
              _num(total["rank"]), None, "placering",
              "Kan ikke genberegnes: placeringen kræver alle kommuners tal."),
    ]
    saving = figure_row(intro_figures, "benchmark_mindreforbrug")
    out.append(Check("benchmark", "Mindre brugt på offentlig forsørgelse end forventet", SRC_BENCHMARK
                     + ", note", _num(saving["value"]), None, saving["unit"],
                     "Kan ikke genberegnes: tabellen har ingen udgift pr. fuldtidsperson."))
    return out


def figure_row(figures: pd.DataFrame, indicator_id: str) -> pd.Series:
    return figures[figures["indicator_id"] == indicator_id].iloc[0]


# ---------------------------------------------------------------- block: kontakt
def contact_ratios(contact: pd.DataFrame) -> pd.DataFrame:
    """Citizens in contact with the jobcenter per citizen of each other group."""
    c = contact.set_index("group_id")["count"]
    base = c["kontaktforloeb"]
    out = contact.copy()
    out["jobcenter_per_person"] = [base / v if v else float("nan") for v in out["count"]]
    return out


# ---------------------------------------------------------------- block: noegletal
SRC_KEY_FIGURES = f"{SRC_NBR}, punkt 2 (Nøgletal på Arbejdsmarkedsudvalgets område)"


def key_figures_checks(key_figures: pd.DataFrame) -> list[Check]:
    """The report's derived percentages, which the source's inputs do not let us recompute."""
    out = []
    for _, r in key_figures.iterrows():
        if r["indicator_id"].startswith(("foertidspension_andel", "udvikling_")):
            out.append(Check("noegletal", r["indicator"], SRC_KEY_FIGURES, _num(r["value"]), None,
                             r["unit"], "Kan ikke genberegnes: de bagvedliggende udgifter (VIVE ECO) "
                             "står ikke i kilden."))
    return out


def rank_text(rank, rank_of, order) -> str:
    """'8. laveste af 89' / '10. bedste'; '–' when there is no rank."""
    if pd.isna(rank):
        return fmt.MISSING
    text = f"{int(rank)}.\u00a0{order}"
    return text + (f" af {int(rank_of)}" if not pd.isna(rank_of) else "")


def value_text(value, unit, qualifier, sign: bool = False) -> str:
    """A key figure as the reader sees it: `ca. 38 %`, `+58 %`, `4,9 mio. kr.`."""
    if pd.isna(value):
        return fmt.MISSING
    d = fmt_decimals(value)
    if unit == "%":
        text = fmt.percent(value, d, sign=sign)
    elif unit == "mio. kr.":
        text = fmt.amount(value, "mio. kr.", max(d, 1))
    else:
        text = fmt.number(value, d)
    return f"{qualifier} {text}" if isinstance(qualifier, str) and qualifier else text


# ---------------------------------------------------------------- block: akasser
SRC_AKASSER = f"{SRC_NBR}, punkt 5 (Orientering om samarbejde med a-kasser om kontaktforløbet)"


def akasse_coverage(agreements: pd.DataFrame, coverage: pd.DataFrame) -> dict[str, float]:
    """Agreements counted from the list, a-kasser in total, and coverage in percent."""
    v = coverage.set_index("measure_id")["value"]
    n = len(agreements)
    total = float(v["akasser_i_alt"])
    return {"aftaler": n, "akasser_i_alt": total, "andel_akasser": n / total * 100,
            "aftaler_printed": float(v["aftaler"]), "andel_akasser_printed": float(v["andel_akasser"]),
            "andel_medlemmer_printed": float(v["andel_medlemmer"])}


def akasse_checks(agreements: pd.DataFrame, coverage: pd.DataFrame) -> list[Check]:
    c = akasse_coverage(agreements, coverage)
    return [
        Check("akasser", "A-kasser med samarbejdsaftale (antal navne i listen)", SRC_AKASSER,
              _num(c["aftaler_printed"]), c["aftaler"], "antal", "Optalt fra de navngivne a-kasser i listen."),
        Check("akasser", "Andel af a-kasserne med samarbejdsaftale", SRC_AKASSER,
              _num(c["andel_akasser_printed"]), c["andel_akasser"], "%",
              "Navngivne a-kasser / a-kasser i Norddjurs Kommune."),
        Check("akasser", "Andel af a-kassemedlemmerne i a-kasser med samarbejdsaftale", SRC_AKASSER,
              _num(c["andel_medlemmer_printed"]), None, "%",
              "Kan ikke genberegnes: medlemstal pr. a-kasse står ikke i kilden."),
    ]


# ---------------------------------------------------------------- block: aarshjul
SRC_CYCLE = f"{SRC_INTRO}, årshjul for Arbejdsmarkedsudvalget 2022"


def placed_activities(cycle: pd.DataFrame) -> pd.DataFrame:
    return cycle[cycle["start_month"].notna()]


def unplaced_activities(cycle: pd.DataFrame) -> pd.DataFrame:
    return cycle[cycle["start_month"].isna()]


def timeline_rows(cycle: pd.DataFrame) -> pd.DataFrame:
    """One row per timeline lane: single activities keep their own lane, recurring ones
    (same `series`) share a lane with their months listed. Order: first month, then file order."""
    placed = placed_activities(cycle).copy()
    placed["lane"] = [s if isinstance(s, str) and s else f"_{i}" for i, s in
                      zip(placed.index, placed["series"])]
    lanes = []
    for lane, part in placed.groupby("lane", sort=False):
        lanes.append({"activity": part["activity"].iloc[0],
                      "spans": [(int(s), int(e)) for s, e in zip(part["start_month"], part["end_month"])],
                      "recurring": not lane.startswith("_"),
                      "first": int(part["start_month"].min())})
    out = pd.DataFrame(lanes)
    return out.sort_values("first", kind="stable").reset_index(drop=True)


def activities_in_month(cycle: pd.DataFrame, month: int) -> list[str]:
    """Names of the placed activities running in `month` (unique, in file order)."""
    p = placed_activities(cycle)
    hit = p[(p["start_month"] <= month) & (p["end_month"] >= month)]["activity"]
    return list(dict.fromkeys(hit))


def edition_overview(cycle: pd.DataFrame, months: Iterable[int]) -> pd.DataFrame:
    """For each edition month: the activities of the annual cycle in that month."""
    return pd.DataFrame([{"month": m, "Udgavens måned": MONTHS_DA[m - 1],
                          "Aktiviteter i årshjulet samme måned": "; ".join(activities_in_month(cycle, m)) or fmt.MISSING}
                         for m in months])


def cycle_checks(cycle: pd.DataFrame, intro_figures: pd.DataFrame) -> list[Check]:
    r = figure_row(intro_figures, "pulje_frister")
    n = int((placed_activities(cycle)["series"] == "pulje").sum())
    return [Check("aarshjul", "Ansøgningsfrister til udvalgets pulje pr. år", SRC_CYCLE,
                  _num(r["value"]), n, "antal",
                  "Optalt fra fristmånederne i årshjulet (serien 'pulje').")]


def all_checks(inputs: Inputs, blocks: Iterable[str]) -> list[Check]:
    """Every reconciliation check of the shown blocks, in chapter order."""
    by_block = {
        "oekonomi": lambda: economy_checks(inputs.budget_shares),
        "benchmark": lambda: benchmark_checks(inputs.benchmark, inputs.intro_figures),
        "noegletal": lambda: key_figures_checks(inputs.key_figures),
        "akasser": lambda: akasse_checks(inputs.akasse_agreements, inputs.akasse_coverage),
        "aarshjul": lambda: cycle_checks(inputs.annual_cycle, inputs.intro_figures),
    }
    out: list[Check] = []
    for b in blocks:
        if b in by_block:
            out += by_block[b]()
    return out


# ---------------------------------------------------------------- key messages
def key_messages(inputs: Inputs, blocks: Iterable[str]) -> list[str]:
    """Two or three computed sentences from the shown blocks (most telling first)."""
    blocks = set(blocks)
    msgs = []
    if "benchmark" in blocks:
        t = benchmark_table(inputs.benchmark)
        total = benchmark_total(t)
        groups = benchmark_groups(t)
        over = groups[groups["difference_computed"] > 0]
        word = "færre" if total["difference_computed"] < 0 else "flere"
        period = figure_row(inputs.intro_figures, "benchmark_mindreforbrug")["period"]
        m = (f"I {period} havde Norddjurs "
             f"{fmt.integer(abs(total['difference_computed']))} {word} fuldtidspersoner på offentlig "
             f"forsørgelse end ministerens benchmark forventede "
             f"({fmt.integer(total['actual'])} mod {fmt.integer(total['expected'])})")
        if len(over):
            m += ("; kun gruppen " if len(over) == 1 else "; kun grupperne ") + " og ".join(over["group"]) + " lå over det forventede"
        msgs.append(m + ".")
    if "oekonomi" in blocks:
        s = inputs.budget_shares
        ydelser = share_of(s, "udgifter", "Ydelser")
        msgs.append(f"Udvalget havde {fmt.percent(share_of(s, 'udvalg', 'Arbejdsmarkedsudvalget'), 0)} "
                    f"af kommunens budget i 2022, og {fmt.percent(ydelser, fmt_decimals(ydelser))} af "
                    f"udgifterne på beskæftigelsesområdet gik til ydelser.")
    if "akasser" in blocks:
        c = akasse_coverage(inputs.akasse_agreements, inputs.akasse_coverage)
        as_of = inputs.akasse_coverage["as_of"].iloc[0]
        msgs.append(f"{as_of[0].upper() + as_of[1:]} havde jobcentret samarbejdsaftaler med {fmt.integer(c['aftaler'])} "
                    f"af {fmt.integer(c['akasser_i_alt'])} a-kasser ({fmt.percent(c['andel_akasser'], 0)}), "
                    f"der dækker {fmt.percent(c['andel_medlemmer_printed'], 1)} af a-kassemedlemmerne.")
    if len(msgs) < 2 and "noegletal" in blocks:
        r = figure_row(inputs.key_figures, "selvforsoergelse_dagpenge")
        msgs.append(f"{fmt.percent(r['value'], 1)} af dem, der 12 måneder forinden fik "
                    f"arbejdsløshedsdagpenge, var selvforsørgende i {r['period']}: den "
                    f"{int(r['rank'])}. laveste andel af {int(r['rank_of'])} kommuner.")
    if len(msgs) < 2 and "kontakt" in blocks:
        c = contact_ratios(inputs.contact).set_index("group_id")
        pupils = c.drop(index="kontaktforloeb").iloc[0]
        msgs.append(f"{fmt.integer(c.loc['kontaktforloeb', 'count'])} borgere havde i 2020 et kontaktforløb "
                    f"i jobcentret, {fmt.number(pupils['jobcenter_per_person'], 1)} gange antallet af "
                    f"{pupils['group'].lower()}.")
    if len(msgs) < 2 and "rammevilkaar" in blocks:
        f = inputs.framework.set_index("scope_id")["rank_from_worst"]
        msgs.append(f"Målt på rammevilkår for beskæftigelsesindsatsen ligger Norddjurs som nr. "
                    f"{fmt.integer(f.iloc[0])} fra bunden ({inputs.framework['scope'].iloc[0].lower()}).")
    if len(msgs) < 2 and "aarshjul" in blocks:
        msgs.append(f"Årshjulet har {len(timeline_rows(inputs.annual_cycle))} aktiviteter med "
                    "fast måned; bogens udgaver er markeret i tidslinjen.")
    return msgs[:3]


# ---------------------------------------------------------------- figures
def economy_figure(shares: pd.DataFrame):
    """Three panels of horizontal bars (budget share, income, expenditure), values labelled."""
    from ...core import figures

    fig, axes = figures.new(3, 1, figsize=(7.0, 4.6),
                            gridspec_kw={"height_ratios": [2, 2, 3]}, sharex=True)
    for ax, split in zip(axes, SPLITS):
        part = shares[shares["split"] == split]
        labels = [("Øvrige udvalg" if c == "Udvalg budget i alt" else c) for c in part["category"]]
        y = range(len(part))[::-1]
        ax.barh(list(y), part["share_pct"], color=figures.NORDDJURS, height=0.6)
        for yi, v in zip(y, part["share_pct"]):
            ax.text(v + 1, yi, fmt.percent(v, fmt_decimals(v)), va="center", fontsize=9)
        ax.set_yticks(list(y), labels)
        ax.set_title(SPLIT_TITLES[split], loc="left", fontsize=10)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.set_xlim(0, 110)
    figures.danish_ticks(axes[-1], "x", 0, " %")
    axes[-1].set_xlabel("Procent")
    fig.tight_layout()
    return fig


def benchmark_figure(benchmark: pd.DataFrame):
    """Expected vs. actual full-time persons per benefit group, difference labelled."""
    from ...core import figures

    t = benchmark_groups(benchmark_table(benchmark))
    fig, ax = figures.new(figsize=(7.0, 3.6))
    y = list(range(len(t)))[::-1]
    h = 0.38
    ax.barh([v + h / 2 for v in y], t["expected"], height=h, color="white",
            edgecolor=figures.PEER, hatch="//", label="Forventet antal")
    ax.barh([v - h / 2 for v in y], t["actual"], height=h, color=figures.NORDDJURS, label="Faktisk antal")
    top = max(t["expected"].max(), t["actual"].max())
    for yi, (_, r) in zip(y, t.iterrows()):
        ax.text(r["expected"] + top * 0.01, yi + h / 2, fmt.integer(r["expected"]), va="center", fontsize=8)
        ax.text(r["actual"] + top * 0.01, yi - h / 2, fmt.integer(r["actual"]), va="center", fontsize=8)
        ax.text(top * 1.13, yi, f"Forskel: {fmt.integer(r['difference_computed'], sign=True)}",
                va="center", ha="left", fontsize=9, fontweight="bold")
    ax.set_yticks(y, list(t["group"]))
    ax.set_xlim(0, top * 1.42)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    figures.danish_ticks(ax, "x")
    ax.set_xlabel("Fuldtidspersoner på offentlig forsørgelse")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
    fig.tight_layout()
    return fig


def annual_cycle_figure(cycle: pd.DataFrame, months: Iterable[int]):
    """The annual cycle as a timeline: one lane per activity (recurring ones as diamonds),
    the book's edition months as dashed vertical lines labelled 'Udgave'."""
    import textwrap

    from ...core import figures

    lanes = timeline_rows(cycle)
    n = len(lanes)
    fig, ax = figures.new(figsize=(7.0, 0.38 * n + 1.4))
    for i, lane in lanes.iterrows():
        yi = n - 1 - i
        for s, e in lane["spans"]:
            if lane["recurring"]:
                ax.plot([s], [yi], marker="D", color=figures.PALETTE[1], markeredgecolor="black",
                        markersize=7, linestyle="none", zorder=3)
            else:
                ax.barh(yi, e - s + 1, left=s - 0.5, height=0.55, color=figures.NORDDJURS,
                        edgecolor="black", linewidth=0.5, zorder=2)
    for b in range(0, 13):
        ax.axvline(b + 0.5, color="#D0D0D0", linewidth=0.6, zorder=0)
    for m in months:
        ax.axvline(m, color="black", linestyle=(0, (4, 3)), linewidth=1.2, zorder=1)
        ax.text(m, n - 0.35, "Udgave", va="bottom", ha="center", fontsize=8, zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})
    labels = [textwrap.fill(a, 34, break_on_hyphens=False) for a in lanes["activity"]]
    ax.set_yticks([n - 1 - i for i in range(n)], labels, fontsize=8.5)
    ax.set_xticks(range(1, 13), MONTHS_DA_SHORT, fontsize=8.5)
    ax.set_xlim(0.5, 12.5)
    ax.set_ylim(-0.7, n + 0.2)
    ax.grid(False)
    fig.tight_layout()
    return fig


# ---------------------------------------------------------------- alt texts (Danish)
def economy_alt(shares: pd.DataFrame) -> str:
    parts = []
    for split in SPLITS:
        part = shares[shares["split"] == split]
        items = ", ".join(f"{('øvrige udvalg' if c == 'Udvalg budget i alt' else c)} "
                          f"{fmt.percent(v, fmt_decimals(v))}" for c, v in zip(part["category"], part["share_pct"]))
        parts.append(f"{SPLIT_TITLES[split]}: {items}")
    return "Tre vandrette søjlediagrammer. " + ". ".join(parts) + "."


def benchmark_alt(benchmark: pd.DataFrame) -> str:
    t = benchmark_groups(benchmark_table(benchmark))
    items = "; ".join(f"{r['group']}: forventet {fmt.integer(r['expected'])}, faktisk "
                      f"{fmt.integer(r['actual'])}, forskel {fmt.integer(r['difference_computed'], sign=True)}"
                      for _, r in t.iterrows())
    return ("Vandrette søjler med forventet (skraveret) og faktisk (fyldt) antal fuldtidspersoner "
            f"på offentlig forsørgelse for hver ydelsesgruppe. {items}.")


def cycle_alt(cycle: pd.DataFrame, months: Iterable[int]) -> str:
    lanes = timeline_rows(cycle)
    items = []
    for _, lane in lanes.iterrows():
        spans = [MONTHS_DA[s - 1] if s == e else f"{MONTHS_DA[s - 1]}-{MONTHS_DA[e - 1]}"
                 for s, e in lane["spans"]]
        items.append(f"{lane['activity']}: {', '.join(spans)}")
    eds = ", ".join(MONTHS_DA[m - 1] for m in months)
    return ("Tidslinje over årets tolv måneder med én linje pr. aktivitet i udvalgets årshjul; "
            f"tilbagevendende aktiviteter er vist som punkter. {'; '.join(items)}. "
            f"Lodrette stiplede linjer markerer bogens udgaver i {eds}.")


# ---------------------------------------------------------------- tables for the reader
def benchmark_display(benchmark: pd.DataFrame) -> pd.DataFrame:
    t = benchmark_table(benchmark)
    return pd.DataFrame({
        "Ydelsesgruppe": t["group"],
        "Forventet": t["expected"],
        "Faktisk": t["actual"],
        "Forskel": [fmt.integer(v, sign=True) for v in t["difference"]],
        "Forskel, %": [fmt.percent(v, 1, sign=True) for v in t["difference_pct"]],
        "Placering": t["rank"],
    }).reset_index(drop=True)


def contact_display(contact: pd.DataFrame) -> pd.DataFrame:
    t = contact_ratios(contact)
    return pd.DataFrame({
        "Gruppe": t["group"],
        "Antal": t["count"],
        "Kontaktforløb pr. person": [
            fmt.MISSING if g == "kontaktforloeb" else fmt.number(v, 2)
            for g, v in zip(t["group_id"], t["jobcenter_per_person"])],
    }).reset_index(drop=True)


def key_figures_display(key_figures: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """One compact table per publication: Nøgletal (with period), Værdi, Placering."""
    out = {}
    for pub, k in key_figures.groupby("publication", sort=False):
        out[pub] = pd.DataFrame({
            "Nøgletal": [f"{i} ({p})" for i, p in zip(k["indicator"], k["period"])],
            "Værdi": [value_text(v, u, q, sign=i.startswith("udvikling_")) for i, v, u, q in
                      zip(k["indicator_id"], k["value"], k["unit"], k["qualifier"])],
            "Placering": [rank_text(r, n, o) for r, n, o in zip(k["rank"], k["rank_of"], k["rank_order"])],
        }).reset_index(drop=True)
    return out


def akasse_display(agreements: pd.DataFrame, coverage: pd.DataFrame) -> pd.DataFrame:
    c = akasse_coverage(agreements, coverage)
    return pd.DataFrame({
        "Mål": ["A-kasser med samarbejdsaftale", "A-kasser i Norddjurs Kommune",
                "Andel af a-kasserne (beregnet)", "Andel af a-kasserne (som trykt)",
                "Andel af a-kassemedlemmerne (som trykt)"],
        "Værdi": [fmt.integer(c["aftaler"]), fmt.integer(c["akasser_i_alt"]),
                  fmt.percent(c["andel_akasser"], 1), fmt.percent(c["andel_akasser_printed"], 0),
                  fmt.percent(c["andel_medlemmer_printed"], 1)],
    })


# ---------------------------------------------------------------- key results
def results(inputs: Inputs, blocks: Iterable[str]) -> list[tuple[str, float, str | None]]:
    """(name, value, unit) of every key figure the shown blocks state; names are stable."""
    blocks = set(blocks)
    out: list[tuple[str, float, str | None]] = []
    if "oekonomi" in blocks:
        s = inputs.budget_shares
        out.append(("budget_share_pct", share_of(s, "udvalg", "Arbejdsmarkedsudvalget"), "%"))
        names = {"Bloktilskud": "income_bloktilskud_pct", "Refusion": "income_refusion_pct",
                 "Ydelser": "expenditure_ydelser_pct", "Lønsum": "expenditure_loensum_pct",
                 "Indsatsmidler": "expenditure_indsatsmidler_pct"}
        for _, r in s[s["split"] != "udvalg"].iterrows():
            if r["category"] in names:
                out.append((names[r["category"]], float(r["share_pct"]), "%"))
    if "benchmark" in blocks:
        t = benchmark_table(inputs.benchmark)
        total = benchmark_total(t)
        out += [("benchmark_expected_total", int(total["expected"]), "fuldtidspersoner"),
                ("benchmark_actual_total", int(total["actual"]), "fuldtidspersoner"),
                ("benchmark_difference_total", int(total["difference_computed"]), "fuldtidspersoner"),
                ("benchmark_rank_total", int(total["rank"]), "placering")]
        for _, r in benchmark_groups(t).iterrows():
            out.append((f"benchmark_difference_{r['group_id']}", int(r["difference_computed"]),
                        "fuldtidspersoner"))
        out.append(("benchmark_less_spent_mio_kr",
                    float(figure_row(inputs.intro_figures, "benchmark_mindreforbrug")["value"]), "mio. kr."))
    if "rammevilkaar" in blocks:
        for _, r in inputs.framework.iterrows():
            out.append((f"framework_rank_{r['scope_id']}", int(r["rank_from_worst"]), "placering"))
    if "kontakt" in blocks:
        t = contact_ratios(inputs.contact).set_index("group_id")
        out.append(("jobcenter_contacts", int(t.loc["kontaktforloeb", "count"]), "borgere"))
        for gid, r in t.drop(index="kontaktforloeb").iterrows():
            out.append((f"jobcenter_contacts_per_{gid}", float(r["jobcenter_per_person"]), None))
    if "noegletal" in blocks:
        for _, r in inputs.key_figures.iterrows():
            if not pd.isna(r["value"]):
                out.append((f"key_{r['indicator_id']}", float(r["value"]), r["unit"]))
            if not pd.isna(r["rank"]):
                out.append((f"key_{r['indicator_id']}_rank", int(r["rank"]), "placering"))
    if "akasser" in blocks:
        c = akasse_coverage(inputs.akasse_agreements, inputs.akasse_coverage)
        out += [("akasse_agreements", int(c["aftaler"]), "antal"),
                ("akasse_total", int(c["akasser_i_alt"]), "antal"),
                ("akasse_coverage_pct", float(c["andel_akasser"]), "%"),
                ("akasse_member_coverage_pct", float(c["andel_medlemmer_printed"]), "%")]
    if "aarshjul" in blocks:
        cyc = inputs.annual_cycle
        out += [("annual_cycle_placed_activities", int(len(timeline_rows(cyc))), "antal"),
                ("annual_cycle_unplaced_activities", int(len(unplaced_activities(cyc))), "antal")]
    return out


def self_support_sentence(key_figures: pd.DataFrame) -> str:
    """The self-support ranks as one clause: 'den 8. laveste af 89 og den 5. laveste af 87'."""
    rows = key_figures[key_figures["indicator_id"].str.startswith("selvforsoergelse_")]
    parts = [f"den {rank_text(r['rank'], r['rank_of'], r['rank_order'])}" for _, r in rows.iterrows()
             if not pd.isna(r["rank"])]
    return " og ".join(parts)
