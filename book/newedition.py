"""`render.py new <id>`: start the next edition from the newest one.

The new edition file is the newest edition's file with a new id, date (the end of the quarter)
and `previous:` – the same parameters, comments kept – and, as comments, the inputs each chapter
expects to be replaced (its quarterly extracts, and the yearly ones) according to the chapter
registry. An existing file is never overwritten.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .chapters import replaced_inputs
from .editions import Edition, load_edition
from .errors import EditionError
from .paths import BOOK, PARAMS, display
from .plan import make_plan
from .project import BookSpec, load_book
from .safety import EDITION_ID_RULE, is_edition_id

QUARTER = re.compile(r"(\d{4})-Q([1-4])")
LOOKS_LIKE_QUARTER = re.compile(r"\d{2,4}[-_ ]?[Qq]\d+|\d{4}-?[Qq]")
META_LINE = re.compile(r"^(edition|date|previous)\s*:")
SECTION_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
PARAM_LINE = re.compile(r"^(\s+)([A-Za-z_]\w*)\s*:")


def quarter_end(edition_id: str) -> dt.date | None:
    """The last day of the quarter an id like `2025-Q2` names; None for other names."""
    m = QUARTER.fullmatch(edition_id)
    if not m:
        return None
    year, q = int(m.group(1)), int(m.group(2))
    first_of_next = dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def new_edition_date(edition_id: str, date: str | None = None) -> dt.date:
    """The date of a new edition: the end of the quarter for `YYYY-Qn`, else `date` (required
    for any other name). Refuses ids that are neither a quarter nor a valid name."""
    if not is_edition_id(edition_id):
        raise EditionError(repr(edition_id), f"is not a valid edition id: {EDITION_ID_RULE}")
    end = quarter_end(edition_id)
    if end is None and LOOKS_LIKE_QUARTER.fullmatch(edition_id):
        raise EditionError(repr(edition_id), "is not a quarter: write the year, '-Q' and 1-4, e.g. 2025-Q2")
    if date is not None:
        try:
            return dt.date.fromisoformat(date)
        except ValueError:
            raise EditionError(repr(date), "--date must be an ISO date (YYYY-MM-DD)") from None
    if end is None:
        raise EditionError(repr(edition_id), "is not a quarter (YYYY-Qn), so give its date with --date YYYY-MM-DD")
    return end


@dataclass(frozen=True)
class NewEdition:
    """A new edition file: where it is, the edition it follows, and the inputs to replace."""
    path: Path
    base: Edition
    replace: tuple[tuple[str, str, str, str, str], ...]  # part, parameter, how often, current file, what


def _to_replace(base: Edition, book: BookSpec) -> list[tuple[str, str, str, str, str]]:
    plan = make_plan(base, book)
    return [(p.id, name, kind, str(p.parameters.get(name) or ""), what)
            for p in plan.parts for name, (kind, what) in replaced_inputs(p.id, p.parameters).items()]


def _header(new_id: str, base: Edition, replace) -> list[str]:
    lines = [f"# Edition {new_id} of the report book, started with `python render.py new {new_id}` from",
             f"# edition {base.id} ({display(base.path)}): the same parameters. Replace the extracts",
             "# marked REPLACE below with the new files (and add them to their folder's provenance.csv),",
             "# then run `python render.py check`."]
    for kind, title in (("quarterly", "this quarter"), ("yearly", "when a new year's tables arrive")):
        rows = [r for r in replace if r[2] == kind]
        if rows:
            lines.append(f"# Inputs to replace {title}:")
            lines += [f"#   {part}.{name} (now {current}): {what}" for part, name, _, current, what in rows]
    return lines


def new_edition_text(new_id: str, date: dt.date, base: Edition, replace) -> str:
    """The new edition file: the base file with new metadata and comments on what to replace."""
    marks = {(part, name): (kind, what) for part, name, kind, _, what in replace}
    body = base.path.read_text(encoding="utf-8").splitlines()
    while body and (body[0].startswith("#") or not body[0].strip()):
        body.pop(0)  # the base edition's own header comment
    out = _header(new_id, base, replace) + [f"edition: {new_id}"]
    section = None
    for line in body:
        if META_LINE.match(line):
            if line.startswith("date"):
                out += [f"date: {date.isoformat()}", f"previous: {base.id}"]
            continue
        if SECTION_LINE.match(line):
            section = SECTION_LINE.match(line).group(1)
        m = PARAM_LINE.match(line)
        if m and (section, m.group(2)) in marks:
            kind, what = marks[(section, m.group(2))]
            when = "this quarter" if kind == "quarterly" else "when a new year's tables arrive"
            out.append(f"{m.group(1)}# REPLACE {when}: {what}")
        out.append(line)
    return "\n".join(out) + "\n"


def start_edition(new_id: str, base: Edition, folder: Path | None = None, date: str | None = None,
                  book: BookSpec | None = None) -> NewEdition:
    """Write `<folder>/<new_id>.yml` (default `params/`) from `base`, never overwriting; returns
    what was written."""
    folder = folder or PARAMS
    when = new_edition_date(new_id, date)
    path = folder / f"{new_id}.yml"
    if path.exists():
        raise EditionError(display(path), "already exists; `new` never overwrites an edition file")
    if when <= base.date:
        raise EditionError(repr(new_id), f"its date {when.isoformat()} is not after the date of edition "
                                         f"{base.id} ({base.date.isoformat()}), which it would follow")
    replace = _to_replace(base, book or load_book())
    text = new_edition_text(new_id, when, base, replace)
    try:
        with path.open("x", encoding="utf-8") as f:
            f.write(text)
    except FileExistsError:
        raise EditionError(display(path), "already exists; `new` never overwrites an edition file") from None
    try:
        load_edition(path)
    except EditionError:
        path.unlink()
        raise
    return NewEdition(path, base, tuple(replace))


def describe(new: NewEdition) -> str:
    """What `render.py new` prints: the file written and the inputs to replace."""
    lines = [f"Wrote {display(new.path)}: edition after {new.base.id}, the same parameters."]
    for kind, title in (("quarterly", "Replace this quarter"), ("yearly", "Replace when a new year's tables arrive")):
        rows = [r for r in new.replace if r[2] == kind]
        if rows:
            lines.append(f"{title}:")
            lines += [f"  {part}.{name} (now {current}): {what}" for part, name, _, current, what in rows]
    if not (BOOK / new.base.id / "results.json").is_file():
        lines.append(f"Edition {new.base.id} is not published in {display(BOOK)}/ yet: render both with "
                     f"`python render.py --series {new.path.stem}` so the new edition can show what changed.")
    lines.append("Then: python render.py check, and python render.py.")
    return "\n".join(lines) + "\n"
