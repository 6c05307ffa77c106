"""Bilag C (Afstemning) and the front chapter's summary of the reconciliation: counts per
chapter by status and basis, the findings with the rows that carry them, and one sentence that
counts only recomputed figures as verification."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Mapping

import pandas as pd

from report.protocol import CROSS_REFERENCE, DIFFERS, MATCH, NOT_REPRODUCIBLE, RECOMPUTED, SYNTHETIC, WITHIN_ROUNDING

from ..core import fmt
from ..core.check import BASIS_DA, STATUS_DA

STATUS_ORDER = (DIFFERS, NOT_REPRODUCIBLE, WITHIN_ROUNDING, MATCH)
STATUS_LABELS = {s: STATUS_DA[s] for s in STATUS_ORDER}


def read_findings(path: str | Path) -> pd.DataFrame:
    """findings.csv as text (rows as a number)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return df.assign(rows=df["rows"].astype(int)) if len(df) else df.assign(rows=pd.Series(dtype=int))


def sort_reconciliation(df: pd.DataFrame) -> pd.DataFrame:
    """Disagreements first, then figures that cannot be recomputed, then rounding, then matches."""
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    return df.assign(_o=df["status"].map(order)).sort_values(["_o"], kind="stable").drop(columns="_o")


def status_counts(df: pd.DataFrame, parts: list[str]) -> pd.DataFrame:
    """Recomputed checks per chapter and status (chapters in book order, statuses in
    STATUS_ORDER): the same rows as the summary table's status columns."""
    df = df[df["basis"] == RECOMPUTED]
    if df.empty:
        return pd.DataFrame(0, index=[], columns=list(STATUS_ORDER))
    counts = df.groupby(["chapter", "status"]).size().unstack(fill_value=0)
    return counts.reindex(index=[p for p in parts if p in counts.index], columns=list(STATUS_ORDER),
                          fill_value=0)


def summary_table(df: pd.DataFrame, titles: Mapping[str, str]) -> pd.DataFrame:
    """Per chapter: recomputed figures by status, and the comparisons that are not verification
    (the same figure printed twice; synthetic example data)."""
    rows = []
    for part, title in titles.items():
        sub = df[df["chapter"] == part]
        if sub.empty:
            continue
        rec = sub[sub["basis"] == RECOMPUTED]["status"].value_counts()
        basis = sub["basis"].value_counts()
        rows.append({"Kapitel": title, **{STATUS_DA[s]: int(rec.get(s, 0)) for s in STATUS_ORDER},
                     "Trykt to steder": int(basis.get(CROSS_REFERENCE, 0)),
                     "Syntetiske": int(basis.get(SYNTHETIC, 0))})
    return pd.DataFrame(rows)


def _decimals(text: str) -> int:
    return 0 if "." not in text else len(text.split(".")[1])


def danish_plain(text: str, decimals: int | None = None) -> str:
    """A contract number (`1234.5`) in Danish (`1.234,5`) at its own or a given precision."""
    if text == "":
        return fmt.MISSING
    d = _decimals(text) if decimals is None else decimals
    return fmt.number(float(Decimal(text)), d)


def _with_unit(text: str, unit: str, decimals: int | None = None) -> str:
    return danish_plain(text, decimals) + (f" {unit}" if unit and text else "")


def reconciliation_table(df: pd.DataFrame) -> pd.DataFrame:
    """Rows for the reader: the figure (with the chapter's note), where it is printed, and the
    published and computed values at the printed precision."""
    rows = []
    for rec in df.to_dict("records"):
        d = _decimals(rec["published"]) if rec["published"] else None
        rows.append({"Tal": rec["item"] + (f" – {rec['note']}" if rec["note"] else ""),
                     "Kilde": rec["source"],
                     "Trykt": _with_unit(rec["published"], rec["unit"]),
                     "Beregnet": _with_unit(rec["computed"], rec["unit"], d)})
    return pd.DataFrame(rows, columns=["Tal", "Kilde", "Trykt", "Beregnet"])


def finding_rows(df: pd.DataFrame, chapter: str, finding: str) -> pd.DataFrame:
    """The rows a finding covers, for the reader: figure, printed, computed, status."""
    sub = df[(df["chapter"] == chapter) & (df["finding"] == finding)]
    rows = []
    for rec in sub.to_dict("records"):
        d = _decimals(rec["published"]) if rec["published"] else None
        rows.append({"Tal": rec["item"], "Trykt": _with_unit(rec["published"], rec["unit"]),
                     "Beregnet": _with_unit(rec["computed"], rec["unit"], d),
                     "Status": STATUS_DA.get(rec["status"], rec["status"])})
    return pd.DataFrame(rows, columns=["Tal", "Trykt", "Beregnet", "Status"])


def unexplained(df: pd.DataFrame) -> pd.DataFrame:
    """Rows that do not match and name no finding (a chapter has yet to explain them)."""
    return df[(df["status"] != MATCH) & (df["finding"] == "")]


def recomputed_counts(df: pd.DataFrame) -> dict[str, int]:
    """The recomputed figures by status: the one count the front chapter, the summary table and
    the figure of Bilag C all show (cross-references and synthetic data are not verification)."""
    rec = df[df["basis"] == RECOMPUTED]["status"].value_counts()
    return {s: int(rec.get(s, 0)) for s in STATUS_ORDER}


def checks_sentence(df: pd.DataFrame, findings: pd.DataFrame) -> str:
    """The front chapter's one line on the checks, with a link to the quality appendix."""
    n = recomputed_counts(df)
    return (f"Bogen har regnet {fmt.integer(sum(n.values()))} af kildernes trykte tal efter ud fra kildernes "
            f"egne detaljer: {fmt.integer(n[MATCH])} stemmer, {fmt.integer(n[WITHIN_ROUNDING])} stemmer inden "
            f"for afrunding, {fmt.integer(n[DIFFERS])} afviger, og {fmt.integer(n[NOT_REPRODUCIBLE])} kan ikke "
            f"genberegnes. Forklaringerne ({fmt.integer(len(findings))} fund) står i "
            "[Bilag C: Afstemning](#afstemning).")


def verification_sentence(df: pd.DataFrame, findings: pd.DataFrame) -> str:
    """What the reconciliation shows, counting only recomputed figures as verification."""
    rec = df[df["basis"] == RECOMPUTED]["status"].value_counts()
    n_rec = int(rec.sum())
    others = df[df["basis"] != RECOMPUTED]["basis"].value_counts()
    text = (f"I denne udgave er {fmt.integer(n_rec)} trykte tal genberegnet ud fra kildernes egne "
            f"detaljer: {fmt.integer(rec.get(MATCH, 0))} stemmer, "
            f"{fmt.integer(rec.get(WITHIN_ROUNDING, 0))} stemmer inden for afrundingen af de trykte "
            f"tal, {fmt.integer(rec.get(DIFFERS, 0))} afviger, og "
            f"{fmt.integer(rec.get(NOT_REPRODUCIBLE, 0))} kan ikke genberegnes, fordi kilden ikke "
            "trykker de tal, der skal til.")
    if others.sum():
        text += (f" Desuden er {fmt.integer(others.get(CROSS_REFERENCE, 0))} tal sammenholdt med "
                 f"samme tal trykt et andet sted, og {fmt.integer(others.get(SYNTHETIC, 0))} bygger "
                 "på syntetiske eksempeldata; de tæller ikke som kontrol.")
    n_find = len(findings)
    text += (f" Alt, der ikke stemmer, er samlet i {fmt.integer(n_find)} "
             f"fund, som er forklaret i bilaget Afstemning.")
    return text


def status_figure(counts: pd.DataFrame, titles: Mapping[str, str]):
    """Per chapter, the share of its checks in each status (100 % bars, counts as labels), so
    chapters with few checks are as readable as the one with hundreds. Returns (fig, alt text)."""
    from ..core import figures

    shares = counts.div(counts.sum(axis=1), axis=0) * 100
    names = [titles.get(c, c) for c in counts.index]
    fig, ax = figures.new(figsize=(7.0, 0.55 * len(counts) + 1.6))
    left = [0.0] * len(counts)
    colours = {DIFFERS: 3, NOT_REPRODUCIBLE: 1, WITHIN_ROUNDING: 4, MATCH: 2}
    for i, status in enumerate(STATUS_ORDER):
        bars = ax.barh(names, shares[status], left=left, color=figures.PALETTE[colours[status]],
                       hatch=figures.HATCHES[i], edgecolor="white", label=STATUS_LABELS[status])
        ax.bar_label(bars, labels=[fmt.integer(v) if v else "" for v in counts[status]],
                     label_type="center", fontsize=9,
                     bbox=dict(boxstyle="square,pad=0.15", facecolor="white", edgecolor="none"))
        left = [a + b for a, b in zip(left, shares[status])]
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Andel af kapitlets afstemte tal (%); tallene i søjlerne er antal")
    ax.legend(ncols=2, loc="upper center", bbox_to_anchor=(0.5, -0.3 if len(counts) > 2 else -0.5))
    summary = "; ".join(f"{name}: " + ", ".join(f"{counts.at[c, s]} {STATUS_LABELS[s].lower()}"
                                                  for s in STATUS_ORDER)
                        for c, name in zip(counts.index, names))
    alt = f"Vandret søjlediagram over de afstemte tal pr. kapitel fordelt på status. {summary}."
    return fig, alt


def basis_note() -> str:
    """What the basis of a check means, for the reader of Bilag C."""
    return (f"Kun tal med grundlaget »{BASIS_DA[RECOMPUTED].lower()}« er en kontrol: bogen har regnet "
            "dem ud fra kildens egne detaljer. Et tal, der er »trykt to steder«, er kun sammenholdt med "
            "sig selv, og tal fra syntetiske eksempeldata passer af konstruktion.")


HTML_ONLY = '::: {{.content-visible when-format="html"}}\n{}\n:::\n'
PRINT_ONLY = '::: {{.content-visible when-format="typst"}}\n{}\n:::\n'
SOURCE = "bogens afstemning af de trykte tal"


def intro_text(df: pd.DataFrame, findings: pd.DataFrame) -> str:
    """The opening of Bilag C: what the statuses mean, and the verification sentence."""
    return ("Bogen sammenholder hvert trykt tal, den kan, med det samme tal beregnet ud fra de "
            "gengivne data. Et tal *stemmer*, når det beregnede tal afrundet som i kilden er lig det "
            "trykte; det stemmer *inden for afrunding*, når forskellen kan skyldes, at kilden regnede "
            "med uafrundede tal; det *afviger*, når forskellen er større end afrundingen kan forklare; "
            "og det *kan ikke genberegnes*, når kilden ikke trykker de tal, der skal til. "
            + verification_sentence(df, findings)
            + " I PDF'en står hvert fund med sin forklaring; tallene bag fundene står med trykt og beregnet "
              "værdi i net-udgaven af bogen og i bogens åbne data ([afstemningen](reconciliation.csv)).")


def summary_note() -> str:
    """The note under the summary table: what its columns count."""
    return ("Statuskolonnerne tæller de genberegnede tal; de to sidste kolonner tæller tal, der kun er "
            "sammenholdt med samme tal trykt et andet sted, og tal fra syntetiske eksempeldata.")


def _table_markdown(table: pd.DataFrame, caption: str) -> str:
    from ..core.tables import markdown_table

    return (f"{markdown_table(table)}\n\n: {caption}\n\n"
            f"::: {{.source}}\nKilde: {SOURCE}.\n:::\n")


def _finding_markdown(df: pd.DataFrame, chapter: str, title: str, f: Mapping) -> list[str]:
    """A finding: its title and explanation; the rows it covers in the HTML book (the PDF says
    how many and where they are, so the appendix stays short in print)."""
    from ..core.tables import escape_markdown

    rows = finding_rows(df, chapter, f["finding"])
    head = f"### {escape_markdown(f['title'])}\n\n{escape_markdown(f['explanation'])}\n"
    caption = f"{title}: de tal, fundet »{f['title']}« omfatter ({fmt.integer(len(rows))})"
    count = "1 tal" if len(rows) == 1 else f"{fmt.integer(len(rows))} tal"
    short = f"Fundet omfatter {count}.\n"
    return [head, PRINT_ONLY.format(short), HTML_ONLY.format(_table_markdown(rows, caption))]


def finding_sections(df: pd.DataFrame, findings: pd.DataFrame, chapter: str, title: str) -> list[str]:
    """Markdown for one chapter's findings in Bilag C: a heading (id `<chapter>`, which the
    chapter's line on its checks links to), each finding's title and explanation, and the rows
    it covers (in the HTML book)."""
    own = findings[findings["chapter"] == chapter] if len(findings) else findings
    loose = unexplained(df[df["chapter"] == chapter])
    sub = df[df["chapter"] == chapter]
    if sub.empty:
        return []
    n = recomputed_counts(sub)
    rounding = f"{fmt.integer(n[WITHIN_ROUNDING])} stemmer inden for afrunding, " if n[WITHIN_ROUNDING] else ""
    out = [f"## {title} {{#{chapter}}}\n\nBogen har regnet {fmt.integer(sum(n.values()))} af kapitlets trykte "
           f"tal efter: {fmt.integer(n[MATCH])} stemmer, {rounding}{fmt.integer(n[DIFFERS])} afviger, "
           f"og {fmt.integer(n[NOT_REPRODUCIBLE])} kan ikke genberegnes.\n"]
    for f in own.to_dict("records"):
        out += _finding_markdown(df, chapter, title, f)
    if len(loose):
        out.append(f"Kapitlet har {fmt.integer(len(loose))} tal, der ikke stemmer, og som endnu ikke er "
                   "samlet i et fund; de står i den fulde liste.\n")
    return out


def full_list(df: pd.DataFrame, titles: Mapping[str, str]) -> str:
    """Every checked figure, per chapter, disagreements first: HTML only (print has findings)."""
    parts = ["## Alle afstemte tal\n\nHer står hvert afstemt tal med sin status; den samme liste "
             "udgives også i bogens åbne data ([afstemningen](reconciliation.csv)).\n"]
    for pid, title in titles.items():
        rows = df[df["chapter"] == pid]
        if len(rows):
            parts.append(_table_markdown(reconciliation_table(rows), f"{title}: alle afstemte tal"))
    return HTML_ONLY.format("\n".join(parts))
