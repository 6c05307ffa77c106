"""Read once, record what was read: a render reads every input from the snapshot it took when it
planned the edition, so an input edited during the render changes nothing it publishes or caches,
and nothing of the build machine's paths is published."""
from __future__ import annotations

import hashlib
import json
import shutil

from conftest import FIXTURES

from book import pipeline
from book.pipeline import build


def _results(folder):
    return json.loads((folder / "results.json").read_text(encoding="utf-8"))


def test_an_input_edited_during_the_render_changes_nothing_it_publishes_or_caches(
        fixture_book, build_options, write_edition, tmp_path, monkeypatch):
    data = tmp_path / "values.csv"
    shutil.copyfile(FIXTURES / "book" / "data" / "values.csv", data)
    original = data.read_bytes()
    edition = write_edition("s1", f"alpha:\n  values_file: {data}\n")
    real = pipeline.execute_all
    stages = []

    def edit_around_execution(jobs, *args, **kwargs):
        # after planning, before the notebooks read: 1 -> 11; after they read: -> 21
        data.write_bytes(original.replace(b"a,1,", b"a,11," if not stages else b"a,21,"))
        stages.append([j.part_id for j in jobs])
        outcomes = real(jobs, *args, **kwargs)
        data.write_bytes(original.replace(b"a,1,", b"a,21,"))
        return outcomes

    monkeypatch.setattr(pipeline, "execute_all", edit_around_execution)
    first = build(edition, build_options, fixture_book)
    assert stages and "alpha" in first.executed
    assert _results(first.folder)["alpha"] == {"total_times_factor": 12}  # (1 + 2 + 3) * 2, as planned
    manifest = json.loads((first.folder / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["inputs"].values()) == [hashlib.sha256(original).hexdigest()]

    monkeypatch.setattr(pipeline, "execute_all", real)
    data.write_bytes(original)  # put the file back: the cache holds the figure of these bytes
    again = build(write_edition("s2", f"alpha:\n  values_file: {data}\n"), build_options, fixture_book)
    assert "alpha" in again.cached and _results(again.folder)["alpha"] == {"total_times_factor": 12}

    data.write_bytes(original.replace(b"a,1,", b"a,11,"))  # a real change is executed and shown
    changed = build(write_edition("s3", f"alpha:\n  values_file: {data}\n"), build_options, fixture_book)
    assert "alpha" in changed.executed and _results(changed.folder)["alpha"] == {"total_times_factor": 32}


def test_nothing_of_the_build_machine_is_published(fixture_book, build_options, write_edition, tmp_path):
    data = tmp_path / "extract.csv"
    shutil.copyfile(FIXTURES / "book" / "data" / "values.csv", data)
    result = build(write_edition("s4", f"alpha:\n  values_file: {data}\n"), build_options, fixture_book)
    sha = hashlib.sha256(data.read_bytes()).hexdigest()
    for path in sorted(result.folder.rglob("*")):
        if path.is_file() and path.suffix in (".json", ".csv", ".ipynb", ".html"):
            text = path.read_text(encoding="utf-8")
            for machine in (str(tmp_path), str(build_options.build_dir), str(FIXTURES.parent.parent)):
                assert machine not in text, (path.name, machine)
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"] == {f"external/sha256-{sha[:12]}/extract.csv": sha}
    assert manifest["parameters"]["alpha"]["values_file"] == f"external/sha256-{sha[:12]}/extract.csv"
    nb = json.loads((result.folder / "notebooks" / "alpha.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["papermill"]["input_path"] == "tests/fixtures/book/notebooks/alpha.ipynb"
    assert nb["metadata"]["papermill"]["output_path"] == "alpha.ipynb"
    afstemning = json.loads((result.folder / "notebooks" / "afstemning.ipynb").read_text(encoding="utf-8"))
    assert afstemning["metadata"]["papermill"]["parameters"]["book_reconciliation_file"] == "harvest/reconciliation.csv"


def test_the_column_map_applies_to_the_snapshot_of_an_external_file(
        fixture_book, build_options, write_edition, tmp_path):
    data = tmp_path / "hr extract.csv"
    data.write_text("Navn,Værdi,printed_total\na,1,\nb,2,\nI alt,3,3\n", encoding="utf-8")
    body = f"columns:\n  {data}:\n    Navn: name\n    Værdi: value\nalpha:\n  values_file: {data}\n"
    result = build(write_edition("s5", body), build_options, fixture_book)
    assert _results(result.folder)["alpha"] == {"total_times_factor": 12}


def test_published_parameters_name_an_outside_file_by_name_and_checksum(tmp_path):
    from book.snapshot import neutral_parameters

    data = tmp_path / "roster.csv"
    data.write_text("a\n1\n", encoding="utf-8")
    sha = hashlib.sha256(data.read_bytes()).hexdigest()
    shown = neutral_parameters({"roster_file": str(data), "x_files": [str(data), "data/raw/a.csv"],
                                "label": str(data), "other_file": "data/raw/kvoter/tabel1_quota.csv"})
    assert shown == {"roster_file": f"external/sha256-{sha[:12]}/roster.csv",
                     "x_files": [f"external/sha256-{sha[:12]}/roster.csv", "data/raw/a.csv"],
                     "label": str(data), "other_file": "data/raw/kvoter/tabel1_quota.csv"}
