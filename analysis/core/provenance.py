"""The provenance registry: for every file in data/raw, the document, section, table, page and
transcription notes. Each chapter folder holds its own `provenance.csv`."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .errors import Failure, InputError
from .paths import RAW, ROOT, display, resolve
from .readers import read_table
from .validation import validate

COLUMNS = ["file", "document", "section", "table", "page", "notes"]

SCHEMA = pa.DataFrameSchema(
    {
        "file": pa.Column(str, unique=True),
        "document": pa.Column(str),
        "section": pa.Column(str, nullable=True),
        "table": pa.Column(str, nullable=True),
        "page": pa.Column(str, nullable=True, coerce=True),
        "notes": pa.Column(str, nullable=True),
    },
    strict=True,
)


def sha256(path: str | Path) -> str:
    """The sha256 checksum of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def registry(raw: Path | None = None) -> pd.DataFrame:
    """All provenance rows of data/raw, with the file path relative to the repo root.

    Raises InputError if a registry is malformed, names a file that does not exist, or a
    file in data/raw has no provenance row. During a build, data/raw is the build's snapshot."""
    raw = Path(raw) if raw is not None else resolve(RAW.relative_to(ROOT))
    frames = []
    for reg in sorted(raw.rglob("provenance.csv")):
        df = validate(read_table(reg, text_columns=COLUMNS), SCHEMA)
        folder = reg.parent
        missing = [Failure(int(i), "file", "file named in the registry does not exist", f)
                   for i, f in df["file"].items() if not (folder / f).is_file()]
        listed = set(df["file"])
        unlisted = [Failure(None, "file", "file in data/raw has no provenance row", p.name)
                    for p in sorted(folder.iterdir())
                    if p.is_file() and p.name != "provenance.csv" and p.name not in listed
                    and not p.name.startswith(".") and p.suffix.lower() in {".csv", ".xlsx", ".yml", ".yaml"}]
        if missing or unlisted:
            raise InputError(display(reg), missing + unlisted)
        df = df.assign(path=[display(folder / f) for f in df["file"]])
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=COLUMNS + ["path"])
    return pd.concat(frames, ignore_index=True).sort_values("path", kind="stable").reset_index(drop=True)


def lookup(path: str | Path, raw: Path | None = None) -> dict | None:
    """The provenance row of one input file, or None for files outside the registry."""
    reg = registry(raw)
    hit = reg[reg["path"] == display(resolve(path))]
    return None if hit.empty else hit.iloc[0].to_dict()
