"""What a workbook holds beyond what a reader returns: formula cells saved without their value.

A workbook written by a program (not by Excel) may hold formulas whose results were never
calculated and stored; a reader then sees an empty cell. Such a cell is refused with its row,
column and formula, instead of a schema's »a value is required«."""
from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CELL = re.compile(r"([A-Z]+)(\d+)")


def column_index(letters: str) -> int:
    """The 0-based index of a column's letters (A → 0, Z → 25, AA → 26)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1


def first_sheet(book: zipfile.ZipFile) -> str:
    """The archive path of the workbook's first sheet."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    sheet = workbook.find(f"{MAIN}sheets/{MAIN}sheet")
    rid = sheet.get(f"{REL}id") if sheet is not None else None
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{PKG_REL}Relationship"):
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    return "xl/worksheets/sheet1.xml"


def formulas_without_values(path: Path) -> list[tuple[int, int, str]]:
    """(row, 0-based column, formula) of every formula cell of the first sheet that has no
    stored value; empty when the workbook cannot be inspected (the reader reports that)."""
    out = []
    try:
        with zipfile.ZipFile(path) as book:
            with book.open(first_sheet(book)) as sheet:
                for _, el in ElementTree.iterparse(sheet):
                    if el.tag != f"{MAIN}c":
                        continue
                    formula, value = el.find(f"{MAIN}f"), el.find(f"{MAIN}v")
                    inline = el.find(f"{MAIN}is")
                    m = CELL.fullmatch(el.get("r", ""))
                    if formula is not None and m and (value is None or not (value.text or "").strip()) \
                            and inline is None:
                        out.append((int(m.group(2)), column_index(m.group(1)), "=" + (formula.text or "…")))
                    el.clear()
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return []
    return out
