"""Internal consistency checks of the Jobcenterbenchmark: Tabel 3.1 (totals and shares), Tabel
3.2 against Tabel 3.1, the chapter 5 tables against Tabel 3.2, Bilag 1 (the correction of
sygedagpenge and jobafklaring) and Bilag 2's Norddjurs column against Tabel 3.1."""
from __future__ import annotations

from ...core.check import Check
from ...core.precision import Approx, half_unit, share_pct, total
from . import findings as F
from .inputs import Inputs
from .model import printed_average_rule, series
from .terms import COST_UNIT, DOCUMENT, GROUP_TABLES, GROUPS, MAIN_TASKS, T32

XREF = "cross_reference"


def _src(where: str) -> str:
    return f"{DOCUMENT}, {where}"


def _amount(value: float) -> Approx:
    """An amount printed in whole 1.000 kr. (or a number of full-time persons, rounded)."""
    return Approx.printed(value, 0)


def table_3_1_checks(inputs: Inputs) -> list[Check]:
    """Tabel 3.1: totals of persons and amounts, konto 5 + 6, and every printed share."""
    e = inputs.expenditure.set_index("group")
    groups, src = list(GROUPS), _src("Tabel 3.1")
    out = [Check("Tabel 3.1: fuldtidspersoner i alt", src, e.loc["samlet", "fte"],
                 e.loc[groups, "fte"].sum(), "fuldtidspersoner", "summen af målgrupperne", 0)]
    out.append(Check.of("Tabel 3.1: udgifter i alt", src, e.loc["samlet", "expenditure"],
                        total(_amount(x) for x in e.loc[groups, "expenditure"]), unit="1.000 kr.",
                        note="summen af målgrupperne", decimals=0))
    out.append(Check.of("Tabel 3.1: konto 5 + konto 6", src, e.loc["samlet", "expenditure"],
                        total(_amount(x) for x in e.loc[["konto_5", "konto_6"], "expenditure"]), unit="1.000 kr.",
                        decimals=0))
    whole = _amount(e.loc["samlet", "expenditure"])
    for g in groups + ["konto_5", "konto_6"]:
        out.append(Check.of(f"Tabel 3.1: Norddjurs' udgiftsandel, {GROUPS.get(g, e.loc[g, 'label'])}", src,
                            e.loc[g, "share_pct"], share_pct(_amount(e.loc[g, "expenditure"]), whole), unit="%",
                            note="udgift / samlet udgift", decimals=1 if g in groups else 0,
                            finding=F.SHARES if g in groups else ""))
    for col, who, finding in [("share_pct", "Norddjurs'", F.SHARES), ("others_share_pct", "øvrige jobcentres", "")]:
        out.append(Check.of(f"Tabel 3.1: {who} trykte andele lagt sammen", src, e.loc["samlet", col],
                            total(Approx.printed(v, 1) for v in e.loc[groups, col]), unit="%",
                            note="summen af de trykte andele", decimals=1, finding=finding))
    return out


def table_3_2_against_3_1(inputs: Inputs) -> list[Check]:
    """Norddjurs' unit costs in Tabel 3.2 against amount / persons in Tabel 3.1."""
    e = inputs.expenditure.set_index("group")
    s32 = inputs.unit_costs_by_group.set_index(["group", "measure"])
    out = []
    for g in list(GROUPS) + ["samlet"]:
        key, name = (("alle", "samlet"), "samlede") if g == "samlet" else ((g, "enhedsomkostning"), None)
        item = ("Tabel 3.2: Norddjurs' samlede enhedsomkostning" if name
                else f"Tabel 3.2: Norddjurs' enhedsomkostning, {GROUPS[g]}")
        out.append(Check.of(item, _src("Tabel 3.2 og 3.1"), s32.loc[key, "m01"],
                            _amount(e.loc[g, "expenditure"]) / _amount(e.loc[g, "fte"]), unit=COST_UNIT,
                            note="udgift / fuldtidspersoner i Tabel 3.1", decimals=1))
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
        printed = g5.loc[(g, "enhedsomkostning"), "average"]
        rule = printed_average_rule(inputs, g, printed)
        out.append(Check(f"{tab}: trykt gennemsnit mod Tabel 3.2, {GROUPS[g]}", _src(f"{tab} og Tabel 3.2"),
                         printed, s32.loc[(g, "enhedsomkostning"), "average"], COST_UNIT,
                         "samme tal trykt i to tabeller", 1, basis=XREF,
                         finding=F.average_rule_name(tab, rule) if rule else ""))
        a = series(inputs.tidy, tab, g, "enhedsomkostning")
        b = series(inputs.tidy, T32, g, "enhedsomkostning")
        both = a.notna() & b.notna()
        out.append(Check(f"{tab}: kommuner hvis enhedsomkostning afviger fra Tabel 3.2, {GROUPS[g]}",
                         _src(f"{tab} og Tabel 3.2"), 0, int((a[both] != b[both]).sum()), "kommuner",
                         "tælling af kolonner med forskellig værdi", 0, basis=XREF))
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
        out.append(Check(f"{tab}: opgaverne summerer ikke til »Samlet« (ud over afrunding), {GROUPS[g]}",
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
                      "Tabel 3.1 bruger de korrigerede tal", 0, basis=XREF)]
    for col, lab in [("fte_2019", "2019"), ("fte_2021_realised", "2021 realiseret"),
                     ("fte_2021_corrected", "2021 korrigeret")]:
        out.append(Check(f"Bilag 1: i alt, {lab}", src1, f.loc["i_alt", col],
                         f.loc[["sygedagpenge", "jobafklaring"], col].sum(), "fuldtidspersoner", "", 0))
    kf = inputs.key_figures
    rf = kf[(kf["section"] == "ressourcefordeling") & (kf["measure"] == "ressourcefordeling")].set_index("group")
    whole = _amount(e.loc["samlet", "expenditure"])
    for g in GROUPS:
        out.append(Check.of(f"Bilag 2: Norddjurs' ressourcefordeling, {GROUPS[g]}", _src("Bilag 2 og Tabel 3.1"),
                            rf.loc[g, "m01"], share_pct(_amount(e.loc[g, "expenditure"]), whole), unit="%",
                            note="udgift / samlet udgift i Tabel 3.1", decimals=1))
    return out


def table_checks(inputs: Inputs) -> list[Check]:
    """Every internal consistency check, in the order of the source."""
    return (table_3_1_checks(inputs) + table_3_2_against_3_1(inputs) + chapter_5_against_3_2(inputs)
            + task_sum_checks(inputs) + appendix_checks(inputs))

