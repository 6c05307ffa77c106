"""pandoc's reading of an executed notebook is reused only for the same bytes, with the figures
it extracted, and an entry that was changed is read again."""
from __future__ import annotations

from book.renderers.readcache import cached_read, read_key


def _reader(workdir, calls, ast='{"blocks": []}'):
    def read():
        calls.append(1)
        media = workdir / "media" / "kvoter"
        media.mkdir(parents=True, exist_ok=True)
        (media / "fig.svg").write_bytes(b"<svg/>")
        return ast
    return read


def test_a_reading_is_reused_with_its_figures(tmp_path):
    cache, calls = tmp_path / "cache", []
    one, two = tmp_path / "one", tmp_path / "two"
    assert cached_read(cache, lambda: "k", one, one / "media" / "kvoter", _reader(one, calls)) == '{"blocks": []}'
    assert cached_read(cache, lambda: "k", two, two / "media" / "kvoter", _reader(two, calls)) == '{"blocks": []}'
    assert len(calls) == 1 and (two / "media" / "kvoter" / "fig.svg").read_bytes() == b"<svg/>"


def test_a_changed_entry_is_read_again(tmp_path):
    cache, calls = tmp_path / "cache", []
    cached_read(cache, lambda: "k", tmp_path, tmp_path / "media" / "kvoter", _reader(tmp_path, calls))
    entry = cache / "k.json"
    entry.write_bytes(entry.read_bytes().replace(b"blocks", b"blockz"))
    out = cached_read(cache, lambda: "k", tmp_path, tmp_path / "media" / "kvoter", _reader(tmp_path, calls))
    assert out == '{"blocks": []}' and len(calls) == 2


def test_the_key_is_the_bytes_part_pandoc_and_filter(tmp_path):
    nb, lua = tmp_path / "a.ipynb", tmp_path / "f.lua"
    nb.write_bytes(b"{}")
    lua.write_bytes(b"-- filter")
    key = read_key(nb, "kvoter", "pandoc 3.9", lua)
    assert read_key(nb, "kvoter", "pandoc 3.9", lua) == key
    assert read_key(nb, "rammer", "pandoc 3.9", lua) != key
    assert read_key(nb, "kvoter", "pandoc 3.10", lua) != key
    lua.write_bytes(b"-- filter 2")
    assert read_key(nb, "kvoter", "pandoc 3.9", lua) != key
    lua.write_bytes(b"-- filter")
    nb.write_bytes(b"{ }")
    assert read_key(nb, "kvoter", "pandoc 3.9", lua) != key


def _notebook(path, text):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(text)]
    nbformat.write(nb, path)
    return path


def test_read_ahead_leaves_readings_the_render_finds(tmp_path, monkeypatch):
    from book.renderers import pandoc

    nbs = [("a", _notebook(tmp_path / "a.ipynb", "# A")), ("b", _notebook(tmp_path / "b.ipynb", "# B"))]
    pandoc.ReadAhead(nbs, tmp_path / "ahead", tmp_path / "cache").stop()  # stopped before it read all
    ahead = pandoc.ReadAhead(nbs, tmp_path / "ahead", tmp_path / "cache")
    ahead._thread.join()
    ahead.stop()
    monkeypatch.setattr(pandoc, "run_pandoc", lambda *a, **k: (_ for _ in ()).throw(AssertionError("read again")))
    asts = [pandoc.notebook_ast(nb, part, tmp_path / "render", tmp_path / "cache") for part, nb in nbs]
    assert [a["blocks"][0]["t"] for a in asts] == ["Header", "Header"]
