"""The render caches' entries (book.renderers.entries): kept with their checksum, a damaged one
read as none; `compact`, the JSON pandoc's input and the keys are written in."""
from __future__ import annotations

import json

from book.renderers import entries


def test_compact_is_ascii_json_without_white_space_that_reads_back_the_same():
    value = {"t": "Str", "c": "Æbler og pærer – 2025 😀", "n": [1, 2.5, None, True]}
    text = entries.compact(value)
    assert text.isascii()
    assert text == '{"t":"Str","c":"\\u00c6bler og p\\u00e6rer \\u2013 2025 \\ud83d\\ude00","n":[1,2.5,null,true]}'
    assert json.loads(text) == value
    assert entries.compact({"c": 1, "t": 2}) != entries.compact({"t": 2, "c": 1})  # the order it was built in


def test_an_entry_is_read_back_and_a_damaged_one_is_none(tmp_path):
    entries.store_entry(tmp_path, "k", {"a": "ø"})
    assert entries.load_entry(tmp_path, "k") == {"a": "ø"}
    (tmp_path / "k.json").write_bytes(b'{"a": "o"}')
    assert entries.load_entry(tmp_path, "k") is None
    assert entries.load_entry(tmp_path, "missing") is None
