"""mpmath restatements of catalog entries, one module per catalog family (``ORACLES`` in each).

An oracle is a function of an mpmath number x and the entry's parameters (by name) that computes
the activation from its definition in the literature at 40 digits; test_catalog_oracles
differentiates it numerically at that precision and compares value and derivatives.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any


def all_oracles() -> dict[str, Callable[..., Any]]:
    """Every module's ``ORACLES`` merged; a name given twice is an error."""
    merged: dict[str, Callable[..., Any]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, oracle in module.ORACLES.items():
            if name in merged:
                raise ValueError(f"two oracles for {name}")
            merged[name] = oracle
    return merged
