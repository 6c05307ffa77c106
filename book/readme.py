"""The README's facts that come from code, generated so they cannot drift: the table of the
columns every input must have, from the chapters' schemas and the newest edition's files.
`python -m book.readme` rewrites the table between its markers in README.md;
tests/test_readme.py fails when the README's table differs from the generated one."""
from __future__ import annotations

import sys

from .chapters import input_columns
from .editions import find_edition
from .paths import ROOT
from .project import load_book

START = "<!-- input-columns: generated from the chapters' schemas by `python -m book.readme` -->"
END = "<!-- /input-columns -->"


def input_columns_table() -> str:
    """The Markdown table: chapter, parameter, its file in the newest edition, its columns."""
    edition = find_edition()
    lines = [f"| chapter | parameter | file in {edition.id} | columns (in this spelling, any case, æ/ø/å allowed) |",
             "|---|---|---|---|"]
    for part in load_book().parts:
        params = {**edition.section(part.id)}
        for param, columns in input_columns(part.id).items():
            shown = ", ".join(f"`{name}`" + ("" if required else " (optional)") for name, required in columns)
            file = params.get(param)
            lines.append(f"| {part.id} | `{param}` | {f'`{file}`' if file else '(default)'} | {shown} |")
    return "\n".join(lines)


def with_table(readme: str) -> str:
    """The README text with the generated table between its markers."""
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{input_columns_table()}\n{END}{tail}"


def main() -> int:
    """Rewrite README.md's generated table; exit 1 when it changed (so CI can tell)."""
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = with_table(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
        print("README.md: the input-columns table was regenerated", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
