"""The built-in entries: every family module's entries, registered under all their names.

The family modules are listed here once, in catalog order; each declares its ``TITLE`` and its
``ENTRIES``. The registry (:mod:`actplot.catalog`) adds the plug-ins' entries to these, and the
framework names (:mod:`actplot.catalog.frameworks`) are derived from them.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType, ModuleType

from actplot.catalog import (
    elementary,
    elu_variants,
    exponential,
    framework_variants,
    gate_variants,
    gated,
    gated_units,
    learned_gates,
    oscillating,
    periodic,
    piecewise_units,
    rational,
    rectifier_variants,
    rectifiers,
    self_gates,
    shrink,
    sigmoids,
    smooth_rectifiers,
    soft_rectifiers,
    softmax,
    squashing,
    wave_units,
)
from actplot.core.errors import lookup_key
from actplot.core.schema import Activation

FAMILIES = (rectifiers, piecewise_units, rectifier_variants, exponential, elu_variants, gated, self_gates,
            gate_variants, learned_gates, smooth_rectifiers, soft_rectifiers, squashing, sigmoids, rational, shrink,
            softmax, gated_units, periodic, oscillating, wave_units, elementary, framework_variants)


def _family_name(family: ModuleType) -> str:
    """A family's name: its module's (``rectifiers``)."""
    return family.__name__.rpartition(".")[2]


#: Each family's title (the gallery's headings, ``actplot list --family``), keyed by its module's name:
#: each family module declares its own ``TITLE``.
FAMILY_TITLES: dict[str, str] = {_family_name(family): family.TITLE for family in FAMILIES}


#: Words the command line uses for its own subcommands (and the spec prefixes): no entry may be
#: called so, or the entry's command would be unreachable. The command-line tests check that this
#: is exactly the set of subcommands the application registers.
RESERVED_NAMES = frozenset({"compare", "custom", "diff", "expr", "gallery", "info", "list", "site"})


def _add(entry: Activation, registry: dict[str, Activation], by_key: dict[str, Activation]) -> None:
    """Register ``entry`` under all its names; raise ValueError if one is taken."""
    keys = {lookup_key(alias) for alias in entry.all_names}
    reserved = sorted(keys & {lookup_key(word) for word in RESERVED_NAMES})
    if reserved:
        raise ValueError(f"the name '{reserved[0]}' is reserved for actplot's own '{reserved[0]}' command")
    taken = [key for key in keys if key in by_key] + ([entry.name] if entry.name in registry else [])
    if taken:
        raise ValueError(f"the name '{entry.name}' (or an alias) is taken by '{by_key.get(taken[0], entry).name}'")
    registry[entry.name] = entry
    by_key.update(dict.fromkeys(keys, entry))


def _builtins() -> tuple[dict[str, Activation], dict[str, Activation]]:
    registry: dict[str, Activation] = {}
    by_key: dict[str, Activation] = {}
    for family in FAMILIES:
        name = _family_name(family)
        for entry in family.ENTRIES:
            _add(dataclasses.replace(entry, family=name), registry, by_key)
    return registry, by_key


_BUILTINS, _BUILTIN_KEYS = _builtins()

#: The built-in entries, canonical name -> entry, in catalog order.
BUILTINS = MappingProxyType(_BUILTINS)
