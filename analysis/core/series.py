"""The series of editions: what changed since the previous edition, and a key figure across
every published edition of the series. Pure functions on the series file the build writes
(the previous editions' published `results.json` and `key_figures.json`, never re-executed)
and on the chapter's own key figures of this edition.

The series file (JSON): `{"edition": id, "date": iso, "invented_inputs": {chapter: [paths]},
"editions": [{"id", "date", "published", "note", "results": {chapter: {name: number}},
"key_figures": {chapter: {name: {value, unit, label, population, source, as_of, definition}}},
"invented_inputs": {...}}]}` with the earlier editions oldest first (this edition not included).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

from . import fmt
from .keyfigures import POPULATION_LABELS, SOURCE, KeyFigure, base_name


@dataclass(frozen=True)
class EditionFigures:
    """One earlier edition of the series as published: its key figures with their metadata."""
    id: str
    date: str
    published: bool
    figures: Mapping[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict)
    note: str = ""
    invented_inputs: Mapping[str, list] = field(default_factory=dict)

    def chapter(self, chapter: str) -> dict[str, dict[str, Any]]:
        """This edition's key figures of one chapter: name → {value, label, unit, ...}."""
        return {k: dict(v) for k, v in self.figures.get(chapter, {}).items()}


@dataclass(frozen=True)
class Series:
    """This edition's id and date, and the earlier editions of its series, oldest first."""
    edition: str
    date: str
    earlier: tuple[EditionFigures, ...] = ()
    invented_inputs: Mapping[str, list] = field(default_factory=dict)

    @property
    def previous(self) -> EditionFigures | None:
        """The edition just before this one (None when the edition names no previous)."""
        return self.earlier[-1] if self.earlier else None


def _figures(entry: Mapping[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """Key figures with metadata; an edition without `key_figures.json` gets bare values."""
    meta = entry.get("key_figures") or {}
    out = {}
    for chapter, values in (entry.get("results") or {}).items():
        out[chapter] = {name: {"value": v, **(meta.get(chapter, {}).get(name) or {})}
                        for name, v in values.items()}
    return out


def parse_series(data: Mapping[str, Any]) -> Series:
    """A Series from the series file's content (see the module docstring)."""
    earlier = tuple(EditionFigures(str(e["id"]), str(e.get("date") or ""), bool(e.get("published")),
                                   _figures(e), str(e.get("note") or ""), e.get("invented_inputs") or {})
                    for e in data.get("editions", []))
    return Series(str(data.get("edition", "")), str(data.get("date", "")), earlier,
                  data.get("invented_inputs") or {})


def read_series(path: str | Path | None) -> Series | None:
    """The series file the build wrote (None when the notebook runs outside the build)."""
    if not path:
        return None
    return parse_series(json.loads(Path(path).read_text(encoding="utf-8")))


def current_figures(figures: Iterable[KeyFigure]) -> dict[str, dict[str, Any]]:
    """This edition's key figures of a chapter in the shape of an earlier edition's."""
    return {f.name: {"value": f.value, **f.meta()} for f in figures}


def decimals_of(unit: str | None, *values) -> int:
    """The printed precision of a key figure: whole numbers 0, amounts in mio. kr. 3, else 1."""
    nums = [v for v in values if isinstance(v, (int, float)) and not math.isnan(v)]
    if all(float(v).is_integer() for v in nums):
        return 0
    return 3 if unit and "mio" in unit else 1


def show_value(value, unit: str | None, decimals: int, sign: bool = False) -> str:
    """A key figure as printed in the book: Danish number at its precision, with its unit; a
    signed change of a percentage is in percentage points."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = fmt.number(value, decimals, sign=sign)
    if unit == "%":
        return f"{text} procentpoint" if sign else f"{text} %"
    return f"{text} {unit}" if unit in ("mio. kr.",) else text


def _definition(meta: Mapping[str, Any]) -> tuple:
    return (meta.get("definition"), meta.get("unit"), meta.get("population"))


def _definition_note(chapter: str, then: Mapping, now: Mapping, old_name: str, new_name: str) -> str:
    pop_then, pop_now = then.get("population"), now.get("population")
    if pop_then != pop_now and pop_then and pop_now:
        return (f"Ikke sammenlignelige: før {POPULATION_LABELS.get(pop_then, pop_then)}, nu "
                f"{POPULATION_LABELS.get(pop_now, pop_now)}")
    if then.get("unit") != now.get("unit"):
        return f"Ikke sammenlignelige: enheden er ændret fra {then.get('unit')} til {now.get('unit')}"
    return "Ikke sammenlignelige: tallets definition er ændret"


def _row(label, unit, then, now, change, note, name, material, old=None, headline=False):
    return {"name": name, "label": label, "unit": unit, "then": then, "now": now, "change": change,
            "note": note, "material": material, "old": old, "headline": bool(headline)}


def _pair_key(chapter: str, name: str, meta: Mapping[str, Any]) -> tuple[str, bool]:
    """Figures of two editions pair on their name without population prefix, a source baseline
    only with a source baseline (the edition's roster pairs with the earlier synthetic one)."""
    return base_name(chapter, name), meta.get("population") == SOURCE


def _pair_rows(chapter: str, before: dict, after: dict) -> list[dict]:
    """Rows for figures present both times (same name or, across a population change, same base)."""
    rows, bases = [], {}
    for name, meta in before.items():
        bases.setdefault(_pair_key(chapter, name, meta), name)
    for name, now in after.items():
        old = name if name in before else bases.get(_pair_key(chapter, name, now))
        if old is None:
            continue
        then = before[old]
        label, unit = now.get("label") or name, now.get("unit")
        if old != name or _definition(then) != _definition(now) and then.get("definition"):
            note = _definition_note(chapter, then, now, old, name)
            rows.append(_row(label, unit, then["value"], now["value"], None, note, name, True, old,
                             now.get("headline")))
            continue
        d = decimals_of(unit, then["value"], now["value"])
        moved = round(float(now["value"]), d) != round(float(then["value"]), d)
        rows.append(_row(label, unit, then["value"], now["value"],
                         float(now["value"]) - float(then["value"]), "", name, moved, old, now.get("headline")))
    return rows


def change_table(chapter: str, previous: EditionFigures | None,
                 current: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """Then, now and change of every key figure of the chapter: a note instead of a change where
    the definition (or population, or unit) changed; figures new or gone are noted. `material`
    is True where the figure changed at its printed precision. Empty when there is no previous."""
    cols = ["name", "label", "unit", "then", "now", "change", "note", "material", "old", "headline"]
    if previous is None or not previous.published:
        return pd.DataFrame(columns=cols)
    before, after = previous.chapter(chapter), {k: dict(v) for k, v in current.items()}
    rows = _pair_rows(chapter, before, after)
    paired_now, paired_then = {r["name"] for r in rows}, {r["old"] for r in rows}
    rows += [_row(m.get("label") or n, m.get("unit"), None, m["value"], None,
                  f"Ny i denne udgave (findes ikke i {previous.id})", n, True)
             for n, m in after.items() if n not in paired_now]
    rows += [_row(m.get("label") or n, m.get("unit"), m["value"], None, None,
                  "Indgår ikke i denne udgave", n, True)
             for n, m in before.items() if n not in paired_then]
    return pd.DataFrame(rows, columns=cols)


def change_sentence(row: Mapping[str, Any], previous_id: str, since: bool = True) -> str:
    """One plain-Danish sentence about one material change (`since`: ending with the edition)."""
    label, unit = row["label"], row["unit"]
    if row["note"]:
        return f"{label}: {row['note'][0].lower()}{row['note'][1:]}."
    d = decimals_of(unit, row["then"], row["now"])
    verb = "steget" if row["change"] > 0 else "faldet"
    return (f"{label} er {verb} fra {show_value(row['then'], unit, d)} til {show_value(row['now'], unit, d)} "
            f"({show_value(row['change'], unit, d, sign=True)})" + (f" siden udgave {previous_id}." if since else "."))


def _weight(r) -> float:
    """How much a figure moved, relative to where it was (notes last)."""
    if r["change"] is None or pd.isna(r["change"]):
        return -1.0
    return abs(float(r["change"])) / max(abs(float(r["then"])), 1e-9)


def ordered_changes(table: pd.DataFrame) -> list[dict]:
    """The material rows: real changes first (the chapter's headline figures first, then the
    largest relative change), then the notes."""
    return sorted(table[table["material"]].to_dict("records"),
                  key=lambda r: (_weight(r) >= 0, bool(r.get("headline")), _weight(r)), reverse=True)


def _grouped_note(rows: list[dict], previous_id: str) -> str:
    note = rows[0]["note"]
    if note.startswith("Ikke sammenlignelige: "):
        return (f"{fmt.integer(len(rows))} nøgletal kan ikke sammenlignes med udgave {previous_id}: "
                f"{note.removeprefix('Ikke sammenlignelige: ')}.")
    if note.startswith("Ny i denne udgave"):
        return f"{fmt.integer(len(rows))} nøgletal er nye i denne udgave (de findes ikke i udgave {previous_id})."
    return f"{fmt.integer(len(rows))} nøgletal fra udgave {previous_id} indgår ikke i denne udgave."


def change_sentences(table: pd.DataFrame, previous_id: str, limit: int = 5) -> list[str]:
    """Sentences for the material changes: one per changed figure, the largest relative changes
    first, at most `limit` (then one counting the rest), and one per kind of note (figures not
    comparable for the same reason, new figures, figures gone)."""
    rows = ordered_changes(table)
    changed = [r for r in rows if not r["note"]]
    out = [change_sentence(r, previous_id, since=False) for r in changed[:limit]]
    if len(changed) > limit:
        out.append(f"{fmt.integer(len(changed) - limit)} andre nøgletal har også ændret sig; se tabellen.")
    notes: dict[str, list[dict]] = {}
    for r in rows:
        if r["note"]:
            notes.setdefault(r["note"].split(" (")[0], []).append(r)
    for group in notes.values():
        out.append(change_sentence(group[0], previous_id) if len(group) == 1 else _grouped_note(group, previous_id))
    return out


def shown_table(table: pd.DataFrame, previous_id: str, edition_id: str, notes: int = 6,
                changes: int = 12) -> pd.DataFrame:
    """The material rows as the book shows them: label, then, now, change, note (Danish text);
    at most `changes` changed figures (headline and largest first) and `notes` rows with a note
    (not comparable, new, gone)."""
    rows = []
    ordered = ordered_changes(table)
    noted = [r for r in ordered if r["note"]]
    for r in [r for r in ordered if not r["note"]][:changes] + noted[:notes]:
        d = decimals_of(r["unit"], r["then"], r["now"])
        change = "" if r["change"] is None or pd.isna(r["change"]) else show_value(r["change"], r["unit"], d, True)
        rows.append({"Nøgletal": r["label"], previous_id: show_value(r["then"], r["unit"], d),
                     edition_id: show_value(r["now"], r["unit"], d), "Ændring": change,
                     "Bemærkning": r["note"]})
    out = pd.DataFrame(rows, columns=["Nøgletal", previous_id, edition_id, "Ændring", "Bemærkning"])
    return out if (out["Bemærkning"] != "").any() else out.drop(columns="Bemærkning")
