"""The publish key: what a published edition is made from (the executed notebooks, the
edition's metadata, the renderer and its files, the package versions, the commit). A build whose
key equals the published edition's leaves that edition as it is."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .editions import Edition
from .publish import git_commit, package_versions

RENDERER_FILES = Path(__file__).resolve().parent  # renderers/, templates/, filters/ (and the rest of book/)


def publish_key(edition: Edition, renderer: str, executed: list[Path]) -> str:
    """What the published folder is made from: the executed notebooks, the edition's metadata,
    the renderer and its templates, the package versions and the commit. Equal keys mean the
    published edition is already exactly what a render would produce."""
    h = hashlib.sha256()
    meta = [edition.id, edition.title, edition.subtitle, edition.date.isoformat(), renderer, git_commit(),
            json.dumps(package_versions(), sort_keys=True), _renderer_version(renderer)]
    h.update("\0".join(meta).encode())
    build_files = sorted(p for p in RENDERER_FILES.rglob("*") if p.suffix in (".py", ".lua", ".typ", ".html", ".css"))
    for path in executed + build_files:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _renderer_version(renderer: str) -> str:
    """The version of an external renderer (Quarto), so that switching it re-renders."""
    if renderer != "quarto":
        return ""
    from .renderers.quarto import quarto_version

    return ".".join(map(str, quarto_version()))


def published_key(folder: Path) -> str | None:
    """The publish key of the edition published in `folder` (None when there is none)."""
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("publish_key")
    except (OSError, ValueError):
        return None
