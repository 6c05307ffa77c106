"""Tables, figures and alt texts of the chapter for the notebook."""
from __future__ import annotations

import textwrap
from typing import Mapping

import pandas as pd

from ...core import fmt
from ...core.check import Check
from ...core.tables import escape_markdown
from .model import target_points
from .schemas import NOT_POSSIBLE, NOT_REACHED, NOT_YET, REACHED, REMOVED, STATUSES, TOO_EARLY
from .texts import measured_text, national_text, requirement_text

MARKS = {
    REACHED: "✔ Nået",
    NOT_REACHED: "✘ Ikke nået",
    NOT_YET: "… Endnu ikke nået",
    NOT_POSSIBLE: "? Ikke muligt at følge op",
    TOO_EARLY: "○ For tidligt",
    REMOVED: "– Udgået",
}
# English keys for result names (stable, lower snake case).
# ---------------------------------------------------------------- presentation tables
def theme_table(evaluated: pd.DataFrame, theme: str) -> pd.DataFrame:
    """The reader's table of one theme: goal, requirement, measured, national figure,
    published status and the rule's status (6 columns)."""
    part = evaluated[evaluated["theme"] == theme]
    return pd.DataFrame({
        # the goal's number stays with the first word of its title (never alone on a line)
        "Mål": [f"{r['goal_id']}\u00a0{r['title']}" for _, r in part.iterrows()],
        "Krav": [requirement_text(r) if r["status"] != REMOVED else f"udgået {fmt.date(r['removed_date'])}"
                 for _, r in part.iterrows()],
        "Målt": [measured_text(r) for _, r in part.iterrows()],
        "Landstal": [national_text(r) for _, r in part.iterrows()],
        "Status": [MARKS[s] for s in part["status"]],
        "Efter reglen": [MARKS[s] if isinstance(s, str) else fmt.MISSING
                         for s in part["evaluated_status"]],
    })


def open_data(evaluated: pd.DataFrame) -> pd.DataFrame:
    """The follow-up as published open data (plain values, no marks)."""
    cols = ["plan_year", "round", "goal_id", "theme", "title", "unit", "comparator",
            "target_value", "baseline_value", "measured_value", "measured_qualifier",
            "measured_period", "national_value", "status", "evaluated_status", "reason"]
    return evaluated[cols].copy()


COUNTS_ALIGN = {"Antal i sagsfremstillingen": "right", "Andel": "right"}


PRINTED, RULED = "Antal i sagsfremstillingen", "Antal efter reglen"


def _same(counts: pd.DataFrame, column: str) -> bool:
    return bool(counts[column].notna().all() and (counts[column] == counts["count"]).all())


def counts_table(counts: pd.DataFrame) -> pd.DataFrame:
    """The reader's table of counts per status: itemised, share, printed, by the rule. A count
    that equals the itemised one in every row is not shown again (the caption says it agrees):
    a number is shown once."""
    table = pd.DataFrame({
        "Status": [MARKS[s] for s in counts["status"]],
        "Antal mål": counts["count"].to_numpy(),
        "Andel": [fmt.percent(v, 1) for v in counts["share"]],
        PRINTED: [fmt.MISSING if pd.isna(v) else fmt.integer(v) for v in counts["printed_count"]],
        RULED: counts["rule_count"].to_numpy(),
    })
    drop = [c for c, col in ((PRINTED, "printed_count"), (RULED, "rule_count")) if _same(counts, col)]
    return table.drop(columns=drop)


def counts_note(table: pd.DataFrame) -> str:
    """The note under a counts table: what its columns mean."""
    note = "Andel af målene, udgåede mål fraregnet."
    if RULED in table.columns:
        note += (" *Antal efter reglen* bruger målets egen regel, hvor den kan afgøre status, ellers den "
                 "offentliggjorte status.")
    return note


def counts_caption(title: str, counts: pd.DataFrame, evaluated: pd.DataFrame) -> str:
    """The caption of a counts table, saying why its counts differ where they do: the source's
    table of the single goals against the count in its case text (the source disagrees with
    itself; both are kept), and the book's rule against the source's status, goal by goal."""
    def listed(rows, column, named=True):
        return " og ".join(fmt.integer(r[column]) + (f" {r['status']}" if named else "") for _, r in rows.iterrows())

    out = [title]
    printed = counts[counts["printed_count"].notna() & (counts["count"] != counts["printed_count"])]
    if len(printed):
        out.append(f"Kilden tæller forskelligt to steder: dens tabel over de enkelte mål giver "
                   f"{listed(printed, 'count')}, sagsfremstillingen {listed(printed, 'printed_count', False)}.")
    judged = evaluated[[isinstance(s, str) and s != t for s, t in
                        zip(evaluated["evaluated_status"], evaluated["status"])]]
    if len(judged):
        ruled = counts[counts["rule_count"] != counts["count"]]
        goals = ", ".join(f"mål {g} som {s} (kilden: {t})" for g, s, t in
                          zip(judged["goal_id"], judged["evaluated_status"], judged["status"]))
        same = len(printed) and (counts["rule_count"] == counts["printed_count"].fillna(-1)).all()
        out.append(f"Bogens regel (den målte værdi holdt op mod kravet) giver {listed(ruled, 'rule_count')}"
                   f"{' ligesom sagsfremstillingen' if same else ''}, fordi den vurderer {goals}.")
    if _same(counts, "printed_count") and _same(counts, "rule_count"):
        out.append("Sagsfremstillingen og bogens regel (den målte værdi holdt op mod kravet) giver de samme tal.")
    return ". ".join(out[:1]) + (". " + " ".join(out[1:]) if len(out) > 1 else "")


# ---------------------------------------------------------------- figures
STATUS_STYLE = {  # Okabe-Ito colour + hatch, so the figure also reads in grey print
    REACHED: ("#0072B2", ""),
    NOT_YET: ("#E69F00", "//"),
    NOT_REACHED: ("#D55E00", "xx"),
    NOT_POSSIBLE: ("#BBBBBB", ".."),
    TOO_EARLY: ("#56B4E9", "\\\\"),
}


def status_figure(counts: Mapping[str, pd.DataFrame]):
    """Stacked horizontal bars: one bar per plan year and round (label -> status counts),
    segments per published status with the count written in each segment."""
    from ...core import figures

    fig, ax = figures.new(figsize=(7.0, 0.9 + 0.7 * len(counts)))
    labels = list(counts)
    used = []
    for i, label in enumerate(labels):
        left = 0
        c = counts[label].set_index("status")["count"]
        for st in STATUSES[:-1]:
            n = int(c.get(st, 0))
            if n == 0:
                continue
            colour, hatch = STATUS_STYLE[st]
            ax.barh(i, n, left=left, color=colour, hatch=hatch, edgecolor="black", linewidth=0.6,
                    label=MARKS[st] if st not in used else None)
            used.append(st)
            ax.text(left + n / 2, i, fmt.integer(n), ha="center", va="center", fontsize=9,
                    color="black", bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none"))
            left += n
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("Antal mål")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.02), ncol=3, fontsize=8)
    return fig


def target_figure(evaluated: pd.DataFrame):
    """Measured value against the value it is compared with (target, baseline or national
    figure) for the evaluable goals measured in percent; filled dot = reached by the rule,
    cross = not reached."""
    from ...core import figures

    pts = target_points(evaluated)
    # every goal's whole name, wrapped: a label the reader cannot finish is no label
    labels = [textwrap.fill(f"{r['goal_id']} {r['title']}", 34) for _, r in pts.iterrows()]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    fig, ax = figures.new(figsize=(7.0, 0.9 + max(len(labels), 1) * max(0.3, 0.15 * lines + 0.06)))
    y = list(range(len(pts)))
    for i, (_, r) in enumerate(pts.iterrows()):
        ax.plot([r["threshold"], r["measured_value"]], [i, i], color="#7F7F7F", linewidth=1, zorder=1)
    ax.scatter(pts["threshold"], y, marker="|", s=200, color="black", linewidths=2,
               label="Krav eller sammenligningsværdi", zorder=2)
    hit = pts["rule_reached"].eq(1).to_numpy()
    ax.scatter(pts["measured_value"][hit], [v for v, h in zip(y, hit) if h], marker="o", s=45,
               color=STATUS_STYLE[REACHED][0], edgecolor="black",
               label="Målt: nået efter reglen", zorder=3)
    ax.scatter(pts["measured_value"][~hit], [v for v, h in zip(y, hit) if not h], marker="X", s=60,
               color=STATUS_STYLE[NOT_REACHED][0], edgecolor="black", label="Målt: ikke nået efter reglen",
               zorder=3)
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    figures.danish_ticks(ax, axis="x", suffix=" %")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8)
    return fig


def target_alt(evaluated: pd.DataFrame, plan_year: int) -> str:
    """Alt text of the measured-vs-requirement figure, computed from its points."""
    pts = target_points(evaluated)
    n_hit = int(pts["rule_reached"].eq(1).sum())
    misses = ", ".join(pts.loc[pts["rule_reached"].eq(0), "goal_id"])
    return (f"Prikdiagram for Beskæftigelsesplan {plan_year}: for {len(pts)} mål opgjort i procent "
            f"vises den målte værdi og kravet eller sammenligningsværdien på en skala fra 0 til "
            f"100 %. {n_hit} mål er nået efter reglen"
            + (f"; ikke nået er mål {misses}." if misses else "."))


def status_alt(counts: Mapping[str, pd.DataFrame]) -> str:
    """Alt text of the status figure: the counts per status of every bar."""
    parts = []
    for label, c in counts.items():
        inner = ", ".join(f"{fmt.integer(n)} {st}" for st, n in zip(c["status"], c["count"]) if n)
        parts.append(f"{label}: {inner}")
    return "Vandrette stablede søjler med antal mål pr. status. " + "; ".join(parts) + "."




def reconciliation_text(checks: list[Check], findings: list) -> str:
    """The chapter's Afstemning section: how many printed figures were recomputed and how they
    came out, then each finding with its title, explanation and the number of figures it covers."""
    recomputed = [c for c in checks if c.basis == "recomputed"]
    n = {s: sum(c.status == s for c in recomputed) for s in STATUS_ORDER}
    parts = [f"{fmt.integer(n[s])} {STATUS_WORDS[s]}" for s in STATUS_ORDER if n[s]]
    text = (f"Kapitlet efterprøver {fmt.integer(len(recomputed))} tal, som kilden trykker, ud fra "
            f"kildens egne detaljer: " + ", ".join(parts[:-1]) + (" og " if len(parts) > 1 else "")
            + parts[-1] + ".")
    invented = sum(c.basis == "synthetic" for c in checks)
    own = sum(c.basis == "cross_reference" for c in checks)
    if own:
        text += (f" {fmt.integer(own)} vurderinger bygger på forvaltningens egne stikprøver; de er "
                 "sammenholdt med den offentliggjorte status, men tæller ikke som efterprøvning.")
    if invented:
        text += (f" {fmt.integer(invented)} kontroller bygger på opdigtede eksempeltal og tæller "
                 "ikke som efterprøvning.")
    if not findings:
        return text
    text += (" De tal, der ikke stemmer, har " + ("én årsag" if len(findings) == 1 else
             f"{fmt.integer(len(findings))} årsager") + ":")
    for f in findings:
        rows = sum(c.finding == f.name for c in checks)
        text += (f"\n\n**{escape_markdown(f.title)}** ({fmt.integer(rows)} tal). "
                 f"{escape_markdown(f.explanation)}")
    return text


STATUS_ORDER = ("match", "within_rounding", "differs", "not_reproducible")
STATUS_WORDS = {"match": "stemmer", "within_rounding": "stemmer inden for afrundingen",
                "differs": "afviger", "not_reproducible": "kan ikke genberegnes"}


def theme_heading(theme: str) -> str:
    """The Markdown heading of a theme (its printed name, escaped)."""
    return f"### {escape_markdown(theme)}"


def theme_caption(theme: str, evaluated: pd.DataFrame) -> str:
    """The caption of a theme's table in a plan year's `evaluated` follow-up."""
    plan_year, round_ = int(evaluated["plan_year"].iloc[0]), int(evaluated["round"].iloc[0])
    return f"{escape_markdown(theme)}: mål, krav og status ({plan_year}, opfølgning {round_})"
