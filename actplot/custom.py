"""Activations from Python: ``actplot custom mypkg.acts:snake`` plots any numpy-vectorised function.

The object named ``MODULE:ATTRIBUTE`` (dots reach into the module: ``pkg.mod:Class.method``;
modules in the current directory are found too) is
either a function ``f(x, **params)`` or an object with a ``value(x, **params)`` method. It may
also provide:

- ``derivative(x, order, **params)`` for order 1 and 2: used as given (exact);
- ``breakpoints``: x values (or a function of the parameters returning them) sampled exactly;
- ``formula``: a mathtext formula for the title; ``name``: what titles and legends call it.

Without ``derivative``, the derivatives are numerical and the plot says so: by complex step,
f'(x) = Im f(x + ih) / h, when the function accepts complex input and that agrees with a
central difference on a probe; otherwise by fourth-order central differences. The second
derivative is a fourth-order central difference of the first.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from actplot.errors import UserError
from actplot.schema import Activation, Array, Breakpoint, Param

PROBE = np.linspace(-2.5, 2.5, 11)


class CustomError(UserError, ValueError):
    """A custom function that cannot be loaded or misbehaves."""


def load(path: str) -> Any:
    """The object at ``MODULE:ATTRIBUTE``; raise :class:`CustomError` saying what did not resolve."""
    module_name, colon, attribute = path.partition(":")
    if not colon or not module_name or not attribute:
        raise CustomError(f"'{path}' is not MODULE:FUNCTION (for example mypkg.acts:snake)")
    if os.getcwd() not in sys.path and "" not in sys.path:  # modules beside the user, as python -m finds them
        sys.path.append(os.getcwd())
    try:
        obj: Any = importlib.import_module(module_name)
    except ImportError as error:
        raise CustomError(f"cannot import '{module_name}': {error}") from None
    except Exception as error:
        raise CustomError(f"importing '{module_name}' raised {type(error).__name__}: {error}") from None
    for part in attribute.split("."):
        if part.startswith("__"):
            raise CustomError(f"'{path}': dunder names are not reachable")
        if not hasattr(obj, part):
            raise CustomError(f"'{module_name}' has no attribute '{attribute}'")
        obj = getattr(obj, part)
    return obj


def checked(path: str, function: Callable[..., Any]) -> Callable[..., Array]:
    """``function`` wrapped so an exception or a wrong shape becomes a :class:`CustomError`."""
    def call(x: Array, **params: float) -> Array:
        try:
            with np.errstate(all="ignore"):
                result = np.asarray(function(x, **params))
        except Exception as error:
            raise CustomError(f"{path} raised {type(error).__name__}: {error}") from None
        if result.shape != x.shape:
            raise CustomError(f"{path} returned shape {result.shape} for input of shape {x.shape}: "
                              "it must work elementwise on numpy arrays")
        if not (np.issubdtype(result.dtype, np.number) or result.dtype == bool):
            raise CustomError(f"{path} returned {result.dtype} values, not numbers")
        return result
    return call


def central_first(f: Callable[[Array], Array], x: Array) -> Array:
    """f'(x) by a fourth-order central difference."""
    h = 2.0**-13 * np.maximum(1.0, np.abs(x))
    return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h)


def central_second(f: Callable[[Array], Array], x: Array) -> Array:
    """f''(x) by a fourth-order central difference."""
    h = 2.0**-9 * np.maximum(1.0, np.abs(x))
    return (-f(x - 2 * h) + 16 * f(x - h) - 30 * f(x) + 16 * f(x + h) - f(x + 2 * h)) / (12 * h * h)


def complex_step(f: Callable[[Array], Array], x: Array) -> Array:
    """f'(x) = Im f(x + ih) / h, exact to rounding for analytic code that accepts complex input."""
    return np.imag(f(x + 1e-20j)) / 1e-20


def _complex_step_works(f: Callable[[Array], Array], real: Callable[[Array], Array]) -> bool:
    try:
        stepped = f(PROBE + 1e-20j)
    except (UserError, TypeError, ValueError, ArithmeticError):
        return False
    if not np.iscomplexobj(stepped) or not np.allclose(np.real(stepped), real(PROBE), rtol=1e-12, atol=1e-12):
        return False
    return bool(np.allclose(np.imag(stepped) / 1e-20, central_first(real, PROBE), rtol=1e-6, atol=1e-8))


def activation(path: str, params: Mapping[str, Any] | None = None) -> Activation:
    """An :class:`Activation` for the function or object at ``path``, checked on a probe."""
    given = _given(params, path)
    return from_object(load(path), path, given, reference=f"custom:{path}")


def _given(params: Mapping[str, Any] | None, what: str) -> dict[str, float]:
    given = {}
    for key, value in (params or {}).items():
        if key == "x":
            raise CustomError(f"'x' is a reserved name: it is the variable the function is called with, "
                              f"not a parameter of {what}")
        try:
            given[key] = float(value)
        except (TypeError, ValueError):
            raise CustomError(f"parameter {key} of {what} must be a number, got {value!r}") from None
    return given


def from_object(obj: Any, path: str, params: Mapping[str, Any] | None = None,
                reference: str | None = None) -> Activation:
    """An :class:`Activation` for a Python function or object (``path`` names it in messages and
    titles), checked on a probe; ``params`` are the parameter values it is called with."""
    given = _given(params, path)
    if callable(obj) and not hasattr(obj, "value"):
        raw = obj
    elif callable(getattr(obj, "value", None)):
        raw = obj.value
    else:
        raise CustomError(f"{path} is neither a function nor an object with a value(x) method")
    value = checked(path, raw)
    value(PROBE, **given)  # fails now, with its message, rather than halfway through a plot

    real = lambda x, **p: np.real(value(x, **p)).astype(np.float64)  # noqa: E731
    method = "exact"
    if callable(getattr(obj, "derivative", None)):
        exact = [checked(f"{path}.derivative", lambda x, k=k, **p: obj.derivative(x, k, **p)) for k in (1, 2)]
        first = lambda x, **p: np.real(exact[0](x, **p)).astype(np.float64)  # noqa: E731
        second = lambda x, **p: np.real(exact[1](x, **p)).astype(np.float64)  # noqa: E731
        first(PROBE, **given)
        second(PROBE, **given)
    elif _complex_step_works(lambda x: value(x, **given), lambda x: real(x, **given)):
        method = "complex step"
        first = lambda x, **p: complex_step(lambda t: value(t, **p), x)  # noqa: E731
        second = lambda x, **p: central_first(lambda t: first(t, **p), x)  # noqa: E731
    else:
        method = "central differences"
        first = lambda x, **p: central_first(lambda t: real(t, **p), x)  # noqa: E731
        second = lambda x, **p: central_second(lambda t: real(t, **p), x)  # noqa: E731

    name = str(getattr(obj, "name", None) or path.rpartition(":")[2].rpartition(".")[2])
    points = getattr(obj, "breakpoints", ())
    doc = (getattr(obj, "__doc__", None) or "").strip().splitlines()
    return Activation(
        name="custom",
        display_name=name,
        reference=reference or f"python:{path}",
        summary=doc[0] if doc else f"The Python function {path}.",
        value_fn=real,
        derivative_fns=(first, second),
        formula=str(getattr(obj, "formula", None) or rf"$\mathrm{{{name.replace('_', chr(92) + '_')}}}(x)$"),
        derivative_formula=r"$\frac{d}{dx}f(x)$",
        properties=None,
        parameters=tuple(Param(key, val, "a parameter of the function") for key, val in given.items()),
        breakpoints_fn=lambda **p: tuple(
            Breakpoint(float(b), 0) for b in (points(**p) if callable(points) else points)),
        kink_convention=f"Derivatives: {method}" + ("" if method == "exact" else " (numerical)") + ".",
        source="custom",
        derivative_method=method,
    )
