"""Shared test set-up: a deterministic hypothesis profile and sample parameter sets."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import settings

import actplot

ROOT = Path(__file__).resolve().parent.parent

# Same examples on every run, so CI is reproducible; a failing example is still reported.
settings.register_profile("actplot", derandomize=True, max_examples=60, deadline=None)
settings.load_profile("actplot")


def load_script(name: str) -> ModuleType:
    """Import ``scripts/NAME.py`` (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parameter_cases() -> list[tuple[str, dict[str, Any]]]:
    """(name, params) for every entry at its defaults and at each valid example value."""
    reference = load_script("make_reference")
    return [(name, params) for name in actplot.names()
            for params in reference.parameter_sets(actplot.get(name))]


def case_id(case: tuple[str, dict[str, Any]]) -> str:
    name, params = case
    return name + "".join(f"-{k}={v}" for k, v in params.items())
