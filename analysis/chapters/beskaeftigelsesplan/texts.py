"""Danish texts of the chapter built from the data: a goal's requirement, measured value and
national figure, source lines, and the paragraphs on the rule check and the printed counts."""
from __future__ import annotations

from decimal import Decimal
from typing import Mapping

import pandas as pd

from ...core import fmt
from ...core.tables import escape_markdown
from .inputs import Inputs
from .model import rounds_planned, self_judged
from .opening import round_words, source_counts_text, source_view_text
from .schemas import LOWER_BOUND, REMOVED, missing


def value_text(v, unit: str, decimals: int | None = None) -> str:
    """A value in Danish with its unit (`51,9 %`, `10 sager`); a dash when missing."""
    if missing(v):
        return fmt.MISSING
    d = decimals if decimals is not None else _decimals(v)
    if unit == "%":
        return fmt.percent(v, d)
    return f"{fmt.number(v, d)}\u00a0{unit}"


def _decimals(v) -> int:
    d = Decimal(str(float(v))).normalize()
    return min(2, max(0, -d.as_tuple().exponent))


def requirement_text(r: Mapping) -> str:
    """The goal's requirement in Danish, from its structured target."""
    comp, unit = r["comparator"], r["unit"]
    ref = r["reference_label"] if not missing(r.get("reference_label")) else "landstal"
    base = ""
    if not missing(r.get("baseline_value")):
        base = value_text(r["baseline_value"], unit)
        if not missing(r.get("baseline_period")):
            base += f" ({r['baseline_period']})"
    elif not missing(r.get("baseline_period")):
        base = f"niveauet i {r['baseline_period']}"
    t = r.get("target_value")
    if missing(comp) and not missing(r.get("target_text")):
        return f"{r['target_text']} (ikke vurderet efter en regel)"
    return {
        "at_least": lambda: f"mindst {value_text(t, unit)}",
        "more_than": lambda: f"mere end {value_text(t, unit)}",
        "at_most": lambda: f"højst {value_text(t, unit)}",
        "increase": lambda: f"stigning fra {base}" if base else "stigning",
        "decrease": lambda: f"fald fra {base}" if base else "fald",
        "not_above_baseline": lambda: f"højst {base}" if base else "højst det nuværende niveau",
        "follow_national": lambda: (f"som {ref} eller "
                                    + ("højere" if r.get("better") == "higher" else "lavere")),
        "max_pp_above_national": lambda: f"højst {fmt.number(t, _decimals(t))} procentpoint over {ref}",
    }.get(comp, lambda: "kvalitativt mål")()


def _qualitative_gap(r: Mapping) -> str:
    """For a goal with printed targets but no rule (`target_text`): the distance from the
    measured value to the first target, told as the book's calculation (what was measured is
    in the measured text beside it)."""
    if not missing(r.get("comparator")) or missing(r.get("target_text")):
        return ""
    if missing(r.get("target_value")) or missing(r["measured_value"]) or r["unit"] != "%":
        return ""
    d = float(r["measured_value"]) - float(r["target_value"])
    side = "under" if d < 0 else "over"
    return (f"bogens beregning: {fmt.number(abs(d), _decimals(d))} procentpoint {side} målets første "
            f"del ({value_text(r['target_value'], r['unit'])})")


def measured_text(r: Mapping, with_text: bool = True) -> str:
    """The measured value in Danish with qualifier and period (and other printed figures)."""
    parts = []
    if not missing(r["measured_value"]):
        v = value_text(r["measured_value"], r["unit"])
        if r["measured_qualifier"] == LOWER_BOUND:
            v = f"mindst {v}"
        if not missing(r["measured_period"]):
            v += f" ({r['measured_period']})"
        parts.append(v)
    if with_text and not missing(r["measured_text"]):
        parts.append(r["measured_text"])
    gap = _qualitative_gap(r)
    if gap:
        parts.append(gap)
    return "; ".join(parts) if parts else fmt.MISSING


def national_text(r: Mapping) -> str:
    """The national (or reference) figure in Danish, with what it is."""
    if missing(r["national_value"]):
        return fmt.MISSING
    ref = r["reference_label"] if not missing(r["reference_label"]) else "landstal"
    return f"{value_text(r['national_value'], r['unit'])} ({ref})"


# ---------------------------------------------------------------- narrative
def round_label(evaluated: pd.DataFrame) -> str:
    """"2024, opfølgning 1": the plan year and round of an evaluated follow-up, for captions."""
    return f"{int(evaluated['plan_year'].iloc[0])}, opfølgning {int(evaluated['round'].iloc[0])}"


def source_text(evaluated: pd.DataFrame) -> str:
    """The "Kilde" line of a plan year's tables: its documents and the follow-up they hold."""
    year = int(evaluated["plan_year"].iloc[0])
    docs = "; ".join(dict.fromkeys(evaluated["document"].dropna()))
    return f"{docs}: opfølgning på lokale mål i Beskæftigelsesplan {year}"


def count_difference_text(counts: pd.DataFrame, plan_year: int) -> str | None:
    """A paragraph on printed counts that differ from the itemised goals, or None."""
    c = counts.set_index("status")
    off = c[c["printed_count"].notna() & (c["printed_count"] != c["count"])]
    if off.empty:
        return None
    pairs = " og ".join(f"»{s}« ({fmt.integer(r['printed_count'])} i sagsfremstillingen, "
                        f"{fmt.integer(r['count'])} blandt de enkelte mål)" for s, r in off.iterrows())
    printed = c[c["printed_count"].notna()]
    same = bool((printed["printed_count"] == printed["rule_count"]).all())
    return (f"**Bogens kontrol ({plan_year}).** Sagsfremstillingens optælling passer ikke med "
            f"de enkelte mål for {pairs}. "
            + ("Optællingen passer derimod præcis, hvis de mål, som bogens regel for kravet vurderer "
               "anderledes end den offentliggjorte status, tælles med den status, reglen giver (se "
               "Bilag C: Afstemning)." if same else "Se Bilag C: Afstemning."))


def intro_text(inputs: Inputs) -> str:
    """The chapter's introduction: what the plan is, which rounds are shown (`inputs.shown`), how
    to read the column *Efter reglen*."""
    summary, shown = inputs.summary, inputs.shown
    years = " og ".join(f"{y} ({round_words(r, rounds_planned(summary, y))})"
                        for y, r in shown.items())
    return f"""
Beskæftigelsesplanen sætter hvert år lokale mål for beskæftigelsesindsatsen, som understøtter
ministerens mål og kommunens egne politikker. Målene følges op i løbet af året over for
Norddjurs Beskæftigelsesråd. Kapitlet viser status for planårene {years}: hvor mange mål
der er nået, og for hvert mål kravet, den målte værdi, landstallet og den offentliggjorte status.

Hvert mål med et talkrav er desuden vurderet efter sin egen regel (fx *mindst en bestemt
andel*, *stigning i forhold til året før* eller *højst et antal procentpoint over landstallet*). Kolonnen *Efter reglen*
viser resultatet; en streg betyder, at reglen ikke kan afgøre det, fordi målet er kvalitativt
eller en måling mangler. Udgåede mål tælles ikke med, ligesom i den offentliggjorte opfølgning.
"""


TARGET_INTRO = ("Figurerne viser de mål, der er opgjort i procent, og som reglen kan vurdere: "
                "den målte værdi (prik eller kryds) over for kravet, basislinjen eller landstallet "
                "(lodret streg).")


def removed_text(evaluated: pd.DataFrame, reasons: Mapping[str, str] | None = None) -> str | None:
    """A sentence naming the goals taken out of the plan during the year, with the source's
    reason where it gives one (`reasons`: goal id → Markdown-escaped text), or None."""
    removed = evaluated[evaluated["status"] == REMOVED]
    if removed.empty:
        return None
    reasons = reasons or {}
    return "Udgået i løbet af året: " + " ".join(
        f"mål {r['goal_id']} ({escape_markdown(r['title'])}) den {fmt.date(r['removed_date'])}."
        + (f" Ifølge kilden: {reasons[r['goal_id']]}" if r["goal_id"] in reasons else "")
        for _, r in removed.iterrows())


def sampled_text(evaluated: pd.DataFrame) -> str | None:
    """A sentence naming the goals whose status the administration judged from samples (the
    source's caveat: »Baseret på stikprøver er det vurderingen …«), or None."""
    own = evaluated[evaluated.apply(self_judged, axis=1).astype(bool)] if len(evaluated) else evaluated
    own = own[own["status"] != REMOVED]
    if own.empty:
        return None
    goals = [f"mål {g} ud fra {escape_markdown(src)}" for g, src in zip(own["goal_id"], own["data_source"])]
    listed = ", ".join(goals[:-1]) + f" og {goals[-1]}" if len(goals) > 1 else goals[0]
    return f"Ifølge opfølgningen har forvaltningen vurderet status for {listed}."


def status_texts(inputs: Inputs, counts: pd.DataFrame, evaluated: pd.DataFrame) -> list[str]:
    """The paragraphs beside a plan year's counts (of its `evaluated` follow-up): first the
    source's own counts and remarks, labelled as the source's, the goals judged from samples, then
    the book's check of the counts where it differs."""
    summary, explanations = inputs.summary, inputs.explanations
    plan_year, round_ = int(evaluated["plan_year"].iloc[0]), int(evaluated["round"].iloc[0])
    out = [source_counts_text(summary, plan_year, round_),
           source_view_text(explanations, plan_year, round_),
           sampled_text(evaluated),
           count_difference_text(counts, plan_year)]
    return [t for t in out if t]
