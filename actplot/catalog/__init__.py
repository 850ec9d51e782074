"""The registry: every activation actplot knows, in catalog order, found by any of its names.

This is the single source of truth. The command line, the gallery, the docs and the tests
iterate over :data:`REGISTRY`; nothing else keeps a list of activations. Entries live in one
module per family; the family order below is the catalog order.
"""

from __future__ import annotations

from types import MappingProxyType

from actplot.catalog import (
    elementary,
    exponential,
    gated,
    rectifiers,
    shrink,
    smooth_rectifiers,
    softmax,
    squashing,
)
from actplot.errors import UnknownActivation, did_you_mean
from actplot.schema import Activation

FAMILIES = (rectifiers, exponential, gated, smooth_rectifiers, squashing, shrink, softmax, elementary)


def lookup_key(name: str) -> str:
    """The form names are compared in: case, hyphens, underscores and spaces ignored."""
    return name.lower().replace("-", "").replace("_", "").replace(" ", "")


def _build() -> tuple[dict[str, Activation], dict[str, Activation]]:
    registry: dict[str, Activation] = {}
    by_key: dict[str, Activation] = {}
    for family in FAMILIES:
        for entry in family.ENTRIES:
            if entry.name in registry:
                raise RuntimeError(f"two catalog entries are called {entry.name!r}")
            registry[entry.name] = entry
            for alias in entry.all_names:
                other = by_key.setdefault(lookup_key(alias), entry)
                if other is not entry:
                    raise RuntimeError(f"{alias!r} names both {other.name!r} and {entry.name!r}")
    return registry, by_key


_REGISTRY, _BY_KEY = _build()

#: Canonical name -> entry, in catalog order.
REGISTRY = MappingProxyType(_REGISTRY)


def names() -> list[str]:
    """The canonical names, in catalog order."""
    return list(REGISTRY)


def get(name: str) -> Activation:
    """The entry called ``name`` or any of its aliases, in any case.

    Raises :class:`~actplot.errors.UnknownActivation` with close names suggested.
    """
    try:
        return _BY_KEY[lookup_key(name)]
    except KeyError:
        known = [alias for entry in REGISTRY.values() for alias in entry.all_names]
        hint = did_you_mean(name, known) or "; 'actplot list' shows them all"
        raise UnknownActivation(f"unknown activation '{name}'{hint}") from None
