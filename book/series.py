"""The series file of a build: the earlier editions of the edition's series (following
`previous`), each as published – its `results.json`, `key_figures.json` and manifest date –
never re-executed. Chapters read it through the `book_series_file` parameter (its content is
part of their cache key, as every `*_file` parameter's is); see `analysis.core.series`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .cache import expand_inputs
from .chapters import is_chapter
from .editions import Edition, previous_edition
from .errors import BuildError, EditionError
from .paths import ROOT, display

EXAMPLES = ROOT / "data" / "examples"
MAX_EDITIONS = 400  # a series longer than a century of quarters is a loop in `previous`


def chain(edition: Edition) -> tuple[list[Edition], str]:
    """The editions before `edition` by `previous`, oldest first, and a note when the chain
    breaks (a `previous` that names no file, or a loop)."""
    out: list[Edition] = []
    seen = {edition.id}
    current = edition
    while current.previous and len(out) < MAX_EDITIONS:
        try:
            prev = previous_edition(current, current.path.parent)
        except BuildError:
            return out[::-1], f"udgave {current.previous} (nævnt som forrige af {current.id}) findes ikke"
        if prev is None or prev.id in seen:
            break
        seen.add(prev.id)
        out.append(prev)
        current = prev
    return out[::-1], ""


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def invented_files(parameters: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Per part, the input files that are invented example data (under data/examples/)."""
    out = {}
    for part, params in parameters.items():
        files = sorted({display(p) for paths in expand_inputs(params).values() for p in paths
                        if display(p).startswith(display(EXAMPLES) + "/")})
        if files:
            out[part] = files
    return out


def published_entry(edition: Edition, book_dir: Path) -> dict[str, Any]:
    """One earlier edition as published in `book_dir/<id>/` (or why it is not there)."""
    folder = book_dir / edition.id
    results = _read_json(folder / "results.json")
    manifest = _read_json(folder / "manifest.json") or {}
    entry: dict[str, Any] = {"id": edition.id, "date": manifest.get("date") or edition.date.isoformat(),
                             "published": isinstance(results, dict), "note": ""}
    if not entry["published"]:
        entry["note"] = (f"Den er ikke dannet endnu (python render.py --edition {edition.id}).")
        return entry
    entry["results"] = results
    entry["key_figures"] = _read_json(folder / "key_figures.json") or {}
    entry["invented_inputs"] = invented_files(manifest.get("parameters") or {})
    return entry


def series_content(edition: Edition, parameters: dict[str, dict[str, Any]], book_dir: Path) -> dict[str, Any]:
    """The content of the series file of `edition` (see `analysis.core.series`)."""
    earlier, broken = chain(edition)
    entries = [published_entry(e, book_dir) for e in earlier]
    if broken:
        entries.insert(0, {"id": edition.previous if not earlier else earlier[0].previous, "date": "",
                           "published": False, "note": broken[0].upper() + broken[1:] + "."})
    return {"edition": edition.id, "date": edition.date.isoformat(),
            "invented_inputs": invented_files(parameters), "editions": entries}


def chapter_slice(content: dict[str, Any], part: str) -> dict[str, Any]:
    """The series as one part sees it: only its own figures and invented inputs, and without
    this edition's id and date, so that a chapter whose series is unchanged stays cached."""
    def one(entry: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in entry.items() if k not in ("results", "key_figures", "invented_inputs")}
        for key in ("results", "key_figures", "invented_inputs"):
            if key in entry and part in entry[key]:
                out[key] = {part: entry[key][part]}
        return out
    return {"invented_inputs": {part: content["invented_inputs"][part]} if part in content["invented_inputs"] else {},
            "editions": [one(e) for e in content["editions"]]}


def _write(path: Path, content: dict[str, Any]) -> Path:
    path.write_text(json.dumps(content, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return path


def write_series(folder: Path, edition: Edition, parameters: dict[str, dict[str, Any]],
                 book_dir: Path) -> dict[str, Path]:
    """Write the series files into the build's harvest folder: `series.json` (the whole series,
    for the front chapter) and `series/<part>.json` (each part's own slice); returns them by part
    id (chapters only), the whole series under "*" (for the front chapter and appendices)."""
    (folder / "series").mkdir(parents=True, exist_ok=True)
    content = series_content(edition, parameters, book_dir)
    files = {"*": _write(folder / "series.json", content)}
    for part in filter(is_chapter, parameters):
        files[part] = _write(folder / "series" / f"{part}.json", chapter_slice(content, part))
    return files


def series_parameter(part_id: str, files: dict[str, Path]) -> dict[str, str]:
    """The `book_series_file` parameter of one part: its own slice, or the whole series."""
    if not files:
        return {}
    return {"book_series_file": str(files.get(part_id, files["*"]))}


def series_editions(last: Edition) -> list[Edition]:
    """`last` and every edition before it by `previous`, oldest first (for `render.py --series`);
    a `previous` that names no edition file is an error naming it."""
    earlier, broken = chain(last)
    if broken:
        raise EditionError(display(last.path), f"the series cannot be followed: {broken}")
    return earlier + [last]
