"""Bilag B (Datagrundlag): every input file with its source, told as a sentence a reader
understands (document, section, table, page); file names, checksums and the transcription notes
go to the open data."""
from __future__ import annotations

import re
from typing import Any, Mapping

import pandas as pd

from ..core.tables import escape_markdown


def input_files(inputs: list[Mapping[str, Any]], registry: pd.DataFrame) -> pd.DataFrame:
    """Every input file with its provenance (document, section, table, page, notes) and checksum."""
    df = pd.DataFrame(inputs, columns=["part", "parameter", "path", "sha256", "bytes"])
    df = df[~df["path"].str.endswith("/provenance.csv")]  # the registry itself is not data
    reg = registry.set_index("path") if not registry.empty else pd.DataFrame()
    def prov(path: str, col: str) -> str:
        if reg.empty or path not in reg.index:
            return ""
        v = reg.at[path, col]
        return "" if pd.isna(v) else str(v)
    for col in ("document", "section", "table", "page", "notes"):
        df[col] = [prov(p, col) for p in df["path"]]
    return df.drop_duplicates(subset=["part", "path"]).reset_index(drop=True)


_DOCUMENT_FILE = re.compile(r"\b\d{3}_[0-9a-f]{6,}\.txt\s*(?:[:–-]\s*)?")


def document_title(document: str) -> str:
    """The source document as a reader names it (without the file name of its text copy,
    wherever in the text it stands)."""
    return _DOCUMENT_FILE.sub("", document).strip()


def source_sentence(row: Mapping[str, Any]) -> str:
    """One data file in a sentence: what was transcribed, from which section and page."""
    what = row["table"] or "tal i teksten"
    where = [f"fra afsnit »{row['section']}«"] if row["section"] else []
    page = str(row["page"]).strip()
    if page:
        where.append(("siderne " if "-" in page or " og " in page else "side ") + page)
    return ", ".join([what[0].upper() + what[1:], *where]) + "."


def source_list(files: pd.DataFrame, part: str) -> str:
    """One part's data files as Markdown for the reader: in print the source documents, in the
    HTML book per source document a bulleted sentence per file (file names, checksums and
    transcription notes are in the open data)."""
    sub = files[files["part"] == part]
    blocks, titles = [], []
    for document, group in sub.groupby(sub["document"].map(document_title), sort=False):
        title = escape_markdown(document or "Uden angivet kildedokument")
        titles.append(f"- {title}")
        items = "\n".join(f"- {escape_markdown(source_sentence(r))}" for r in group.to_dict("records"))
        blocks.append(f"**{title}**\n\n{items}")
    html = "\n\n".join(blocks)
    return ('::: {.content-visible when-format="typst"}\n' + "\n".join(titles) + "\n:::\n\n"
            f'::: {{.content-visible when-format="html"}}\n{html}\n:::\n')
