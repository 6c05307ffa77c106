"""Reconciliation of the Jobcenterbenchmark: every printed average and deviation (Tabel 3.2,
3.3, the chapter 5 tables, Bilag 2), the figures stated in the text (`statements`) and the
internal consistency of the tables (`consistency`), as `analysis.core.check.Check`.

Every recomputed figure carries the interval its printed inputs allow (`Approx`), so a
rounding artefact is `within_rounding`, not a disagreement. A row whose inputs were lost in
the text extraction is `not_reproducible`. Every non-match row names its finding
(`findings.FINDINGS`); `checks(inputs, tolerance_pct)` is the one entry point.
"""
from __future__ import annotations

import pandas as pd

from ...core import fmt
from ...core.check import Check
from ...core.precision import Approx, mean, pct_deviation, printed_decimals
from ...core.readings import Reading
from . import findings as F
from .consistency import table_checks
from .inputs import Inputs
from .model import average_rules, completed_row, lost_columns, series, zero_left_out
from .statements import text_checks
from .terms import COST_UNIT, DOCUMENT, GROUPS, MCOLS, MEASURES, T32, T33

KEY_FIGURE_SECTIONS_DA = {"noegletal": "nøgletal", "rammevilkaar": "rammevilkår",
                          "forsoergelsestryk": "forsørgelsestryk", "ressourcefordeling": "ressourcefordeling"}


def _src(where: str) -> str:
    return f"{DOCUMENT}, {where}"


def printed_mean(values: pd.Series, decimals: int) -> Approx | None:
    """The mean of printed figures (gaps left out) with the interval their rounding allows."""
    v = [x for x in values.tolist() if not pd.isna(x)]  # plain floats, as iterating the Series gives
    return mean(Approx.printed(x, decimals) for x in v) if v else None


def _average(item: str, source: str, values: pd.Series, published, decimals: int, unit: str,
             note: str = "") -> Check:
    return Check.of(item, source, published, printed_mean(values, decimals), unit=unit, note=note,
                    decimals=decimals)


def _table_3_2_averages(inputs: Inputs) -> list[Check]:
    out = []
    for rec in inputs.unit_costs_by_group.to_dict("records"):
        vals = series(inputs.tidy, T32, rec["group"], rec["measure"]).iloc[1:]
        name = GROUPS.get(rec["group"], "alle målgrupper")
        out.append(_average(f"Tabel 3.2: gennemsnit, {name}, {MEASURES[rec['measure']]}",
                            _src("Tabel 3.2"), vals, rec["average"], 1, COST_UNIT))
    return out


def _table_3_3_averages(inputs: Inputs) -> list[Check]:
    out = []
    for rec in inputs.unit_costs_by_task.to_dict("records"):
        s = series(inputs.tidy, T33, "alle", rec["measure"])
        avg = printed_mean(s.iloc[1:], 1)
        out.append(Check.of(f"Tabel 3.3: gennemsnit, {rec['label']}", _src("Tabel 3.3"), rec["average"], avg,
                            unit=COST_UNIT, decimals=1))
        out.append(Check.of(f"Tabel 3.3: afvigelse i pct., {rec['label']}", _src("Tabel 3.3"),
                            rec["deviation_pct"], pct_deviation(Approx.printed(s.iloc[0], 1), avg),
                            unit="%", decimals=0))
    return out


def _group_note(inputs: Inputs, group: str, lost: list[str]) -> str:
    if group == "sh_ydelse":
        return "kolonne 8 har ingen SH-ydelse (trykt »-« i Tabel 3.2)"
    return ""


def _lost_note(tab: str, filled: list[str], unknown: list[str], zeros: list[str], avg) -> str:
    """How a row of a table with lost columns was checked: the rule the printed averages
    follow, what was filled in from Tabel 3.2, and what is still unknown."""
    parts = []
    if zeros:
        parts.append(f"{' og '.join(zeros)} har 0,0 i Tabel 3.2 (ingen borgere i målgruppen) og tæller ikke med, "
                     f"som i rapportens gennemsnit")
    if filled:
        parts.append(f"{' og '.join(filled)} er talt med med enhedsomkostningen fra Tabel 3.2, fordi kolonnen "
                     f"mangler i tekstudgaven af {tab}")
    if unknown:
        parts.append(f"{' og '.join(unknown)}'s tal for rækken mangler i tekstudgaven af {tab}, så gennemsnittet "
                     "kan ikke genberegnes")
    return "; ".join(parts)


def _rule_mean(s: pd.Series, rule: Reading | None, d: int):
    """The mean of the others under a table's accepted reading when it leaves one municipality
    out (`mean_without`), with its interval; None for other readings."""
    if rule is None or rule.parameter is None or not rule.name.startswith("mean_without"):
        return None
    kept = s.iloc[1:].drop(index=s.index[int(rule.parameter)])
    return printed_mean(kept, d)


def _group_rows(inputs: Inputs, rec: dict, lost: list[str], rule: Reading | None) -> list[Check]:
    """The printed average and deviation of one chapter 5 row, checked under the rule the
    source's averages follow where the book has found it: a table whose averages leave one
    municipality out is checked as that mean (the book's mean of all the others in the note, as
    the book's reading); a table with lost columns is completed by `completed_row`."""
    g, m, tab, d = rec["group"], rec["measure"], rec["table"], int(rec["decimals"])
    label, note, finding = f"{tab}: {GROUPS[g]}, {MEASURES[m]}", _group_note(inputs, g, lost), ""
    s = series(inputs.tidy, tab, g, m)
    avg = printed_mean(s.iloc[1:], d)
    if lost:
        s, filled, unknown = completed_row(inputs, tab, g, m)
        avg = None if unknown else printed_mean(s.iloc[1:], d)
        note = _lost_note(tab, filled, unknown, zero_left_out(inputs, tab, g), avg)
        finding = F.LOST_COLUMNS if unknown else ""
    elif rule is not None:
        ruled = _rule_mean(s, rule, d)
        if ruled is not None:
            note = (f"rapportens gennemsnit i {tab} er {rule.title}; regnet sådan. Bogens eget gennemsnit af alle "
                    f"øvrige kommuner (bogens læsning): {fmt.number(avg.value, d + 1)}")
            avg = ruled
        else:
            note, finding = f"rapportens gennemsnit i {tab} er {rule.title}", F.average_rule_name(tab, rule)
    out = [Check.of(f"{label}: gennemsnit", _src(tab), rec["average"], avg, unit=rec["unit"], note=note,
                    decimals=d, finding=finding)]
    if not pd.isna(rec["deviation"]):
        dev = None if avg is None else Approx.printed(s.iloc[0], d) - avg
        out.append(Check.of(f"{label}: afvigelse", _src(tab), rec["deviation"], dev, unit=rec["unit"],
                            note=note, decimals=d, finding=finding))
    return out


def _group_table_checks(inputs: Inputs) -> list[Check]:
    rules = average_rules(inputs)
    out = []
    for rec in inputs.group_tables.to_dict("records"):
        lost = [inputs.municipalities[int(c[1:]) - 1] for c in lost_columns(inputs, rec["table"], rec["group"])]
        out += _group_rows(inputs, rec, lost, rules.get(rec["table"]))
    return out


def _key_figure_averages(inputs: Inputs) -> list[Check]:
    out = []
    for rec in inputs.key_figures.to_dict("records"):
        vals = pd.Series([rec[c] for c in MCOLS[1:]], dtype=float)
        d = max(printed_decimals(v) for v in [rec[c] for c in MCOLS] + [rec["average"]] if not pd.isna(v))
        section = KEY_FIGURE_SECTIONS_DA.get(rec["section"], rec["section"])
        out.append(_average(f"Bilag 2: gennemsnit, {rec['label']} ({section})", _src("Bilag 2"),
                            vals, rec["average"], d, rec["unit"],
                            "gennemsnit af 8 sammenligningskommuner (kolonne 10 mangler i Bilag 2)"))
    return out


def printed_average_checks(inputs: Inputs) -> list[Check]:
    """Every printed average and deviation of Tabel 3.2, 3.3, the chapter 5 tables and Bilag 2,
    recomputed as the mean of the peers (columns 2-10, excluding Norddjurs and gaps)."""
    return (_table_3_2_averages(inputs) + _table_3_3_averages(inputs) + _group_table_checks(inputs)
            + _key_figure_averages(inputs))


def checks(inputs: Inputs, tolerance_pct: float | None = None) -> list[Check]:
    """Every reconciliation check of the chapter, in the order the book records them, each
    non-match row with its finding and a Danish note (at the chapter's tolerance by default)."""
    tolerance_pct = inputs.tolerance_pct if tolerance_pct is None else tolerance_pct
    raw = printed_average_checks(inputs) + text_checks(inputs, tolerance_pct) + table_checks(inputs)
    return [F.assign(c) for c in raw]


def checks_frame(items: list[Check]) -> pd.DataFrame:
    """The checks as a table (the chapter's open data), in the columns of reconciliation.csv."""
    return pd.DataFrame([c.record() for c in items])
