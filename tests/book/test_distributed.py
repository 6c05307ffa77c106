"""The notebooks of a build on a Dask cluster (a LocalCluster here): the same book is published
on this machine, and a failing notebook is named as in a local build."""
from __future__ import annotations

import dataclasses
import json

import pytest

from book.errors import ExecutionError
from book.pipeline import build

pytest.importorskip("distributed", reason="the optional extra dask is not installed")
pytestmark = pytest.mark.slow  # starts a LocalCluster (a few seconds) and runs the fixture book on it


def test_a_build_on_a_local_cluster_publishes_the_book_here(fixture_book, build_options, write_edition):
    opts = dataclasses.replace(build_options, scheduler="local")
    result = build(write_edition("d1"), opts, fixture_book)
    assert set(result.executed) == {"intro", "alpha", "beta", "afstemning"}
    assert result.folder == build_options.book_dir / "d1" and (result.folder / "index.html").is_file()
    assert json.loads((result.folder / "results.json").read_text()) == {"alpha": {"total_times_factor": 12},
                                                                       "beta": {"beta_ok": 1}}
    executed = json.loads((result.folder / "notebooks" / "beta.ipynb").read_text())
    assert "start_time" not in json.dumps(executed)  # normalised by the worker, as locally
    with pytest.raises(ExecutionError) as err:
        build(write_edition("d1", "beta:\n  fail: true\n"), opts, fixture_book)
    assert err.value.notebook.endswith("beta.ipynb") and "beta was told to fail" in str(err.value)
