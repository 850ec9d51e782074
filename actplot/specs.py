"""Specs into curves: the one parser of what names an activation, for every front end.

A spec is a catalog name or alias (``"leaky-relu"``), a spec string as the command line takes it
(``"elu:alpha=0.5"``, ``"expr:x*sigmoid(1.702*x)"``, ``"custom:mypkg.acts:snake"``), an entry
object, a curve, or any numpy-vectorised Python function. Names are looked up in the catalog,
``expr:`` text goes to the expression language and ``custom:`` to a user's module, so this
module sits above all three, beside the facade (:mod:`actplot.api`); the one printer of specs,
:func:`actplot.core.curves.spec_text`, needs none of them and lives in the core.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from actplot.catalog import get
from actplot.core.curves import Curve, _spec_label, assignments, single, sweep
from actplot.core.errors import ParameterError
from actplot.core.schema import Activation, Vector


def entry_for(reference: str, params: Mapping[str, Any] | None = None) -> Activation:
    """The entry a reference names: a catalog name or alias, ``expr:TEXT`` or ``custom:MODULE:NAME``.

    An expression or a custom function takes ``params`` as the values of its parameters.
    """
    kind, colon, rest = reference.partition(":")
    if colon and kind in ("expr", "custom"):
        if not rest.strip():
            raise ParameterError("the expression is empty" if kind == "expr"
                                 else "no function given; write custom:MODULE:FUNCTION")
        if kind == "expr":
            from actplot import expression

            return expression.activation(rest, params)
        from actplot.catalog import custom

        return custom.activation(rest, params)
    return get(reference)


def parse_spec(text: str) -> Curve:
    """The one curve of a spec (see :func:`spec_curves`); a spec that sweeps is an error here."""
    curves = spec_curves(text)
    if len(curves) != 1:
        raise ParameterError(f"'{text}' gives {len(curves)} curves; a single curve was expected")
    return curves[0]


def spec_curves(text: str) -> list[Curve]:
    """The curves of ``name``, ``name:param=value,param=value``, ``expr:TEXT[;param=value...]``
    or ``custom:MODULE:NAME[;param=value...]``.

    In the name form a piece without ``=`` continues the previous value, so a list parameter
    can be written ``softmax:others=1,2,3``. A parameter given more than once (under one
    name) is swept, as a repeated option is: ``leaky-relu:alpha=0.1,alpha=0.2`` is two
    curves. Labels name the entry and the values given.
    """
    grouped: dict[str, list[Any]]
    if text.startswith(("expr:", "custom:")):
        reference, *pieces = text.split(";")
        grouped = dict(assignments(pieces, text))
        entry = entry_for(reference.strip(), {name: values[0] for name, values in grouped.items()})
    else:
        name, _, rest = text.partition(":")
        entry = get(name.strip())
        given: list[tuple[str, str]] = []
        for piece in filter(None, (p.strip() for p in rest.split(","))):
            if "=" in piece:
                key, _, value = piece.partition("=")
                given.append((key.strip(), value.strip()))
            elif not given:
                raise ParameterError(f"'{text}': expected param=value after '{name}:', got '{piece}'")
            else:
                given[-1] = (given[-1][0], given[-1][1] + "," + piece)
        grouped_text: dict[str, list[str]] = {}
        spelled: dict[str, str] = {}
        for key, value in given:
            name = entry.param(key).name
            if spelled.setdefault(name, key) != key:  # two names of one parameter, as in Python
                raise ParameterError(f"'{text}': {name} is given twice, as '{spelled[name]}' and '{key}'; "
                                     f"repeat one name to sweep it")
            grouped_text.setdefault(name, []).append(value)
        grouped = {key: list(values) for key, values in grouped_text.items()}
    curves = sweep(entry, grouped) if grouped else [single(entry)]
    return [Curve(c.entry, c.params, _spec_label(c, grouped)) for c in curves]


#: What may name an activation: a name or spec string, an entry, a curve, or a Python function.
Spec = str | Activation | Curve | Callable[..., Any]


def curves_for(*specs: Spec, **params: Any) -> list[Curve]:
    """The curves that ``specs`` and parameter values describe.

    Args:
        *specs: one or more activations (see the module's docstring for the forms).
        **params: with a single spec, its parameters by name or alias; a list (or tuple) of
            values sweeps the parameter, one curve per value (all combinations when several are
            swept). A list parameter such as softmax's ``others`` takes a list of numbers as one
            value and a list of lists as a sweep.

    Raises:
        ParameterError: parameters given by keyword with several specs, or a bad value.
        UnknownActivation: a name that is not in the catalog.

    Example::

        >>> [c.label for c in curves_for("leaky-relu", negative_slope=[0.1, 0.2])]
        ['negative_slope=0.1', 'negative_slope=0.2']
        >>> [c.label for c in curves_for("relu", "elu:alpha=0.5")]
        ['relu', 'elu (alpha=0.5)']
    """
    if not specs:
        raise ParameterError("no activation given: name at least one, such as plot('gelu')")
    if len(specs) > 1 and params:
        raise ParameterError(
            f"parameters given by keyword ({', '.join(params)}) apply to a single activation; with "
            f"{len(specs)} activations, write them into the spec strings, such as 'elu:alpha=0.5'")
    if len(specs) == 1:
        return _curves(specs[0], params)
    return [curve for spec in specs for curve in _spec_curves(spec)]


def _spec_curves(spec: Spec) -> list[Curve]:
    """One of several specs' curves. Its parameters can only be in the spec string there (no
    keyword, no ``--param``), so an expression's missing parameter says to write it so."""
    from actplot.expression import ExpressionError

    try:
        return _curves(spec, {})
    except ExpressionError as error:
        name = error.words.get("name")
        if not isinstance(spec, str) or not isinstance(name, str) or "fix" not in error.words:
            raise
        raise ExpressionError(error.template, name=name, hint=error.words.get("hint", ""),
                              fix=f"write it into the spec, '{spec};{name}=VALUE'") from None


def drawn_curves(specs: Sequence[Spec], params: Mapping[str, Any], diff: bool = False) -> list[Curve]:
    """The curves :func:`curves_for` gives, or with ``diff`` the one curve A − B of exactly two
    of them (a ``ParameterError`` for any other number).

    Example::

        >>> [c.label for c in drawn_curves(["gelu:approximate=tanh", "gelu"], {}, diff=True)]
        ['gelu (approximate=tanh) − gelu']
    """
    curves = curves_for(*specs, **params)
    if not diff:
        return curves
    from actplot.core.difference import difference_of

    return [difference_of(curves)]


def _curves(spec: Spec, params: Mapping[str, Any]) -> list[Curve]:
    if isinstance(spec, Curve):
        if params:
            raise ParameterError(f"the curve '{spec.label}' has its parameters already; give the entry instead")
        return [spec]
    if isinstance(spec, str) and not params:
        return spec_curves(spec)
    if isinstance(spec, str) and ":" in spec and not spec.startswith(("expr:", "custom:")):
        raise ParameterError(f"give parameters either in the spec string '{spec}' or by keyword, not both")
    values = {name: _values(spec, name, value) for name, value in params.items()}
    first = {name: items[0] for name, items in values.items()}
    if isinstance(spec, Activation):
        entry = spec
    elif isinstance(spec, str):
        entry = entry_for(spec, first)
    elif callable(spec):
        from actplot.catalog import custom

        entry = custom.from_object(spec, _python_name(spec), first)
    else:
        raise ParameterError(f"cannot plot {type(spec).__name__} {spec!r}: give a name, an entry or a function")
    return sweep(entry, values) if values else [single(entry)]


def _values(spec: Spec, name: str, value: Any) -> list[Any]:
    """The values given for one parameter: several for a sweep, else one."""
    vector = False
    if isinstance(spec, Activation | str) and not (isinstance(spec, str) and spec.startswith(("expr:", "custom:"))):
        try:
            entry = spec if isinstance(spec, Activation) else get(spec)
            vector = isinstance(entry.param(name).domain, Vector)
        except (LookupError, ValueError):
            vector = False
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, list | tuple):
        if vector and not any(isinstance(item, list | tuple | np.ndarray) for item in value):
            return [value]  # one list of numbers is one value of a list parameter
        if not value:
            raise ParameterError(f"{name}=[] gives no value to draw")
        return list(value)
    return [value]


def _python_name(function: Callable[..., Any]) -> str:
    return str(getattr(function, "__qualname__", None) or getattr(function, "__name__", None)
               or type(function).__name__)
