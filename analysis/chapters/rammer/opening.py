"""The chapter's opening and the committee's own frame: the line with the period the figures
refer to (flagged when over a year older than the edition), the box "Til udvalget" and the
section on the committee's tasks, room for political choices, pool and meetings. Every text
is computed from the data; text from input files is escaped for Markdown."""
from __future__ import annotations

import re
from typing import Iterable

import pandas as pd

from ...core import committee as items
from ...core import dates, fmt
from ...core.tables import escape_markdown
from ...core.voice import reading
from . import model
from .figures import MONTHS_DA
from .inputs import Inputs

_RANGE = re.compile(r"(\d)\s*-\s*(\d)")


def dashes(text: str) -> str:
    """Ranges with an en dash, as the style asks: `2017-2022` → `2017–2022`,
    `2. halvår 2020 - 1. halvår 2021` → `2. halvår 2020 – 1. halvår 2021`."""
    return _RANGE.sub(r"\1–\2", str(text).replace(" - ", " – "))


def _shown_periods(inputs: Inputs, shown: Iterable[str]) -> pd.DataFrame:
    p = inputs.periods
    return p[p["block"].isin(list(shown))].sort_values("end", kind="stable")


def period_text(inputs: Inputs, shown: Iterable[str] | None = None) -> dates.Period:
    """The line under the chapter title: the years the figures span and each block's period (the
    build adds how old the figures are against the edition's date, and the oldest block's age);
    the blocks shown are the chapter's (`inputs.shown`) unless given."""
    p = _shown_periods(inputs, inputs.shown if shown is None else shown)
    if p.empty:
        return dates.Period("")
    first, last = p["start"].min().year, p["end"].max().year
    span = str(first) if first == last else f"{first}–{last}"
    parts = "; ".join(f"{escape_markdown(f)}: {escape_markdown(dashes(t))}"
                      for f, t in zip(p["figures"], p["period"]))
    text = f"Kapitlets tal er fra {span} ({parts})."
    oldest = p.iloc[0]
    name = oldest["figures"][:1].lower() + oldest["figures"][1:]
    return dates.Period(text, as_of=p["end"].max().date().isoformat(), oldest_what=escape_markdown(name),
                        oldest_period=escape_markdown(dashes(oldest["period"])),
                        oldest_end=oldest["end"].date().isoformat())


def _voiced(inputs: Inputs, claim: str, text: str):
    """`text` in the source's voice when the claims register has `claim`, else the book's."""
    if inputs.claims is not None and claim in inputs.claims:
        return inputs.claims.said(claim, text)
    return reading(text)


def _ask_point(r: pd.Series, inputs: Inputs | None = None) -> items.CommitteeItem:
    """An agenda item: decided (with the meeting's date) when the source prints a decision,
    else an ask with the source's recommendation; in the source's voice (claim
    `indstilling-<block>`) when the claims register has it."""
    when = fmt.date(r["meeting_date"].date())
    point = (f"*{escape_markdown(r['title'])}* ({escape_markdown(r['body'])}, {when}, punkt "
             f"{fmt.integer(r['agenda_item'])}), til {escape_markdown(r['kind'])}: "
             f"»{escape_markdown(r['recommendation'])}«")
    decided = isinstance(r["decision"], str) and bool(r["decision"])
    if decided:
        point += f" Beslutning: »{escape_markdown(r['decision'])}«"
    if isinstance(r["context"], str) and r["context"]:
        point += f" {escape_markdown(r['context'])}"
    if inputs is not None:
        point = _voiced(inputs, f"indstilling-{r['block']}", point)
    if decided:
        return items.decided(point, r["meeting_date"])
    return items.ask(point, recommendation=escape_markdown(r["recommendation"]))


def pool_sentence(inputs: Inputs) -> str:
    """The committee's pool and its application deadlines, from the introduction and the cycle."""
    pool = model.figure_row(inputs.intro_figures, "udvalgets_pulje")
    months = model.pool_deadline_months(inputs.annual_cycle)
    names = [MONTHS_DA[m - 1] for m in months]
    named = " og ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)
    return (f"I {escape_markdown(pool['period'])} havde udvalget en pulje på "
            f"{fmt.amount(pool['value'], pool['unit'], 3)}, som man kunne søge "
            f"{fmt.integer(len(months))} gange om året (frist i {named}).")


def committee_points(inputs: Inputs, shown: Iterable[str] | None = None) -> list[items.CommitteeItem]:
    """The points of the box "Til udvalget": what the agenda asks (its recommendation and the
    decision), and the committee's standing task of deciding on its pool (of the blocks shown,
    `inputs.shown` unless given)."""
    shown = set(inputs.shown if shown is None else shown)
    points = [_ask_point(r, inputs) for _, r in inputs.asks.iterrows() if r["block"] in shown]
    if "udvalget" in shown or "aarshjul" in shown:
        points.append(items.orientation(_voiced(inputs, "pulje", pool_sentence(inputs) + " Ansøgningerne til "
                                                "puljen hører til udvalgets mødesager.")))
    return points


def committee_text(inputs: Inputs) -> str:
    """The section on the committee's tasks, its room for political choices and its pool."""
    tasks = [escape_markdown(t) for t in inputs.tasks["task"]]
    listed = ", ".join(tasks[:-1]) + f" og {tasks[-1]}" if len(tasks) > 1 else "".join(tasks)
    areas = " og ".join(escape_markdown(a) for a in dict.fromkeys(inputs.tasks["area"]))
    return f"""
## Udvalgets opgaver og råderum

Ifølge introduktionen til udvalget varetager Arbejdsmarkedsudvalget opgaverne vedrørende {areas},
herunder {listed}.

Området er bundet af mange regler, men introduktionen til udvalget understreger, at der er plads
til politik: loven fastsætter ofte et minimum, og udvalget kan beslutte at gøre mere. Tabellen
nedenfor viser introduktionens {fmt.integer(len(inputs.political_room))} eksempler på udvalgets
råderum. {pool_sentence(inputs)}
"""


def political_room_display(inputs: Inputs) -> pd.DataFrame:
    """The examples of the committee's room for political choices, for the reader."""
    r = inputs.political_room
    return pd.DataFrame({"Område": r["theme"], "Lovens minimum": r["law"],
                         "Det kan udvalget bestemme": r["room"]}).reset_index(drop=True)


def _rule_text(r: pd.Series) -> str:
    rule = escape_markdown(r["rule"])
    if pd.isna(r["value"]):
        return f"- {rule}."
    return f"- {rule}: {fmt.integer(r['value'])} {escape_markdown(r['unit'])}."


def meeting_text(inputs: Inputs) -> str:
    """The rules of the committee's meetings, as a list."""
    rules = "\n".join(_rule_text(r) for _, r in inputs.meeting_rules.iterrows())
    return f"### Udvalgets møder\n\n{rules}\n"
