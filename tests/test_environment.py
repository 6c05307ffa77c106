"""environment.yml (conda-forge, analysts' machines) pins the same versions as pyproject.toml."""
from __future__ import annotations

import re
import tomllib

import yaml

from analysis.core.paths import ROOT


def _pyproject_pins() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = data["project"]["optional-dependencies"].values()
    deps = data["project"]["dependencies"] + [d for extra in extras for d in extra]
    return {m.group(1).lower(): m.group(2) for d in deps if (m := re.match(r"^([A-Za-z0-9_.-]+)==(\S+)$", d))}


def _environment_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pins = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            m = re.match(r"^([A-Za-z0-9_.-]+)=?=(\S+)$", item)
            if m:
                pins[m.group(1).lower()] = m.group(2)
    if "quarto" in pins:  # conda-forge's quarto is PyPI's quarto-cli (the `quarto` extra)
        pins.setdefault("quarto-cli", pins["quarto"])
    return pins


def test_every_dependency_is_pinned_exactly():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    deps = data["project"]["dependencies"] + [d for e in data["project"]["optional-dependencies"].values() for d in e]
    assert all("==" in d for d in deps), [d for d in deps if "==" not in d]


def test_environment_pins_the_same_versions_as_pyproject():
    py, env = _pyproject_pins(), _environment_pins()
    assert set(py) <= set(env), sorted(set(py) - set(env))
    assert {k: env[k] for k in py} == py


def test_environment_has_quarto():
    assert "quarto" in _environment_pins()


def test_the_conda_route_installs_the_project():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip
