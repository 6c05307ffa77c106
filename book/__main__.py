"""`python -m book`: the book's command line (the same as the `render` console script)."""
from book.cli import main

if __name__ == "__main__":
    raise SystemExit(main(prog="python -m book"))
