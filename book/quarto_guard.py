"""`quarto render` in the project folder runs this first (`pre-render` in `_quarto.yml`) and stops:
the book's notebooks must be executed for an edition before Quarto can render them, which the
book's own command does (and it then runs Quarto itself, in a staging folder, when Quarto is on
PATH). Standalone on purpose: Quarto may run it with a Python that has not installed the book."""
import sys

MESSAGE = ("This book is not rendered by `quarto render` alone: run `render` (or `python render.py`) "
           "in this folder, which executes the notebooks for an edition and then runs Quarto itself; "
           "then `quarto preview _build/<edition>/render/quarto` previews that Quarto project.")


def main() -> int:
    """Say what to run, in one line, and stop Quarto (a non-zero exit)."""
    print(MESSAGE, file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
