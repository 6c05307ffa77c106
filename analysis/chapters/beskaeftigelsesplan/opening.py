"""The chapter's opening and the source's own voice, all computed from the data: the period the
figures refer to, the box "Til udvalget" (from the transcribed indstilling), the source's counts
and explanations labelled as the source's, and the abbreviations spelt out."""
from __future__ import annotations

import re
from typing import Mapping

import pandas as pd

from ...core import committee as items
from ...core import dates, fmt
from ...core.tables import escape_markdown
from ...core.voice import reading
from .inputs import Inputs
from .model import rounds_planned
from .schemas import STATUSES, missing

ORDINALS = {1: "første", 2: "anden", 3: "tredje", 4: "fjerde", 5: "femte", 6: "sjette"}
NUMBER_WORDS = {1: "én", 2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks"}
# The source's own voice, by topic, in the order the chapter tells it.
SOURCE_TOPICS = ("reason_not_reached", "budget", "economy")
# How a printed count reads in a sentence ("8 mål er nået").
COUNT_PHRASES = {"nået": "{n} mål er nået", "ikke nået": "{n} mål er ikke nået",
                 "endnu ikke nået": "{n} mål er endnu ikke nået",
                 "ikke muligt at følge op": "{n} mål kan ikke følges op",
                 "for tidligt": "for {n} mål er det endnu for tidligt at følge op"}
# The same in a subordinate clause ("andelen af mål, der ikke er nået").
SUBCLAUSES = {"nået": "er nået", "ikke nået": "ikke er nået", "endnu ikke nået": "endnu ikke er nået",
              "ikke muligt at følge op": "ikke kan følges op", "for tidligt": "det er for tidligt at følge op på"}


def round_words(round_: int, planned: int | None) -> str:
    """A follow-up round as a reader says it: "anden og sidste af to opfølgninger"."""
    if planned is None or round_ not in ORDINALS or planned not in NUMBER_WORDS:
        return f"opfølgning {fmt.integer(round_)}"
    last = " og sidste" if round_ == planned else ""
    return f"{ORDINALS[round_]}{last} af {NUMBER_WORDS[planned]} opfølgninger"


def _join(parts: list[str]) -> str:
    return (", ".join(parts[:-1]) + " og " + parts[-1]) if len(parts) > 1 else "".join(parts)


def _committee_row(committee: pd.DataFrame, year: int, round_: int):
    hit = committee[(committee["plan_year"] == year) & (committee["round"] == round_)]
    return None if hit.empty else hit.iloc[0]


def figures_date(evaluated: Mapping[int, pd.DataFrame]) -> str:
    """The date of the newest follow-up shown (ISO), the date the chapter's figures refer to."""
    return max(str(ev["followup_date"].max()) for ev in evaluated.values())


def period_text(evaluated: Mapping[int, pd.DataFrame], summary: pd.DataFrame,
                committee: pd.DataFrame) -> dates.Period:
    """Under the title: which follow-ups the figures are, when they were presented (or dated)
    (the build adds, when they are more than a year older than the edition, that they are)."""
    parts, whens = [], []
    for year, ev in evaluated.items():
        rnd = int(ev["round"].iloc[0])
        row = _committee_row(committee, year, rnd)
        whens.append(f"forelagt {escape_markdown(row['meeting_body'])} {fmt.date(row['meeting_date'])}"
                     if row is not None else f"dateret {fmt.date(str(ev['followup_date'].max()))}")
        parts.append(f"Beskæftigelsesplan {year} ({round_words(rnd, rounds_planned(summary, year))}")
    if len(set(whens)) == 1:
        text = f"Tallene er opfølgningerne på {_join([p + ')' for p in parts])}, {whens[0]}."
    else:
        text = "Tallene er opfølgningerne på " + _join([f"{p}, {w})" for p, w in zip(parts, whens)]) + "."
    return dates.Period(text, as_of=figures_date(evaluated))


def committee_points(inputs: Inputs) -> list[items.CommitteeItem]:
    """The box "Til udvalget": per follow-up shown (`inputs.shown`), what the case asked and what
    was decided, from the transcribed indstilling and beslutning (decided, with the meeting's date,
    when the source prints a decision); in the source's voice (claim `indstilling-<plan year>`)
    when the claims register has it."""
    committee, shown, claims = inputs.committee, inputs.shown, inputs.claims
    out = []
    for year, rnd in shown.items():
        row = _committee_row(committee, year, rnd)
        if row is None:
            out.append(items.orientation(reading(f"Beskæftigelsesplan {year}, opfølgning {fmt.integer(rnd)}: "
                                                 "kilden oplyser ingen indstilling.")))
            continue
        text = (f"Beskæftigelsesplan {year} (punkt {fmt.integer(row['agenda_item'])} på mødet i "
                f"{escape_markdown(row['meeting_body'])} {fmt.date(row['meeting_date'])}): "
                f"{escape_markdown(row['proposer'])} indstillede, {escape_markdown(row['ask'])}.")
        claim = f"indstilling-{year}"
        if missing(row["decision"]):
            out.append(items.ask(claims.said(claim, text) if claims and claim in claims else text))
            continue
        text += f" Beslutning: {escape_markdown(row['decision'])}."
        out.append(items.decided(claims.said(claim, text) if claims and claim in claims else text,
                                 row["meeting_date"]))
    return out


def source_counts_text(summary: pd.DataFrame, year: int, round_: int) -> str | None:
    """The counts and share the case text prints, told as the source's (None if none)."""
    s = summary[(summary["plan_year"] == year) & (summary["round"] == round_)]
    counts = s[s["measure"] == "status_count"].set_index("status")["value"]
    if counts.empty:
        return None
    parts = [COUNT_PHRASES[st].format(n=fmt.integer(counts[st])) for st in STATUSES if st in counts]
    text = f"**Kildens opgørelse.** Ifølge sagsfremstillingen for {year}: " + _join(parts) + "."
    for _, r in s[s["measure"] == "status_share"].iterrows():
        text += f" Andelen af mål, der {SUBCLAUSES[r['status']]}, er {fmt.percent(r['value'], 1)}."
    return text


def source_view_text(explanations: pd.DataFrame, year: int, round_: int) -> str | None:
    """The source's own explanation, judgement of the budgets and economic caveat for one
    follow-up, labelled as the source's (None if the source gives none)."""
    e = explanations[(explanations["plan_year"] == year) & (explanations["round"] == round_)
                     & explanations["topic"].isin(SOURCE_TOPICS)]
    if e.empty:
        return None
    e = e.assign(_o=e["topic"].map(SOURCE_TOPICS.index)).sort_values("_o", kind="stable")
    return (f"**Kildens egne bemærkninger ({year}).** "
            + " ".join(escape_markdown(t) for t in e["text"]))


def source_short(explanations: pd.DataFrame, year: int, round_: int) -> str | None:
    """The short form of the source's explanation for a key message (None if none)."""
    e = explanations[(explanations["plan_year"] == year) & (explanations["round"] == round_)
                     & explanations["short"].notna()]
    if e.empty:
        return None
    text = "; ".join(escape_markdown(t) for t in e["short"])
    return text[0].upper() + text[1:] + "."


def removal_reasons(explanations: pd.DataFrame, year: int) -> dict[str, str]:
    """Why goals were taken out of a plan year, by goal id, as the source gives it."""
    e = explanations[(explanations["plan_year"] == year) & (explanations["topic"] == "removal")]
    return {r["goal_id"]: escape_markdown(r["text"]) for _, r in e.iterrows()}


def abbreviations_text(abbreviations: pd.DataFrame, evaluated: Mapping[int, pd.DataFrame]) -> str | None:
    """The abbreviations that occur in the goals shown, spelt out once (None if none occur)."""
    shown = pd.concat(evaluated.values())
    words = " ".join(str(v) for col in ("theme", "title", "measured_text")
                     for v in shown[col].dropna())
    used = [r for _, r in abbreviations.iterrows()
            if re.search(rf"\b{re.escape(r['abbreviation'])}\b", words)]
    if not used:
        return None
    return "Forkortelser i kapitlet: " + _join(
        [f"{escape_markdown(r['abbreviation'])} = {escape_markdown(r['meaning'])}" for r in used]) + "."
