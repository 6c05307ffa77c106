"""The appendix »Ændringer siden sidste udgave« and the front chapter's summary of what changed.

The appendix shows the dict `render.py diff` prints (book.diff.diff_data, written by the build
as the `book_changes_file`): parameters, input files (checksum, rows and columns changed) and key
figures. The front chapter's summary reads the series (`book_series_file`) and this edition's
key figures (`book_key_figures_file`) and says in three to five lines what moved per chapter.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

from ..core import fmt
from ..core.keyfigures import SYNTHETIC
from ..core.series import change_sentence, change_sentences, change_table, ordered_changes, parse_series, show_value
from ..core.tables import escape_markdown


def read(path: str | Path | None) -> dict[str, Any] | None:
    """The changes file the build wrote (None outside the build or without a previous edition)."""
    if not path or not Path(path).is_file():
        return None
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return data if data.get("a") else None


def intro(data: Mapping[str, Any] | None) -> str:
    """The appendix's opening: what it compares, or that there is no previous edition."""
    if data is None:
        return "Udgaven har ingen tidligere udgave at sammenligne med, så der er ingen ændringer at vise."
    a, b = data["a"], data["b"]
    return (f"Bilaget viser, hvad der er ændret fra udgave {escape_markdown(a['edition'])} til denne udgave "
            f"({escape_markdown(b['edition'])}): parametre, inddata og nøgletal.")


def _count(n: int, one: str, many: str) -> str:
    return f"{fmt.integer(n)} {one if n == 1 else many}"


def inputs_summary(data: Mapping[str, Any], titles: Mapping[str, str] | None = None) -> str:
    """The changed parameters and input files in one sentence, for print (the HTML book lists
    them with their values, files and checksums); "" when none changed."""
    params, files = data["parameters"], data["inputs"]
    if not params and not files:
        return ""
    parts = list(dict.fromkeys([p["part"] for p in params] + [r["part"] for r in files]))
    names = ", ".join(escape_markdown((titles or {}).get(p, p)) for p in parts)
    return (f"Siden udgave {escape_markdown(data['a']['edition'])} er {_count(len(params), 'parameter', 'parametre')} "
            f"og {_count(len(files), 'datafil', 'datafiler')} ændret ({names}). Net-udgaven af bogen viser "
            "hver af dem med værdien før og nu og datafilernes kontrolsummer.")


def _value(v) -> str:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return "–" if v is None else str(v)


def parameters_table(data: Mapping[str, Any]) -> pd.DataFrame:
    """One row per changed parameter: part, parameter, before, now."""
    return pd.DataFrame([{"Del": p["part"], "Parameter": p["key"], "Før": _value(p["before"]),
                          "Nu": _value(p["after"])} for p in data["parameters"]],
                        columns=["Del", "Parameter", "Før", "Nu"])


def _rows_text(r: Mapping[str, Any]) -> str:
    if "rows_added" not in r:
        return r.get("note", "") and "kan ikke sammenlignes som tabel"
    text = (f"{fmt.integer(r['rows_added'])} tilføjet, {fmt.integer(r['rows_removed'])} fjernet, "
            f"{fmt.integer(r['rows_changed'])} ændret")
    cols = [f"+{c}" for c in r["columns_added"]] + [f"−{c}" for c in r["columns_removed"]]
    return text + (f"; kolonner: {', '.join(cols)}" if cols else "")


def inputs_markdown(data: Mapping[str, Any]) -> str:
    """One bullet per changed input file (long paths wrap in a list, not in a table column):
    the parameter, the file before and now, the checksums, rows and columns changed."""
    items = []
    for r in data["inputs"]:
        files = (escape_markdown(r["after"] or "–") if r["before"] == r["after"] else
                 f"{escape_markdown(r['before'] or '–')} → {escape_markdown(r['after'] or '–')}")
        sha = f"{str(r['sha256_before'] or '–')[:12]} → {str(r['sha256_after'] or '–')[:12]}"
        items.append(f"- **{escape_markdown(r['part'])}.{escape_markdown(r['parameter'])}**: {files}; "
                     f"kontrolsum (sha256) {sha}; rækker: {escape_markdown(_rows_text(r) or '–')}.")
    return "\n".join(items)


def inputs_table(data: Mapping[str, Any]) -> pd.DataFrame:
    """One row per changed input file: parameter, file before and now, checksum, rows and columns."""
    rows = []
    for r in data["inputs"]:
        sha = f"{str(r['sha256_before'] or '–')[:8]} → {str(r['sha256_after'] or '–')[:8]}"
        rows.append({"Del": r["part"], "Parameter": r["parameter"], "Fil før": r["before"] or "–",
                     "Fil nu": r["after"] or "–", "Kontrolsum": sha, "Rækker": _rows_text(r)})
    return pd.DataFrame(rows, columns=INPUT_COLUMNS)


INPUT_COLUMNS = ["Del", "Parameter", "Fil før", "Fil nu", "Kontrolsum", "Rækker"]
INPUT_WIDTHS = {"Del": 14, "Parameter": 14, "Fil før": 20, "Fil nu": 20, "Kontrolsum": 12, "Rækker": 20}


def figures_table(data: Mapping[str, Any]) -> pd.DataFrame:
    """One row per key figure that changed at its printed precision."""
    rows = []
    for c in data["key_figures"]["changes"]:
        d = c["decimals"]
        rows.append({"Kapitel": c["chapter"], "Nøgletal": c["label"] or c["name"],
                     "Før": show_value(c["before"], c["unit"], d), "Nu": show_value(c["after"], c["unit"], d),
                     "Ændring": "" if c["change"] is None else show_value(c["change"], c["unit"], d, sign=True)})
    return pd.DataFrame(rows, columns=["Kapitel", "Nøgletal", "Før", "Nu", "Ændring"])


def figures_note(data: Mapping[str, Any]) -> str:
    """Why key figures are not compared, when they are not."""
    kf = data["key_figures"]
    if kf["compared"]:
        return "" if kf["changes"] else "Ingen nøgletal har ændret sig (ved den præcision, de vises med)."
    return f"Nøgletallene kan ikke sammenlignes: udgave {', '.join(kf['missing'])} er ikke dannet endnu."


def _example(table: pd.DataFrame, current: Mapping[str, Any], previous_id: str) -> str:
    """The change a chapter's line in the front chapter tells: a headline figure's where one
    moved, else the largest relative change, else the first note; never a synthetic figure."""
    rows = [r for r in ordered_changes(table) if current.get(r["name"], {}).get("population") != SYNTHETIC]
    changed = [r for r in rows if not r["note"]]
    heads = [r for r in changed if current.get(r["name"], {}).get("headline")]
    if heads or changed:
        return change_sentence((heads or changed)[0], previous_id)
    told = table[table["name"].isin([r["name"] for r in rows])]
    sentences = change_sentences(told, previous_id)
    return sentences[0] if sentences else ""


def front_summary(series_data: Mapping[str, Any] | None, current: Mapping[str, Any] | None,
                  parts: Iterable) -> str:
    """The front chapter's »Siden sidste udgave«: at most five lines, one per chapter with changes
    (the largest change in words), then the unchanged chapters; empty without a previous edition.
    `series_data` is the series file's content, `current` this edition's key_figures.json.
    Figures from synthetic example data are counted, never told; a chapter that reads invented
    example data in this edition says so on its line."""
    if not series_data:
        return ""
    series = parse_series(series_data)
    prev = series.previous
    if prev is None:
        return ""
    head = "## Siden sidste udgave\n\n"
    if not prev.published:
        return head + (f"Den forrige udgave ({escape_markdown(prev.id)}) er ikke offentliggjort, så "
                       "ændringerne kan ikke vises.")
    current = current or {}
    lines, same = [], []
    for pid, role, title in parts:
        if role != "chapter" or pid not in current:
            continue
        t = change_table(pid, prev, current[pid])
        moved = t[t["material"]]
        if moved.empty:
            same.append(title)
            continue
        invented = " (opdigtede eksempeltal)" if series.invented_inputs.get(pid) else ""
        line = f"**{escape_markdown(title)}{invented}:** {fmt.integer(len(moved))} nøgletal har ændret sig"
        said = _example(t, current[pid], prev.id)
        if said:
            line += "; fx " + escape_markdown(said[0].lower() + said[1:])
        lines.append(line if line.endswith(".") else line + ".")
    lines = lines[:4]
    if same:
        lines.append(f"Uændret siden udgave {escape_markdown(prev.id)}: {escape_markdown(', '.join(same))}.")
    return head + f"Sammenlignet med udgave {escape_markdown(prev.id)} ({fmt.date(prev.date)}):\n\n" + "\n".join(
        f"- {x}" for x in lines)
