"""Typst compiles the PDF in a process of its own.

The `typst` bindings run their work on a Rust (rayon) thread pool that lives as long as the
process. The render stage is forked from the build (book.processes.run_stage), and a forked
process inherits that pool's state but not its threads: where the build's process had used
`typst` before (a test, a notebook, a script calling the build twice), `typst.compile` in the
stage waited forever for threads that are not there. A fresh interpreter has a pool of its own.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..errors import RenderError

_COMPILE = """\
import json, sys
import typst
args = json.loads(sys.argv[1])
try:
    typst.compile(args.pop("input"), **args)
except Exception as exc:  # TypstError carries the compiler's diagnostics
    sys.stderr.write(str(exc))
    sys.exit(1)
"""


def compile_pdf(typ: Path, pdf: Path, root: Path, font_paths: list[Path], pdf_standards: list[str],
                timestamp: int) -> None:
    """Compile the Typst source `typ` to `pdf` in a fresh Python process (see the module's
    docstring); a RenderError with the compiler's diagnostics when it fails."""
    args = {"input": str(typ), "output": str(pdf), "root": str(root),
            "font_paths": [str(p) for p in font_paths], "pdf_standards": pdf_standards,
            "timestamp": timestamp}
    proc = subprocess.run([sys.executable, "-c", _COMPILE, json.dumps(args)], capture_output=True,
                          text=True, cwd=root)
    if proc.returncode != 0:
        raise RenderError("typst", "compiling the PDF (PDF/UA-1)", proc.stderr or proc.stdout)
