"""Editions: one YAML file per edition with its metadata and one section per chapter."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml

from .errors import EditionError
from .limits import MAX_EDITION_BYTES, MAX_TEXT_CHARS, long_texts, size_words
from .paths import PARAMS, display
from .safety import EDITION_ID_RULE, is_edition_id

META_KEYS = ("edition", "title", "subtitle", "date", "previous", "columns", "contact", "next_edition")
DEFAULT_CONTACT = "Norddjurs Kommune, Arbejdsmarkedsafdelingen · norddjurs.dk"
RELEASE_MONTHS = 3  # the book is published every quarter: the next edition by default three months on
SNAKE = re.compile(r"[a-z][a-z0-9_]*")


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that rejects duplicate keys (plain YAML keeps the last one silently)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}' (first on line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay ISO strings: a parameter's type is the type of its notebook default.
_UniqueKeyLoader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Edition:
    """One edition: its id (a name), metadata, file, previous edition, one section per part and the column map."""
    id: str
    title: str
    subtitle: str
    date: dt.date
    path: Path
    previous: str | None
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    columns: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    contact: str = DEFAULT_CONTACT  # who answers questions about the book (the colophon)
    next_edition: dt.date | None = None  # when the next edition is planned (default: a quarter on)

    @property
    def next_date(self) -> dt.date:
        """The planned date of the next edition: `next_edition`, else three months after `date`."""
        return self.next_edition or add_months(self.date, RELEASE_MONTHS)

    @property
    def epoch(self) -> int:
        """SOURCE_DATE_EPOCH of the edition: its date at 12:00 UTC."""
        return int(dt.datetime.combine(self.date, dt.time(12), dt.timezone.utc).timestamp())

    def section(self, chapter: str) -> Mapping[str, Any]:
        """The parameters the edition gives one part (empty when it gives none)."""
        return self.sections.get(chapter, MappingProxyType({}))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, at the month's end when that month is shorter (31/3 → 30/6)."""
    import calendar

    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    last = calendar.monthrange(year, month)[1]
    end_of_month = day.day == calendar.monthrange(day.year, day.month)[1]
    return dt.date(year, month, last if end_of_month else min(day.day, last))


def _optional_date(shown: str, data: Mapping, key: str) -> dt.date | None:
    if not data.get(key):
        return None
    try:
        return dt.date.fromisoformat(str(data[key]))
    except ValueError:
        raise EditionError(shown, f"'{key}' must be an ISO date (YYYY-MM-DD), not {data[key]!r}") from None


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, rejecting duplicate keys, with errors naming file and line."""
    shown = display(path)
    try:
        size = path.stat().st_size
        if size > MAX_EDITION_BYTES:
            raise EditionError(shown, f"is {size_words(size)}; the limit for an edition file is "
                                      f"{size_words(MAX_EDITION_BYTES)} and for one text in it "
                                      f"{MAX_TEXT_CHARS:,} characters (book/limits.py)".replace(",", "."))
        raw = path.read_bytes()
    except OSError as exc:
        raise EditionError(shown, f"cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise EditionError(shown, f"is not UTF-8 text: line {line}, character {column} (byte "
                                  f"{exc.start + 1}) holds the byte 0x{raw[exc.start]:02x}; save the "
                                  f"file as UTF-8 (in most editors: Save as, Encoding UTF-8)") from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise EditionError(shown, f"is not valid YAML{where}: {problem}") from None


def _columns(shown: str, value: Any) -> dict[str, dict[str, str]]:
    """The optional `columns:` map: input file → {the extract's header: declared column}."""
    if value is None:
        return {}
    rule = ("'columns' maps an input file to {header in the file: declared column}, e.g. "
            "columns: {data/hr/roster.xlsx: {'Antal i løntilskud': loentilskud}}")
    if not isinstance(value, dict):
        raise EditionError(shown, rule)
    out = {}
    for file, mapping in value.items():
        if not isinstance(mapping, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                    for k, v in mapping.items()):
            raise EditionError(shown, f"{rule}; the entry for {file!r} is not such a mapping")
        bad = [v for v in mapping.values() if not SNAKE.fullmatch(v)]
        if bad:
            raise EditionError(shown, f"'columns' for {file!r}: {bad[0]!r} is not a declared column "
                                      f"name (lower case a-z, 0-9 and _)")
        out[str(file)] = dict(mapping)
    return out


def load_edition(path: Path) -> Edition:
    """Read and check one edition file (required keys, ISO date, edition ids, sections, column map)."""
    data = read_yaml(path)
    shown = display(path)
    if not isinstance(data, dict):
        raise EditionError(shown, "must be a mapping with 'edition', 'title', 'date' and one section per chapter")
    for key in ("edition", "title", "date"):
        if key not in data:
            raise EditionError(shown, f"the required key '{key}' is missing")
    for place, problem in long_texts({k: v for k, v in data.items() if k != "columns"}):
        raise EditionError(shown, f"'{place}' {problem}")
    try:
        date = dt.date.fromisoformat(str(data["date"]))
    except ValueError:
        raise EditionError(shown, f"'date' must be an ISO date (YYYY-MM-DD), not {data['date']!r}") from None
    for key in ("edition", "previous"):
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            value = data[key] = str(value)
        if (key == "edition" or value) and not is_edition_id(value):
            raise EditionError(shown, f"'{key}: {value}' is not a valid edition id: {EDITION_ID_RULE}")
    sections = {}
    for key, value in data.items():
        if key in META_KEYS:
            continue
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise EditionError(shown, f"the section '{key}' must be a mapping of parameter: value")
        sections[str(key)] = MappingProxyType(dict(value))
    return Edition(
        id=str(data["edition"]),
        title=str(data["title"]),
        subtitle=str(data.get("subtitle") or ""),
        date=date,
        path=path.resolve(),
        previous=(str(data["previous"]) if data.get("previous") else None),
        sections=MappingProxyType(sections),
        columns=MappingProxyType(_columns(shown, data.get("columns"))),
        contact=str(data.get("contact") or DEFAULT_CONTACT),
        next_edition=_optional_date(shown, data, "next_edition"),
    )


def edition_files(folder: Path = PARAMS) -> list[Path]:
    """The edition files (`*.yml`) in a folder, sorted."""
    return sorted(p for p in folder.glob("*.yml") if p.is_file())


def find_edition(edition: str | None = None, params: str | Path | None = None,
                 folder: Path = PARAMS) -> Edition:
    """The edition to render: `--params FILE`, `--edition E`, or the newest in `params/`."""
    if params:
        path = Path(params)
        if not path.is_file():
            raise EditionError(str(params), "does not exist")
        return load_edition(path)
    files = edition_files(folder)
    if edition:
        if not is_edition_id(edition):
            raise EditionError(str(edition), f"is not a valid edition id: {EDITION_ID_RULE}")
        path = folder / f"{edition}.yml"
        if not path.is_file():
            known = ", ".join(p.stem for p in files) or "(none)"
            raise EditionError(display(path), f"does not exist; known editions: {known}")
        return load_edition(path)
    if not files:
        raise EditionError(display(folder), "holds no edition files (*.yml)")
    return max((load_edition(p) for p in files), key=lambda e: (e.date, e.id))


def previous_edition(current: Edition, folder: Path = PARAMS) -> Edition | None:
    """The edition before `current`: the one its `previous` key names (looked up next to it,
    then in `params/`), else the latest older one in `folder`."""
    if current.previous:
        for place in (current.path.parent, PARAMS):
            path = place / f"{current.previous}.yml"
            if path.is_file():
                return load_edition(path)
        raise EditionError(display(current.path), f"'previous: {current.previous}' names no edition file "
                                                   f"next to it or in params/")
    older = [e for e in (load_edition(p) for p in edition_files(folder))
             if (e.date, e.id) < (current.date, current.id) and e.path != current.path]
    return max(older, key=lambda e: (e.date, e.id)) if older else None
