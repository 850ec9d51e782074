"""Shrinkage functions: set small inputs to zero (or subtract their smooth part).

Hardshrink and softshrink come from sparse coding (hard and soft thresholding);
tanhshrink subtracts tanh from the identity.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog.special import tanh_slope, zeros
from actplot.schema import NON_NEGATIVE, Activation, Array, Breakpoint, Param, Properties


def lambd_param(help_text: str) -> Param:
    """The shrinkage half-width, PyTorch's ``lambd`` (``lambda`` is a Python keyword)."""
    return Param("lambd", 0.5, help_text, symbol=r"\lambda", domain=NON_NEGATIVE,
                 aliases=("lambda",), examples=(0.0, 1.0, 2.0))


def dead_zone(x: Array, lambd: float) -> Array:
    """Where both shrink functions are 0: -lambd <= x <= lambd (the corners included)."""
    return (x >= -lambd) & (x <= lambd)


HARDSHRINK = Activation(
    name="hardshrink",
    torch="Hardshrink",
    aliases=("hard-shrink", "hard-threshold"),
    summary="Hard shrinkage: inputs within lambd of zero become zero, the rest pass unchanged.",
    parameters=(lambd_param("inputs with |x| <= lambd become 0"),),
    formula=r"$x\ \mathrm{if}\ |x| > \lambda\ \mathrm{else}\ 0$",
    derivative_formula=r"$1\ \mathrm{if}\ |x| > \lambda\ \mathrm{else}\ 0$",
    value_fn=lambda x, lambd: np.where(dead_zone(x, lambd), 0.0, x),
    derivative_fns=(lambda x, lambd: np.where(dead_zone(x, lambd), 0.0, 1.0), zeros),
    breakpoints_fn=lambda lambd: (Breakpoint(-lambd, 0 if lambd > 0 else 1),
                                  Breakpoint(lambd, 0 if lambd > 0 else 1)),
    kink_convention=("f(+-lambd) = 0 and f'(+-lambd) = 0 (the zero branch), as PyTorch's autograd; "
                     "with lambd = 0 the function is the identity but f'(0) = 0, so f' jumps there "
                     "and the entry is listed as C0 with a kink at 0."),
    properties=lambda lambd: Properties((-math.inf, math.inf), "increasing", -1 if lambd > 0 else 0, True),
    default_range=(-2.0, 2.0),
)


SOFTSHRINK = Activation(
    name="softshrink",
    torch="Softshrink",
    aliases=("soft-shrink", "soft-threshold"),
    summary="Soft shrinkage: moves every input lambd toward zero, stopping at zero.",
    parameters=(lambd_param("inputs move lambd toward 0; |x| <= lambd become 0"),),
    formula=r"$\mathrm{sign}(x)\,\max(|x| - \lambda,\ 0)$",
    derivative_formula=r"$1\ \mathrm{if}\ |x| > \lambda\ \mathrm{else}\ 0$",
    value_fn=lambda x, lambd: np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, 0.0)),
    derivative_fns=(lambda x, lambd: np.where(dead_zone(x, lambd), 0.0, 1.0), zeros),
    breakpoints_fn=lambda lambd: (Breakpoint(-lambd, 1), Breakpoint(lambd, 1)),
    kink_convention=("f'(+-lambd) = 0 (the zero branch), as PyTorch's autograd; "
                     "with lambd = 0 the function is the identity but f'(0) = 0, so f' jumps there "
                     "and the entry stays C0 with a kink at 0."),
    properties=Properties((-math.inf, math.inf), "increasing", 0, True),
    default_range=(-2.0, 2.0),
)


TANHSHRINK = Activation(
    name="tanhshrink",
    torch="Tanhshrink",
    aliases=("tanh-shrink",),
    summary="Tanh shrinkage: x - tanh(x), flat near zero and parallel to the identity far out.",
    formula=r"$x - \tanh(x)$",
    derivative_formula=r"$\tanh^2(x)$",
    value_fn=lambda x: x - np.tanh(x),
    derivative_fns=(lambda x: np.tanh(x) ** 2, lambda x: 2.0 * np.tanh(x) * tanh_slope(x)),
    properties=Properties((-math.inf, math.inf), "increasing", math.inf, True),
)

ENTRIES = (HARDSHRINK, SOFTSHRINK, TANHSHRINK)
