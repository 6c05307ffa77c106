"""Build errors cross process boundaries: a worker raises them, the parent reports them."""
import pickle

import pytest

from book.errors import (
    ExecutionError,
    InputCheckError,
    KernelStartError,
    NotebookTimeoutError,
    PublishError,
    RenderError,
)

ERRORS = [
    ExecutionError("notebooks/kvoter.ipynb", 3, "x = 1\ny = 2", "ValueError", "bad", "_build/failed/k.ipynb"),
    NotebookTimeoutError("notebooks/kvoter.ipynb", 60),
    KernelStartError("notebooks/beta.ipynb", "no loopback"),
    InputCheckError("kvoter", "bad file", file="data/raw/kvoter/r.csv", failures=((2, "unit", "unique", "A"),)),
    RenderError("typst", "compiling the PDF", "boom"),
    PublishError("could not publish", published=True),
]


@pytest.mark.parametrize("err", ERRORS, ids=lambda e: type(e).__name__)
def test_every_build_error_survives_pickling_with_its_facts(err):
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err) and str(back) == str(err) and back.__dict__ == err.__dict__
