"""The registry: every activation actplot knows, in catalog order, found by any of its names.

This is the single source of truth. The command line, the gallery, the docs and the tests
iterate over it; nothing else keeps a list of activations. Built-in entries live in one module
per family, which declares its ``TITLE`` and its ``ENTRIES`` (the family order below is the
catalog order); installed packages add entries through the ``actplot.activations`` entry-point
group, loaded the first time the registry is asked for (or a name that is not built in: looking
up a built-in name reads no package metadata, which costs a tenth of a plot). A plug-in's entry point names an
:class:`~actplot.core.schema.Activation`, a list of them, or a function returning either. A plug-in
that fails to load, provides something else, or reuses a taken name is skipped with a
:class:`PluginWarning` naming it.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from actplot.catalog import framework_variants
from actplot.catalog.builtins import _BUILTIN_KEYS, _BUILTINS, _add
from actplot.catalog.builtins import BUILTINS as BUILTINS
from actplot.catalog.builtins import FAMILIES as FAMILIES
from actplot.catalog.builtins import FAMILY_TITLES as FAMILY_TITLES
from actplot.catalog.builtins import RESERVED_NAMES as RESERVED_NAMES
from actplot.core.errors import UnknownActivation, did_you_mean, lookup_key
from actplot.core.schema import Activation

PLUGIN_GROUP = "actplot.activations"


class PluginWarning(UserWarning):
    """A plug-in that could not be used; actplot goes on without it."""







_loaded: tuple[Mapping[str, Activation], dict[str, Activation]] | None = None


def plugin_entries(entry_points: Iterable[Any] | None = None) -> list[Activation]:
    """The entries installed packages provide (``entry_points`` replaces the installed ones)."""
    if entry_points is None:
        from importlib.metadata import entry_points as installed

        entry_points = installed(group=PLUGIN_GROUP)
    found: list[Activation] = []
    for point in entry_points:
        distribution = getattr(getattr(point, "dist", None), "name", None) or point.name
        try:
            provided = point.load()
            if callable(provided) and not isinstance(provided, Activation):
                provided = provided()
            items = [provided] if isinstance(provided, Activation) else list(provided)
            wrong = [type(item).__name__ for item in items if not isinstance(item, Activation)]
            if wrong:
                raise TypeError(f"it provides {wrong[0]}, not actplot.Activation entries")
        except Exception as error:
            _warn(point, distribution, f"{type(error).__name__}: {error}")
            continue
        found += [dataclasses.replace(item, source=f"plugin {distribution}") for item in items]
    return found


def _warn(point: Any, distribution: str, reason: str) -> None:
    warnings.warn(PluginWarning(f"plug-in '{point.name}' from {distribution} ({point.value}) was skipped: {reason}"),
                  stacklevel=3)


def registry() -> Mapping[str, Activation]:
    """Every entry, built-in and plug-in, canonical name -> entry, in catalog order."""
    return _load()[0]


def _load() -> tuple[Mapping[str, Activation], dict[str, Activation]]:
    global _loaded
    if _loaded is None:
        entries, by_key = dict(_BUILTINS), dict(_BUILTIN_KEYS)
        for entry in plugin_entries():
            try:
                _add(entry, entries, by_key)
            except ValueError as error:
                warnings.warn(PluginWarning(f"plug-in entry '{entry.name}' ({entry.source}) was skipped: {error}"),
                              stacklevel=3)
        _loaded = (MappingProxyType(entries), by_key)
    return _loaded


def names() -> list[str]:
    """The canonical names, in catalog order (built-ins, then plug-ins)."""
    return list(registry())


def get(name: str) -> Activation:
    """The entry called ``name`` or any of its aliases, in any case.

    A framework's qualified name (``jax.nn.gelu``, ``keras.layers.LeakyReLU``) gives that
    framework's version of the entry: see :mod:`actplot.catalog.frameworks`.

    Raises :class:`~actplot.core.errors.UnknownActivation` with close names suggested.
    """
    key = lookup_key(name)
    builtin = _BUILTIN_KEYS.get(key)  # no plug-in can take a built-in's name: none need loading for it
    if builtin is not None:
        return builtin
    try:
        return _load()[1][key]
    except KeyError:
        from actplot.catalog import frameworks  # it reads the registry built above

        if "." in name:  # a framework's qualified name: jax.nn.gelu, onnx.HardSigmoid
            found = frameworks.resolve(name, _canonical)
            if found is not None:
                return found
        if "@" in name and "." not in name.partition("@")[0]:
            raise UnknownActivation(f"unknown activation '{name}': only a framework's name takes a version "
                                    "(keras.layers.LeakyReLU@2)") from None
        known = [alias for entry in registry().values() for alias in entry.all_names]
        if "." in name:
            known = [spelling.qualified for spelling in frameworks.SPELLINGS]
        hint = did_you_mean(name, known) or "; 'actplot list' shows them all"
        raise UnknownActivation(f"unknown activation '{name}'{hint}") from None


def _canonical(name: str) -> Activation:
    """The entry a framework name computes: a registered one, or one reached only that way."""
    only = framework_variants.FRAMEWORK_ONLY.get(name)
    return only if only is not None else get(name)
