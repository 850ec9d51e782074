"""What every catalog entry repeats, written once, so that an entry reads as its formula.

Most entries compute their value and both derivatives in one function that takes the
derivative order as its last argument (``pelu(x, a, b, order=0)``): :func:`derivatives` turns
it into the entry's ``derivative_fns``. Self-gated units are x times a gate: :func:`product_rule`
(and :func:`times_x`, from a gate function) is their one product rule; :func:`identity` is
the linear piece that rectifiers join to their other half. :func:`breaks_at` gives breakpoints
that stay where they are whatever the parameters, and :func:`closed` a closed domain.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from actplot.core.schema import Array, Breakpoint, Function, Interval

#: A function of x (and the parameters, by name) taking the derivative order as ``order``:
#: 0 is the value, 1 and 2 the first and second derivatives.
Ordered = Callable[..., Array]
#: A gate g of x: its value and first and second derivatives, (g, g', g'').
Gate = Callable[[Array], tuple[Array, Array, Array]]


def derivative(function: Ordered, order: int) -> Function:
    """The ``order``-th derivative of ``function``: the same function called with ``order``
    (the parameters pass through by name, as the entry's fields receive them)."""
    return functools.partial(function, order=order)


def derivatives(function: Ordered) -> tuple[Function, Function]:
    """An entry's ``derivative_fns``, f' and f'', from a function taking the order as ``order``."""
    return derivative(function, 1), derivative(function, 2)


def product_rule(x: Array, g: Array, dg: Array, d2g: Array, order: int) -> Array:
    """The ``order``-th derivative of x g(x) from g, g' and g'' at x: x g, g + x g', 2 g' + x g''."""
    if order == 0:
        return x * g
    if order == 1:
        return g + x * dg
    return 2.0 * dg + x * d2g


def identity(x: Array, order: int) -> Array:
    """The identity's ``order``-th derivative at x: x, 1 or 0 (a rectifier's linear piece, which its
    function picks with ``np.where`` on the side and at the end points its definition gives it)."""
    return [x, np.ones_like(x), np.zeros_like(x)][order]


def times_x(gate: Gate) -> Ordered:
    """x g(x) and its derivatives (:func:`product_rule`) as a function of x and ``order``, for a
    gate returning (g, g', g'')."""
    def function(x: Array, order: int = 0) -> Array:
        x = np.asarray(x, dtype=np.float64)
        return product_rule(x, *gate(x), order)
    return function


def breaks_at(*xs: float, order: int = 1) -> Callable[..., tuple[Breakpoint, ...]]:
    """An entry's ``breakpoints_fn`` for breakpoints that do not move with the parameters: one of
    ``order`` (1, a kink, unless told) at each of ``xs``."""
    points = tuple(Breakpoint(x, order) for x in xs)

    def breakpoints(**_: Any) -> tuple[Breakpoint, ...]:
        return points
    return breakpoints


def closed(low: float, high: float) -> Interval:
    """The closed interval [low, high]: a parameter's domain bounds included."""
    return Interval(low, high, low_open=False, high_open=False)
