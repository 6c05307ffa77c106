"""The findings of the Jobcenterbenchmark's reconciliation: the causes that the non-match rows
share, each with a Danish title and an explanation for a committee member, computed from the
inputs and the checks (so a new edition's figures change the texts).

Checks name their finding where they know the cause; `assign` settles the rest by status
(rounding artefacts, single odd figures, figures that exist only as images) and gives every
non-match row a note. `findings(inputs, checks)` describes the findings the checks use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from report.protocol import DIFFERS, MATCH, WITHIN_ROUNDING

from ...core import fmt
from ...core.check import Check
from ...core.readings import Reading
from .model import lost_columns

ROUNDING = "afrunding"
LOST_COLUMNS = "kolonner_mangler_i_teksten"
IMAGES = "kun_i_billeder"
SHARES = "tabel_3_1_andele"
RESULTS = "tekstens_resultater"
TEXT_GROUPS = "tekstens_grupper"
RANKS = "placeringer_i_teksten"
SINGLE = "enkelte_tal"
TWO_AVERAGES = "to_gennemsnit_i_teksten"
RULE_PREFIX = "gennemsnit_"

NOTES = {ROUNDING: "forskellen ligger inden for afrundingen af de trykte tal",
         SINGLE: "forskellen er større end afrundingen af de trykte tal",
         IMAGES: "tallet bygger på en tabel eller figur, der kun findes som billede"}


def average_rule_name(table: str, reading: Reading | None = None) -> str:
    """The finding of a table whose printed averages follow another rule (`gennemsnit_tabel_5_8`)."""
    return RULE_PREFIX + re.sub(r"[^a-z0-9]+", "_", table.lower()).strip("_")


def _sticky(finding: str) -> bool:
    return finding.startswith(RULE_PREFIX) or finding in (LOST_COLUMNS, IMAGES)


def assign(c: Check) -> Check:
    """The check with its finding settled by status: none when it matches; rounding when it is
    within rounding (unless a table-wide rule or a lost input explains it); a single odd figure
    when it differs for no known cause; and a note on every non-match row."""
    status, finding = c.status, c.finding
    if status == MATCH:
        return c.with_finding("") if finding else c
    if status == WITHIN_ROUNDING and not _sticky(finding):
        finding = ROUNDING
    elif not finding:
        finding = SINGLE if status == DIFFERS else IMAGES
    extra = NOTES[ROUNDING] if status == WITHIN_ROUNDING else NOTES[SINGLE] if finding == SINGLE else ""
    note = "; ".join(n for n in (c.note, extra) if n) or NOTES.get(finding, "se forklaringen under fundet")
    return c.with_finding(finding, note)


@dataclass(frozen=True)
class Finding:
    """A finding as the book shows it: name, Danish title and explanation, rows covered."""

    name: str
    title: str
    explanation: str
    rows: int


def _num(v, decimals: int | None = None) -> str:
    if decimals is None:
        decimals = 1 if abs(v - round(v)) > 1e-9 else 0
    return fmt.number(v, max(decimals, 0))


def _listing(rows: list[Check]) -> str:
    def one(c: Check) -> str:
        d = c.decimals
        if c.computed is None:
            return f"{c.item} (trykt {_num(c.published, d)})"
        unit = f" {c.unit}" if c.unit and c.unit not in ("plads", "gruppe", "kommuner") else ""
        return f"{c.item} (trykt {_num(c.published, d)}, genberegnet {_num(c.computed, d)}{unit})"
    return "; ".join(one(c) for c in rows)


def _rounding(ctx: "_Context", rows: list[Check]) -> tuple[str, str]:
    return ("Afrunding: genberegnet af tal, der selv er afrundede",
            f"{len(rows)} gennemsnit, afvigelser og andele kan ikke ramme rapportens tal præcist, fordi de er "
            "regnet af tal, som rapporten selv har afrundet (typisk til én decimal). Rapportens tal ligger i "
            "alle tilfælde inden for det, de afrundede tal tillader. Der er altså ingen uoverensstemmelse.")


def _lost(ctx: "_Context", rows: list[Check]) -> tuple[str, str]:
    where = "; ".join(f"{t} ({g.lower()}): {' og '.join(m)}" for t, g, m in ctx.lost)
    text = f"I den tekstudgave af rapporten, bogen bygger på, mangler hele kolonner i en tabel ({where}). "
    for tab, zeros, filled in ctx.lost_rules:
        if zeros:
            text += (f"{' og '.join(zeros)} har 0,0 i tabel 3.2 (ingen borgere i målgruppen), og rapportens "
                     f"gennemsnit i {tab.lower()} tæller {'dem' if len(zeros) > 1 else 'den'} ikke med. ")
        if filled:
            text += (f"{' og '.join(filled)}'s enhedsomkostning står i tabel 3.2; talt med dér, og med kommuner "
                     f"uden borgere udeladt, giver rækkerne Enhedsomkostning og Samlet rapportens trykte gennemsnit og "
                     f"afvigelser, og de er kontrolleret sådan. ")
    missing = sorted({m for _, _, filled in ctx.lost_rules for m in filled}) or ["kommunens"]
    return ("Kolonner mangler i tekstudgaven af rapporten",
            text + f"De {len(rows)} tal under dette fund kan ikke genberegnes, fordi {' og '.join(missing)}'s tal "
            "for de øvrige rækker mangler. Tallene er gengivet, som de er trykt.")


def _images(ctx: "_Context", rows: list[Check]) -> tuple[str, str]:
    return ("Tal, der kun findes som billeder",
            "Nogle tal bygger på tabeller eller figurer, der kun findes som billeder i rapporten (bl.a. "
            "tabel 5.1 om dagpenge og figur 4.1). De kan ikke genberegnes: " + _listing(rows) + ".")


def _average_rule(ctx: "_Context", rows: list[Check], table: str) -> tuple[str, str]:
    rule = ctx.rules.get(table)
    cross = [c for c in rows if "mod Tabel 3.2" in c.item]
    if rule is not None:
        n = ctx.rule_rows.get(table, 0)
        text = (f"Alle {n} trykte gennemsnit i {table} ({ctx.group_of[table].lower()}) er {rule.title}: "
                "regnet sådan passer hver eneste, og sådan er de kontrolleret. Rapporten siger ikke hvorfor. Bogens "
                "eget gennemsnit af alle de øvrige kommuner står i noten til hver række som bogens læsning; det er "
                "en anden opgørelse, ikke en fejl i rapporten.")
        label = ctx.municipalities[int(rule.parameter)]
    else:
        label = ctx.single_label.get(table, "en kommune")
        text = (f"Gennemsnittet i {table} ({ctx.group_of[table].lower()}) og i teksten er gennemsnittet af de øvrige "
                f"kommuner i tabel 3.2 uden {label}, som dér har {_num(ctx.single_value.get(table, 0), 1)} "
                "(ingen borgere i målgruppen).")
    if cross:
        text += (f" Tabel 3.2 tæller {label} med og trykker derfor {_num(cross[0].computed)} for samme "
                 f"gennemsnit, hvor {table} trykker {_num(cross[0].published)}.")
    return f"Rapportens gennemsnit i {table} er uden {label}", text


def _shares(ctx: "_Context", rows: list[Check]) -> tuple[str, str]:
    total = next((c for c in rows if "lagt sammen" in c.item), None)
    den = ctx.share_denominator
    text = (f"Norddjurs' andele af udgifterne pr. målgruppe i tabel 3.1 summer til "
            f"{fmt.percent(total.computed, 1) if total else '–'}, ikke {fmt.percent(100, 0)}. ")
    if den is not None:
        text += (f"Alle andele passer med en fælles total på ca. {fmt.amount(den / 1000, 'mio. kr.', 1)}, "
                 "ikke med tabellens egen samlede udgift på "
                 f"{fmt.amount(ctx.total_expenditure / 1000, 'mio. kr.', 1)} ")
    text += ("(beløbene og fuldtidspersonerne hænger sammen; det er kun andelene, der er regnet af en anden total). "
             if den is not None else "")
    if ctx.bilag_2_right:
        text += "Norddjurs' ressourcefordeling i bilag 2 er regnet af tabellens egen total og passer."
    return "Norddjurs' udgiftsandele i tabel 3.1 er regnet af en anden total", text.strip()


def _results(ctx: "_Context", rows: list[Check]) -> tuple[str, str]:
    devs = [c for c in rows if "afgangsrate" in c.item]
    return ("Tekstens resultatafvigelser følger ikke af tabellernes afgangsrater",
            "Rapportens tekst angiver Norddjurs' resultat for hver målgruppe som en procentvis afvigelse fra "
            "gennemsnittet. Tallene stammer efter bogens vurdering fra figurer, der kun findes som billeder, og "
            f"{len(devs)} af dem kan ikke genfindes i afgangsraterne i kapitel 5's tabeller. Med tabellernes "
            f"afgangsrater ligger {ctx.results_good} målgrupper på eller over gennemsnittet (højst "
            f"{ctx.results_good + ctx.results_unknown}, hvis dagpenge gør), hvor afsnit 2 siger "
            f"{ctx.results_claimed} af 11, og {ctx.regrouped} kommer i gruppe 1 i stedet for rapportens gruppe 4. "
            "Rapportens konklusioner bygger efter bogens vurdering på figurerne.")


def _text_groups(ctx: "_Context", rows: list[Check]) -> tuple[str, str]:
    bdo = ", ".join(sorted({_num(c.computed) for c in rows if c.computed is not None}))
    book = ", ".join(sorted({m.group(1) for c in rows for m in [re.search(r"gruppe (\d)$", c.note or "")] if m}))
    text = ("Afsnit 3.3 nævner dagpenge både i gruppe 2 (optimeringspotentiale) og gruppe 3 "
            "(effektiviseringspotentiale). Med tekstens egne afvigelser for dagpenge og BDO's egne "
            f"gruppedefinitioner (resultater over eller under gennemsnittet) hører de til gruppe {bdo}.")
    if book and book != bdo:
        text += (f" Kun med bogens egen grænse for »på niveau« (±{fmt.number(ctx.tolerance, 1)} %) kommer de i "
                 f"gruppe {book}; det er bogens læsning, ikke rapportens.")
    return "Teksten placerer dagpenge i to grupper", text


def _two_averages(ctx: "_Context", rows: list[Check]) -> tuple[str, str]:
    return ("Teksten bruger to forskellige gennemsnit for samme målgruppe",
            "Hvor teksten både angiver en procentvis afvigelse og de to enhedsomkostninger, passer de ikke "
            "sammen: " + _listing(rows) + ". Afvigelsen følger af tabel 3.2's gennemsnit, mens tekstens "
            "gennemsnit er kapitel 5-tabellens, som lader en kommune uden borgere i målgruppen ude. Kapitlet "
            "viser begge tal.")


def _ranks(ctx: "_Context", rows: list[Check]) -> tuple[str, str]:
    return ("Placeringer i teksten passer ikke med tabel 3.2",
            "Tekstens placeringer af Norddjurs blandt kommunerne passer ikke med tabel 3.2 (afrunding kan ikke "
            "forklare det): " + _listing(rows) + ".")


def _single(ctx: "_Context", rows: list[Check]) -> tuple[str, str]:
    return ("Enkelte trykte tal passer ikke med resten",
            "Nogle få tal afviger fra det, rapportens egne tal giver, mere end afrunding kan forklare, og "
            "uden en fælles årsag (formentlig tryk- eller tastefejl): " + _listing(rows) + ".")


@dataclass(frozen=True)
class _Context:
    """The facts from the inputs that the explanations name."""

    municipalities: tuple[str, ...]
    group_of: dict
    lost: list
    rules: dict
    rule_rows: dict
    single_label: dict
    single_value: dict
    share_denominator: float | None
    total_expenditure: float
    results_good: int
    results_unknown: int
    results_claimed: int
    regrouped: str
    bilag_2_right: bool
    tolerance: float = 2.0
    lost_rules: tuple = ()


def _context(inputs, tolerance_pct: float) -> _Context:
    from ...core.readings import Row, shared_denominator
    from .model import average_rules, group_overview, printed_average_rule, series
    from .terms import GROUP_TABLES, GROUPS, T32
    munis = inputs.municipalities
    group_of = {GROUP_TABLES[g]: GROUPS[g] for g in GROUPS}
    gt = inputs.group_tables
    lost, singles = [], {}
    for g in GROUPS:
        tab = GROUP_TABLES[g]
        cols = lost_columns(inputs, tab, g)
        if cols:
            lost.append((tab, GROUPS[g], [munis[int(c[1:]) - 1] for c in cols]))
        avg = gt.loc[(gt["group"] == g) & (gt["measure"] == "enhedsomkostning"), "average"]
        rule = printed_average_rule(inputs, g, float(avg.iloc[0])) if len(avg) else None
        if rule is not None:
            k = int(rule.parameter)
            singles[tab] = (munis[k], series(inputs.tidy, T32, g, "enhedsomkostning").iloc[k])
    rules = average_rules(inputs)
    e = inputs.expenditure.set_index("group")
    den = shared_denominator([Row((float(e.loc[g, "expenditure"]),), float(e.loc[g, "share_pct"]), 1) for g in GROUPS])
    ov = group_overview(inputs, munis[0], tolerance_pct)
    text = inputs.text
    claimed = text.loc[text["kind"] == "results_on_or_above_count", "value"]
    stated4 = set(text.loc[(text["kind"] == "quadrant") & (text["value"] == 4), "group"])
    moved = ov[ov["group"].isin(stated4) & (ov["quadrant"] == 1)]["label"].str.lower().tolist()
    return _Context(munis, group_of, lost, rules,
                    {t: int((gt["table"] == t).sum()) for t in rules}, {t: v[0] for t, v in singles.items()},
                    {t: v[1] for t, v in singles.items()}, den.parameter if den else None,
                    float(e.loc["samlet", "expenditure"]), int(ov["quadrant"].isin([3, 4]).sum()),
                    int(ov["quadrant"].isna().sum()), int(claimed.iloc[0]) if len(claimed) else 0,
                    " og ".join(moved) or "ingen målgrupper", _bilag_2_right(inputs), tolerance_pct,
                    tuple(_lost_rule(inputs, g) for g in GROUPS if lost_columns(inputs, GROUP_TABLES[g], g)))


def _lost_rule(inputs, group: str) -> tuple[str, list[str], list[str]]:
    """(table, municipalities left out for 0,0, municipalities filled in from Tabel 3.2) of a
    chapter 5 table with lost columns."""
    from .model import completed_row, zero_left_out
    from .terms import GROUP_TABLES
    tab = GROUP_TABLES[group]
    return tab, zero_left_out(inputs, tab, group), completed_row(inputs, tab, group, "samlet")[1]


def _bilag_2_right(inputs) -> bool:
    from .terms import GROUPS
    e = inputs.expenditure.set_index("group")
    kf = inputs.key_figures
    rf = kf[(kf["section"] == "ressourcefordeling") & (kf["measure"] == "ressourcefordeling")].set_index("group")
    total = e.loc["samlet", "expenditure"]
    return all(abs(e.loc[g, "expenditure"] / total * 100 - rf.loc[g, "m01"]) <= 0.05 + 1e-9 for g in GROUPS)


DESCRIBE = {ROUNDING: _rounding, LOST_COLUMNS: _lost, IMAGES: _images, SHARES: _shares, RESULTS: _results,
            TEXT_GROUPS: _text_groups, RANKS: _ranks, SINGLE: _single, TWO_AVERAGES: _two_averages}


def findings(inputs, checks: list[Check], tolerance_pct: float | None = None) -> list[Finding]:
    """The findings the checks use, in order of first use, with their Danish texts and the
    number of rows each covers (at the chapter's tolerance by default)."""
    tolerance_pct = inputs.tolerance_pct if tolerance_pct is None else tolerance_pct
    ctx = _context(inputs, tolerance_pct)
    by_name: dict[str, list[Check]] = {}
    for c in checks:
        if c.finding:
            by_name.setdefault(c.finding, []).append(c)
    out = []
    for name, rows in by_name.items():
        if name.startswith(RULE_PREFIX):
            table = next(t for t in ctx.group_of if average_rule_name(t) == name)
            title, text = _average_rule(ctx, rows, table)
        else:
            title, text = DESCRIBE[name](ctx, rows)
        out.append(Finding(name, title, text, len(rows)))
    return out
