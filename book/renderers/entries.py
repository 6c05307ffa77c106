"""The render caches' entries (book.renderers.readcache, htmlparts, typstparts): one JSON file per key with
its sha256 beside it (`<key>.json`, `<key>.sha256`), written atomically. An entry that is
missing, does not match its checksum or is not JSON reads as None (and is written again)."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any


def compact(value: Any) -> str:
    """`value` as compact ASCII JSON (non-ASCII as \\u escapes), the stdlib's fastest encoding:
    for pandoc's input, which reads any JSON alike, and for the caches' keys, which hash it
    (the same value built the same way gives the same text)."""
    return json.dumps(value, separators=(",", ":"), check_circular=False)


def load_entry(folder: Path, key: str) -> Any:
    """The sound entry of `key`, parsed; None when there is none."""
    try:
        data = (folder / f"{key}.json").read_bytes()
        stored = (folder / f"{key}.sha256").read_text(encoding="ascii").strip()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != stored:
        return None
    try:
        return json.loads(data)
    except ValueError:
        return None


def store_entry(folder: Path, key: str, value: Any) -> None:
    """Keep `value` under `key` (a cache that cannot be written is only slower)."""
    data = json.dumps(value, ensure_ascii=False, sort_keys=True).encode()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in ((f"{key}.json", data), (f"{key}.sha256", hashlib.sha256(data).hexdigest().encode())):
            tmp = folder / f".{name}.{os.getpid()}.tmp"
            tmp.write_bytes(content)
            tmp.replace(folder / name)
    except OSError:
        pass
