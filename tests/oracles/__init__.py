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
    """The ``ORACLES`` of every module named after a catalog family, merged; a name given twice
    is an error."""
    from actplot.catalog import FAMILIES

    families = {family.__name__.rpartition(".")[2] for family in FAMILIES}
    merged: dict[str, Callable[..., Any]] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name not in families:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, oracle in module.ORACLES.items():
            if name in merged:
                raise ValueError(f"two oracles for {name}")
            merged[name] = oracle
    return merged
