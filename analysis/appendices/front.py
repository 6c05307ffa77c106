"""The front chapter: »Til beslutning« (what the committee is asked to decide or take note of in
this edition, gathered from the chapters' boxes »Til udvalget«; decisions already taken apart,
with their dates), then per chapter one headline and at most three main points with the date
of its figures, and one line on the book's checks (the checks themselves are in the quality
appendix).

It reads what the build harvests: `front.json` ({part: {"committee": [items], "period": text}})
and `messages.json` ({part: [key messages]}). Texts from the chapters are Markdown already."""
from __future__ import annotations

from typing import Iterable, Mapping, Sequence

import pandas as pd

from report.protocol import ASK, DECIDED, ORIENTATION

from ..core import fmt
from .reconciliation import checks_sentence

MAX_POINTS = 3  # main points per chapter under its headline
# What each appendix holds, for the Forord's sentence on them (an appendix not named here is
# named by its title).
APPENDIX_CONTENT = {"parametre": "udgavens valg", "datagrundlag": "kilderne",
                    "afstemning": "bogens efterregning af kildernes tal",
                    "aendringer": "ændringerne siden sidste udgave"}


def chapters(parts: Iterable[Sequence[str]]) -> list[tuple[str, int, str]]:
    """The numbered chapters of the book as (part id, number, title), in book order."""
    ids = [(pid, title) for pid, role, title in parts if role == "chapter"]
    return [(pid, i, title) for i, (pid, title) in enumerate(ids, start=1)]


def page_ref(part_id: str, number: int) -> str:
    """A link to the chapter's box »Til udvalget«; the PDF adds its page number."""
    return f"[kapitel {number}](#{part_id}-til-udvalget){{.page-ref}}"


def _items(front: Mapping, pid: str, kind: str) -> list[dict]:
    return [i for i in front.get(pid, {}).get("committee", []) if i.get("kind") == kind]


def _ask(item: Mapping) -> str:
    text = f"- {item['text'].strip()}"
    if item.get("options"):
        text += "\n\n  Muligheder:\n\n" + "\n".join(f"  - {o.strip()}" for o in item["options"])
    if item.get("recommendation"):
        text += f"\n\n  Kildens forslag: {item['recommendation'].strip()}"
    return text


def decisions_markdown(front: Mapping, parts: Iterable[Sequence[str]]) -> str:
    """»Til beslutning«: the asks of this edition per chapter (options, the source's
    recommendation, a link to the chapter's page), what is for information, and decisions
    already taken with their dates – never in the style of an ask."""
    chs = chapters(parts)
    out = ["## Til beslutning"]
    asks = [(pid, n, t, _items(front, pid, ASK)) for pid, n, t in chs]
    asks = [a for a in asks if a[3]]
    if asks:
        out.append("Udvalget bedes i denne udgave tage stilling til:")
        for pid, n, title, items in asks:
            out.append(f"**{title}** ({page_ref(pid, n)})\n\n" + "\n".join(_ask(i) for i in items))
    else:
        out.append("Ingen af kapitlerne har en sag til beslutning i denne udgave.")
    info = [(pid, n, t, _items(front, pid, ORIENTATION)) for pid, n, t in chs]
    info = [i for i in info if i[3]]
    if info:
        lines = []
        for pid, n, title, items in info:
            more = f"; {fmt.integer(len(items))} punkter" if len(items) > 1 else ""
            lines.append(f"- *{title}* ({page_ref(pid, n)}{more}): {items[0]['text'].strip()}")
        out.append("::: {.orientation}\n**Til orientering**\n\n" + "\n".join(lines) + "\n:::")
    taken = [(pid, n, t, _items(front, pid, DECIDED)) for pid, n, t in chs]
    taken = [d for d in taken if d[3]]
    if taken:
        lines = []
        for pid, n, title, items in taken:
            dates = sorted({i["date"] for i in items})
            when = " og ".join(fmt.date(d) for d in dates)
            count = "1 sag" if len(items) == 1 else f"{fmt.integer(len(items))} sager"
            lines.append(f"- *{title}* ({page_ref(pid, n)}): {count} besluttet {when}.")
        out.append("::: {.decided}\n**Besluttet**\n\nSager fra kilderne, som allerede er afgjort; de er gengivet "
                   "i kapitlerne til orientering.\n\n" + "\n".join(lines) + "\n:::")
    return "\n\n".join(out)


def summary_markdown(messages: Mapping[str, list[str]], front: Mapping, parts: Iterable[Sequence[str]]) -> str:
    """Per chapter: its first key message as the headline, at most three further main points,
    and the date or period its figures refer to."""
    out = ["## Hovedbudskaber"]
    for pid, n, title in chapters(parts):
        msgs = [m.strip() for m in messages.get(pid, []) if m.strip()]
        if not msgs:
            continue
        text = f"### {n} {title} {{.unlisted}}"  # not a second bookmark beside the chapter's own
        period = front.get(pid, {}).get("period", "").strip()
        if period:
            text += f"\n\n::: {{.period}}\n{period}\n:::"
        text += f"\n\n::: {{.headline}}\n{msgs[0]}\n:::"
        if len(msgs) > 1:
            text += "\n\n" + "\n".join(f"- {m}" for m in msgs[1:1 + MAX_POINTS])
        out.append(text)
    if len(out) == 1:
        out.append("Kapitlerne har ingen hovedbudskaber i denne udgave.")
    return "\n\n".join(out)


def opening(edition: str, date: str) -> str:
    """The front chapter's first line: the edition, its date and what comes first."""
    return (f"Udgave {edition} af Arbejdsmarkedsudvalgets rapportbog, {fmt.date(date)}. "
            "Først det, udvalget bedes tage stilling til, derefter kapitlernes hovedbudskaber.")


def closing(parts: Iterable[Sequence[str]], checks: pd.DataFrame, findings: pd.DataFrame) -> str:
    """The front chapter's last line: what each appendix holds and, when the book checked
    figures (reconciliation.csv), one line on its checks pointing to the quality appendix."""
    line = checks_sentence(checks, findings) if len(checks) else ""
    return f"{appendices_sentence(parts)} {line}".strip()


def appendices_sentence(parts: Iterable[Sequence[str]]) -> str:
    """One sentence on what each appendix of the book holds, lettered as the renderers letter
    them (A, B, ... in book order): »Bilag A viser udgavens valg, Bilag B kilderne, ...«."""
    from ..core.tables import escape_markdown

    apps = [(pid, title) for pid, role, title in parts if role == "appendix"]
    what = [APPENDIX_CONTENT.get(pid) or f"»{escape_markdown(title)}«" for pid, title in apps]
    clauses = [f"Bilag {chr(ord('A') + i)}{' viser' if i == 0 else ''} {w}" for i, w in enumerate(what)]
    if not clauses:
        return ""
    return (clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " og " + clauses[-1]) + "."
