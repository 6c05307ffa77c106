"""`quarto render` and `quarto preview` in the project folder run this first (`pre-render` in
`_quarto.yml`). The folder project itself renders no file (`render: ["!*"]`: the committed
notebooks have no outputs); this script renders the book instead: the newest edition that
`python render.py` executed and published (`_book/<edition>/notebooks/`), with Quarto, into the
project's output directory `_book/quarto/` (book/quarto_folder.py). When nothing is published
yet, or the book's Python packages are not installed for the Python Quarto runs this with, it says
what to do in one line and stops Quarto (a non-zero exit; Quarto then prints no stack trace).
Standard library only until it knows there is something to render."""
import sys
from pathlib import Path

CODE = Path(__file__).resolve().parent.parent  # the book's Python packages
NOTHING = ("Nothing for `quarto render` to render here: no edition is published in _book/ yet; run "
           "`python render.py` first (it executes the notebooks of an edition and publishes them), then "
           "`quarto render` or `quarto preview` again.")
NO_PACKAGES = ("`quarto render` here needs the book's Python packages ({missing} is missing for {python}): "
               "run it in the environment where `pip install -e .` ran, or set QUARTO_PYTHON to that Python.")


def main() -> int:
    """Render the newest published edition with Quarto; or say in one line what to run first."""
    # Quarto runs this in the project folder; run by hand elsewhere, the folder it belongs to
    root = Path.cwd() if (Path.cwd() / "_quarto.yml").is_file() else CODE
    if not any((root / "_book").glob("*/notebooks/*.ipynb")):
        print(NOTHING, file=sys.stderr)
        return 1
    sys.path.insert(0, str(CODE))
    try:
        from book.errors import BuildError
        from book.quarto_folder import render_folder
    except ImportError as exc:
        print(NO_PACKAGES.format(missing=exc.name or exc, python=sys.executable), file=sys.stderr)
        return 1
    try:
        render_folder(root)
    except BuildError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
