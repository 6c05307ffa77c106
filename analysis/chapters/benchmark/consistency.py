"""Internal consistency checks of the Jobcenterbenchmark: Tabel 3.1 (totals and shares), Tabel
3.2 against Tabel 3.1, the chapter 5 tables against Tabel 3.2, Bilag 1 (the correction of
sygedagpenge and jobafklaring) and Bilag 2's Norddjurs column against Tabel 3.1."""
from __future__ import annotations

from ...core.check import Check
from ...core.precision import half_unit
from .inputs import Inputs
from .model import series
from .terms import COST_UNIT, DOCUMENT, GROUP_TABLES, GROUPS, MAIN_TASKS, T32

WITHIN = "forskellen ligger inden for afrundingen af de trykte tal"
BEYOND = "forskellen er større end afrundingen af de trykte tal"


def _src(where: str) -> str:
    return f"{DOCUMENT}, {where}"


def _inside(published: float, lo: float, hi: float, decimals: int) -> bool:
    h = half_unit(decimals) + 1e-9
    return published + h >= lo and published - h <= hi


def table_3_1_checks(inputs: Inputs) -> list[Check]:
    """Tabel 3.1: totals of persons and amounts, konto 5 + 6, and every printed share."""
    e = inputs.expenditure.set_index("group")
    groups, src = list(GROUPS), _src("Tabel 3.1")
    out = [Check("Tabel 3.1: fuldtidspersoner i alt", src, e.loc["samlet", "fte"],
                 e.loc[groups, "fte"].sum(), "fuldtidspersoner", "summen af målgrupperne", 0)]
    sx = e.loc[groups, "expenditure"].sum()
    c = Check("Tabel 3.1: udgifter i alt", src, e.loc["samlet", "expenditure"], sx, "1.000 kr.",
              "summen af målgrupperne", 0)
    if c.status == "differs":
        inside = _inside(c.published, sx - len(groups) * 0.5, sx + len(groups) * 0.5, 0)
        c = c.with_finding("", f"{c.note}; {WITHIN if inside else BEYOND}")
    out.append(c)
    out.append(Check("Tabel 3.1: konto 5 + konto 6", src, e.loc["samlet", "expenditure"],
                     e.loc[["konto_5", "konto_6"], "expenditure"].sum(), "1.000 kr.", "", 0))
    total = e.loc["samlet", "expenditure"]
    for g in groups + ["konto_5", "konto_6"]:
        out.append(Check(f"Tabel 3.1: Norddjurs' udgiftsandel, {GROUPS.get(g, e.loc[g, 'label'])}", src,
                         e.loc[g, "share_pct"], e.loc[g, "expenditure"] / total * 100, "%",
                         "udgift / samlet udgift", 1 if g in groups else 0))
    out.append(Check("Tabel 3.1: Norddjurs' trykte andele lagt sammen", src, e.loc["samlet", "share_pct"],
                     e.loc[groups, "share_pct"].sum(), "%", "summen af de trykte andele", 1))
    out.append(Check("Tabel 3.1: øvrige jobcentres trykte andele lagt sammen", src,
                     e.loc["samlet", "others_share_pct"], e.loc[groups, "others_share_pct"].sum(), "%",
                     "summen af de trykte andele", 1))
    return out


def table_3_2_against_3_1(inputs: Inputs) -> list[Check]:
    """Norddjurs' unit costs in Tabel 3.2 against amount / persons in Tabel 3.1."""
    e = inputs.expenditure.set_index("group")
    s32 = inputs.unit_costs_by_group.set_index(["group", "measure"])
    out = []
    for g in GROUPS:
        lo = (e.loc[g, "expenditure"] - 0.5) / (e.loc[g, "fte"] + 0.5)
        hi = (e.loc[g, "expenditure"] + 0.5) / (e.loc[g, "fte"] - 0.5)
        pub = s32.loc[(g, "enhedsomkostning"), "m01"]
        c = Check(f"Tabel 3.2: Norddjurs' enhedsomkostning, {GROUPS[g]}", _src("Tabel 3.2 og 3.1"), pub,
                  e.loc[g, "expenditure"] / e.loc[g, "fte"], COST_UNIT, "udgift / fuldtidspersoner i Tabel 3.1", 1)
        if c.status == "differs":
            c = c.with_finding("", f"{c.note}; {WITHIN if _inside(pub, lo, hi, 1) else BEYOND}")
        out.append(c)
    out.append(Check("Tabel 3.2: Norddjurs' samlede enhedsomkostning", _src("Tabel 3.2 og 3.1"),
                     s32.loc[("alle", "samlet"), "m01"], e.loc["samlet", "expenditure"] / e.loc["samlet", "fte"],
                     COST_UNIT, "samlet udgift / fuldtidspersoner", 1))
    return out


def chapter_5_against_3_2(inputs: Inputs) -> list[Check]:
    """Each chapter 5 table's unit cost row (average and columns) against Tabel 3.2."""
    s32 = inputs.unit_costs_by_group.set_index(["group", "measure"])
    g5 = inputs.group_tables.set_index(["group", "measure"])
    out = []
    for g in GROUPS:
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
    return out


def task_sum_checks(inputs: Inputs) -> list[Check]:
    """The main tasks add up to 'Samlet' for every municipality (beyond rounding)."""
    out = []
    for g in GROUPS:
        tab = GROUP_TABLES[g]
        tot = series(inputs.tidy, tab, g, "samlet")
        if tot.empty:
            continue
        s = sum(series(inputs.tidy, tab, g, m) for m in MAIN_TASKS)
        shown = tot.dropna().index
        bad = [m for m in shown if abs(s[m] - tot[m]) > len(MAIN_TASKS) * half_unit(1) + 1e-9]
        out.append(Check(f"{tab}: opgaverne summerer ikke til 'Samlet' (ud over afrunding), {GROUPS[g]}",
                         _src(tab), 0, len(bad), "kommuner",
                         ("kommuner: " + ", ".join(bad)) if bad else f"{len(shown)} kommuner kontrolleret", 0))
    return out


def appendix_checks(inputs: Inputs) -> list[Check]:
    """Bilag 1 (2019 key, corrected 2021 persons, totals) and Bilag 2's ressourcefordeling."""
    e = inputs.expenditure.set_index("group")
    f = inputs.fte_correction.set_index("group")
    src1 = _src("Bilag 1")
    out = []
    for g in ["sygedagpenge", "jobafklaring"]:
        share = f.loc[g, "fte_2019"] / f.loc["i_alt", "fte_2019"]
        out += [Check(f"Bilag 1: andel 2019, {GROUPS[g]}", src1, f.loc[g, "share_2019_pct"], share * 100, "%", "", 0),
                Check(f"Bilag 1: korrigerede fuldtidspersoner 2021, {GROUPS[g]}", src1, f.loc[g, "fte_2021_corrected"],
                      share * f.loc["i_alt", "fte_2021_realised"], "fuldtidspersoner",
                      "2021 i alt fordelt med 2019-nøglen", 0),
                Check(f"Bilag 1 mod Tabel 3.1: fuldtidspersoner, {GROUPS[g]}", _src("Bilag 1 og Tabel 3.1"),
                      e.loc[g, "fte"], f.loc[g, "fte_2021_corrected"], "fuldtidspersoner",
                      "Tabel 3.1 bruger de korrigerede tal", 0)]
    for col, lab in [("fte_2019", "2019"), ("fte_2021_realised", "2021 realiseret"),
                     ("fte_2021_corrected", "2021 korrigeret")]:
        out.append(Check(f"Bilag 1: i alt, {lab}", src1, f.loc["i_alt", col],
                         f.loc[["sygedagpenge", "jobafklaring"], col].sum(), "fuldtidspersoner", "", 0))
    kf = inputs.key_figures
    rf = kf[(kf["section"] == "ressourcefordeling") & (kf["measure"] == "ressourcefordeling")].set_index("group")
    total = e.loc["samlet", "expenditure"]
    for g in GROUPS:
        out.append(Check(f"Bilag 2: Norddjurs' ressourcefordeling, {GROUPS[g]}", _src("Bilag 2 og Tabel 3.1"),
                         rf.loc[g, "m01"], e.loc[g, "expenditure"] / total * 100, "%",
                         "udgift / samlet udgift i Tabel 3.1", 1))
    return out


def table_checks(inputs: Inputs) -> list[Check]:
    """Every internal consistency check, in the order of the source."""
    return (table_3_1_checks(inputs) + table_3_2_against_3_1(inputs) + chapter_5_against_3_2(inputs)
            + task_sum_checks(inputs) + appendix_checks(inputs))

