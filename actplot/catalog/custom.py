"""Activations from Python: ``actplot custom mypkg.acts:snake`` plots any numpy-vectorised function.

The object named ``MODULE:ATTRIBUTE`` (dots reach into the module: ``pkg.mod:Class.method``;
modules in the current directory are found too) is
either a function ``f(x, **params)`` or an object with a ``value(x, **params)`` method. It may
also provide:

- ``derivative(x, order, **params)`` for order 1 and 2: used as given (exact);
- ``breakpoints``: x values (or a function of the parameters returning them) where the value or
  a derivative may jump; they are sampled exactly and the drawn lines are broken there;
- ``formula``: a mathtext formula for the title; ``name``: what titles and legends call it.

The function must return real numbers for real input: complex values (``np.sqrt(x + 0j)``) are
an error, not silently cut to their real part (the complex step below still calls it with
complex input, and expects complex output then).

Without ``derivative``, the derivatives are numerical and the plot says so: by complex step,
f'(x) = Im f(x + ih) / h, when the function accepts complex input and that agrees with a
central difference on a probe; otherwise by fourth-order central differences. The second
derivative is a fourth-order central difference of the first (complex step) or of the value.

Declared breakpoints are never differenced across. A difference at a point closer to a
breakpoint than :data:`CLEARANCE` steps (about 3e-4 max(1, |x|) for a first difference, 5e-3
max(1, |x|) for a second) is a one-sided fourth-order difference on the point's own side
(forward right of the breakpoint, backward left of it), with the step shrunk where the next
breakpoint is closer still. The complex step needs none of this: it evaluates f at x + ih, on
x's own side, so with it f' is the complex step everywhere and only f'' (a difference of f') goes
one-sided. At a breakpoint b itself the derivative is that of the side f's value there belongs
to: the left-hand one where f(b) equals the limit from the left but not the one from the right
(``where(x <= 0, ...)``), else the right-hand one (a kink such as ``abs``, where f is continuous,
and ``where(x < 0, ...)``); it is computed from points strictly on that side (from b's float
neighbour there), so it is the limit of the derivative from that side. This is the rule
:mod:`actplot.expression` follows at ``where``'s switch (its ``abs`` differs: its derivative is 0
at 0, as PyTorch's is, which a numerical derivative cannot know). Each breakpoint is declared to
the drawing with order 0, since the user does not say which derivative jumps there: every panel
breaks its line at it, and draws the filled and open dots only where the values on the two sides
really differ.

While ``actplot custom ... -o -`` writes data to standard output, what the function prints goes
to stderr (the command line sees to it, see ``actplot.cli``; this module changes no process state).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from actplot.core.errors import UserError
from actplot.core.schema import Activation, Array, Breakpoint, Param

PROBE = np.linspace(-2.5, 2.5, 11)
#: Step of the first and of the second derivative's differences, times max(1, |x|).
STEP = {1: 2.0**-13, 2: 2.0**-9}
#: A central difference reaches 2 steps either side; a point closer to a breakpoint than this
#: many steps gets a one-sided difference instead (the margin keeps x +- 2h off the breakpoint).
CLEARANCE = 2.5
#: Fourth-order one-sided differences, f^(k)(a) ~ sum(c[j] f(a + j h)) / (12 h^k) (forward;
#: backward with -h): the first derivative from 5 points, the second from 6. Whole numbers, so a
#: constant gives exactly 0.
ONE_SIDED = {1: np.array([-25.0, 48.0, -36.0, 16.0, -3.0]),
             2: np.array([45.0, -154.0, 214.0, -156.0, 61.0, -10.0])}


class CustomError(UserError, ValueError):
    """A custom function that cannot be loaded or misbehaves."""


def load(path: str) -> Any:
    """The object at ``MODULE:ATTRIBUTE``; raise :class:`CustomError` saying what did not resolve."""
    module_name, colon, attribute = path.partition(":")
    if not colon or not module_name or not attribute:
        raise CustomError(f"'{path}' is not MODULE:FUNCTION (for example mypkg.acts:snake)")
    try:
        _beside_the_user(module_name.split(".")[0])
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


def _beside_the_user(top: str) -> None:
    """Import the module or package ``top`` from the working directory, as ``python -m`` would
    find it, where it cannot be imported otherwise; ``sys.path`` is left as it is (a library
    call changes no search path of the process). Its submodules are then found through the
    package, as usual."""
    import importlib.util
    from pathlib import Path

    if top in sys.modules or importlib.util.find_spec(top) is not None:
        return
    try:
        here = Path.cwd()
    except OSError:  # the working directory was removed: nothing beside the user to find
        return
    package = here / top / "__init__.py"
    location = package if package.is_file() else here / f"{top}.py"
    if not location.is_file():
        return
    spec = importlib.util.spec_from_file_location(
        top, location, submodule_search_locations=[str(package.parent)] if location == package else None)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules[top] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[top]
        raise


def _order_of(derivative: Callable[..., Any], order: int) -> Callable[..., Any]:
    """The user's ``derivative(x, order, **params)`` at one order, as a function of x."""
    def at_order(x: Array, **params: float) -> Any:
        return derivative(x, order, **params)
    return at_order


def checked(path: str, function: Callable[..., Any]) -> Callable[..., Array]:
    """``function`` wrapped so an exception, a wrong shape or a value that is not a real number
    (for real input) becomes a :class:`CustomError`."""
    def call(x: Array, **params: float) -> Array:
        try:
            with np.errstate(all="ignore"):
                result = np.asarray(function(x, **params))
        except Exception as error:
            raise CustomError(f"{path} raised {type(error).__name__}: {error}") from None
        if result.shape != x.shape:
            raise CustomError(f"{path} returned shape {result.shape} for input of shape {x.shape}: "
                              "it must work elementwise on numpy arrays")
        if np.iscomplexobj(result) and not np.iscomplexobj(x):
            raise CustomError(f"{path} returned complex values; actplot plots real functions: "
                              "take .real or abs() yourself")
        if not (np.issubdtype(result.dtype, np.number) or result.dtype == bool):
            raise CustomError(f"{path} returned {result.dtype} values, not numbers")
        return result
    return call


def central_first(f: Callable[[Array], Array], x: Array) -> Array:
    """f'(x) by a fourth-order central difference."""
    h = STEP[1] * np.maximum(1.0, np.abs(x))
    return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h)


def central_second(f: Callable[[Array], Array], x: Array) -> Array:
    """f''(x) by a fourth-order central difference."""
    h = STEP[2] * np.maximum(1.0, np.abs(x))
    return (-f(x - 2 * h) + 16 * f(x - h) - 30 * f(x) + 16 * f(x + h) - f(x + 2 * h)) / (12 * h * h)


def complex_step(f: Callable[[Array], Array], x: Array) -> Array:
    """f'(x) = Im f(x + ih) / h, exact to rounding for analytic code that accepts complex input."""
    return np.imag(f(x + 1e-20j)) / 1e-20


def one_sided(f: Callable[[Array], Array], anchor: Array, direction: Array, step: Array, order: int) -> Array:
    """The ``order``-th derivative at ``anchor`` by a fourth-order one-sided difference that only
    evaluates ``f`` at ``anchor + j * direction * step`` (j = 0, 1, ...; ``direction`` +1 or -1)."""
    weights = ONE_SIDED[order]
    offsets = np.arange(weights.size, dtype=np.float64)[:, None] * (direction * step)
    values = f((anchor + offsets).ravel()).reshape(offsets.shape)
    result: Array = weights @ values / (12 * step**order)
    return result * direction if order == 1 else result


@dataclass(frozen=True)
class Stencils:
    """Where each point's derivative is taken: ``direction`` 0 for the usual (central or complex
    step) method, else +1 (forward) or -1 (backward) from ``anchor`` with ``step``."""

    direction: Array
    anchor: Array
    step: Array


def stencils(x: Array, points: Array, order: int, side_at: Callable[[Array], Array]) -> Stencils:
    """The stencils of the ``order``-th derivative at ``x`` (1-d) that stay clear of the sorted
    breakpoints ``points``: one-sided on a point's own side near one, and at one from the side
    ``side_at`` gives (+1 or -1 per breakpoint), starting at its float neighbour on that side."""
    step = STEP[order] * np.maximum(1.0, np.abs(x))
    direction = np.zeros(x.shape, dtype=np.int64)
    anchor = x.copy()
    if not points.size or not x.size:
        return Stencils(direction, anchor, step)
    last = points.size - 1
    index = np.searchsorted(points, x)  # points[index - 1] < x <= points[index]
    above = np.where(index <= last, points[np.minimum(index, last)], np.inf)
    below = np.where(index > 0, points[np.maximum(index - 1, 0)], -np.inf)
    beyond = np.where(index + 1 <= last, points[np.minimum(index + 1, last)], np.inf)
    at = above == x
    left, right = x - below, above - x
    near = ~at & (np.minimum(left, right) <= CLEARANCE * step)
    direction[near] = np.where(left[near] <= right[near], 1, -1)
    room = np.where(direction > 0, right, left)
    if at.any():
        sides = side_at(x[at])
        direction[at] = sides
        anchor[at] = np.nextafter(x[at], sides * np.inf)
        room[at] = np.where(sides > 0, beyond[at] - anchor[at], anchor[at] - below[at])
    span = ONE_SIDED[order].size  # the stencil reaches span - 1 steps; keep a step's margin
    bent = direction != 0
    step[bent] = np.minimum(step[bent], room[bent] / span)
    return Stencils(direction, anchor, step)


def value_sides(f: Callable[[Array], Array], points: Array) -> Array:
    """-1 where f at a breakpoint is the limit from the left and not the one from the right,
    else +1: the side whose derivative is taken at the breakpoint."""
    below, above = np.nextafter(points, -np.inf), np.nextafter(points, np.inf)
    value, left, right = f(np.concatenate([points, below, above])).reshape(3, -1)
    tolerance = 1e-12 * (1.0 + np.abs(value))
    from_left = (np.abs(value - left) <= tolerance) & ~(np.abs(value - right) <= tolerance)
    return np.where(from_left, -1, 1)


class Numerical:
    """The numerical first and second derivatives of a function with declared breakpoints.

    ``real(x, **params)`` is the function's real value; ``stepped(x, **params)``, where given,
    accepts complex input for the complex step; ``points(**params)`` gives the breakpoints.
    """

    def __init__(self, real: Callable[..., Array], points: Callable[..., Array],
                 stepped: Callable[..., Array] | None = None) -> None:
        self.real, self.points, self.stepped = real, points, stepped

    def first(self, x: Array, **params: float) -> Array:
        with np.errstate(all="ignore"):  # differences of inf or NaN are NaN, quietly
            return self.derivative(x, 1, params)

    def second(self, x: Array, **params: float) -> Array:
        with np.errstate(all="ignore"):
            return self.derivative(x, 2, params)

    def derivative(self, x: Array, order: int, params: Mapping[str, float]) -> Array:
        """The ``order``-th derivative at ``x``: central differences clear of the breakpoints,
        one-sided ones near and at them.

        With the complex step, f' is the complex step everywhere (it evaluates f at x + ih, on
        x's own side of every breakpoint; at a breakpoint, at its float neighbour on the side of
        the value), and f'' is a difference of it.
        """
        def f(t: Array) -> Array:
            return self.real(t, **params)

        flat = np.asarray(x, dtype=np.float64).ravel()
        points = self.points(**params)
        stepped = self.stepped
        g: Callable[[Array], Array] = f
        if stepped is not None:
            def g(t: Array) -> Array:
                return complex_step(lambda s: stepped(s, **params), t)

            order -= 1  # f'' is the first difference of f'
        plan = stencils(flat, points, max(order, 1), lambda b: value_sides(f, b))
        if order == 0:
            return g(plan.anchor).reshape(np.shape(x))
        result = np.empty(flat.shape)
        usual = plan.direction == 0
        if usual.any():
            result[usual] = (central_first if order == 1 else central_second)(g, flat[usual])
        if not usual.all():
            bent = ~usual
            result[bent] = one_sided(g, plan.anchor[bent], plan.direction[bent], plan.step[bent], order)
        return result.reshape(np.shape(x))


def _complex_step_works(f: Callable[[Array], Array], real: Callable[[Array], Array], points: Array) -> bool:
    """Whether the complex step of ``f`` agrees with its real value and a central difference on
    the probe points clear of the breakpoints."""
    probe = PROBE[stencils(PROBE, points, 2, lambda b: np.ones(b.shape, dtype=np.int64)).direction == 0]
    try:
        stepped = f(probe + 1e-20j)
    except (UserError, TypeError, ValueError, ArithmeticError):
        return False
    if not np.iscomplexobj(stepped) or not np.allclose(np.real(stepped), real(probe), rtol=1e-12, atol=1e-12):
        return False
    return bool(np.allclose(np.imag(stepped) / 1e-20, central_first(real, probe), rtol=1e-6, atol=1e-8))


def breakpoint_source(declared: Any, path: str) -> Callable[..., Array]:
    """The ``breakpoints`` attribute (numbers, or a function of the parameters returning them) as
    a function of the parameters returning the finite ones sorted, as a float64 array."""
    def points(**params: float) -> Array:
        try:
            given = declared(**params) if callable(declared) else declared
        except Exception as error:
            raise CustomError(f"{path}.breakpoints raised {type(error).__name__}: {error}") from None
        try:
            values = [float(given)] if np.ndim(given) == 0 else [float(b) for b in np.ravel(given)]
        except (TypeError, ValueError):
            raise CustomError(f"{path}.breakpoints must be numbers (or a function of the parameters "
                              f"returning numbers), got {given!r}") from None
        found = np.array(values, dtype=np.float64)
        return np.unique(found[np.isfinite(found)]) + 0.0  # -0.0 and 0.0 are one point
    return points


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

    points = breakpoint_source(getattr(obj, "breakpoints", ()), path)
    points(**given)

    def real(x: Array, **p: float) -> Array:
        return value(x, **p).astype(np.float64)

    method = "exact"
    if callable(getattr(obj, "derivative", None)):
        exact = [checked(f"{path}.derivative", _order_of(obj.derivative, k)) for k in (1, 2)]

        def first(x: Array, **p: float) -> Array:
            return exact[0](x, **p).astype(np.float64)

        def second(x: Array, **p: float) -> Array:
            return exact[1](x, **p).astype(np.float64)

        first(PROBE, **given)
        second(PROBE, **given)
    else:
        stepped = _complex_step_works(lambda x: value(x, **given), lambda x: real(x, **given), points(**given))
        method = "complex step" if stepped else "central differences"
        numerical = Numerical(real, points, value if stepped else None)
        first, second = numerical.first, numerical.second

    name = str(getattr(obj, "name", None) or path.rpartition(":")[2].rpartition(".")[2])
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
        breakpoints_fn=lambda **p: tuple(Breakpoint(float(b), 0) for b in points(**p)),
        kink_convention=f"Derivatives: {method}" + ("." if method == "exact" else
                                                    " (numerical); at a declared breakpoint, one-sided: the "
                                                    "derivative of the side f's value there comes from "
                                                    "(the right where f is continuous)."),
        source="custom",
        derivative_method=method,
    )
