"""Shrinkage functions: set small inputs to zero (or subtract their smooth part).

Hardshrink and softshrink come from sparse coding (hard and soft thresholding);
tanhshrink subtracts tanh from the identity.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog.special import tanh_slope, zeros
from actplot.core.schema import NON_NEGATIVE, Activation, Array, Breakpoint, Param, Properties

TITLE = "Shrinkage"


def lambd_param(help_text: str) -> Param:
    """The shrinkage half-width, PyTorch's ``lambd`` (``lambda`` is a Python keyword)."""
    return Param("lambd", 0.5, help_text, symbol=r"\lambda", domain=NON_NEGATIVE,
                 aliases=("lambda",), examples=(0.0, 1.0, 2.0))


def dead_zone(x: Array, lambd: float) -> Array:
    """Where both shrink functions are 0: -lambd <= x <= lambd (the corners included)."""
    return (x >= -lambd) & (x <= lambd)


def shrink_d1(x: Array, lambd: float) -> Array:
    """1 outside the dead zone, 0 inside it: the slope of both shrink functions (and of ONNX's Shrink)."""
    return np.where(dead_zone(x, lambd), 0.0, 1.0)


HARDSHRINK = Activation(
    name="hardshrink",
    torch="Hardshrink",
    aliases=("hard-shrink", "hard-threshold"),
    summary="Hard shrinkage: inputs within lambd of zero become zero, the rest pass unchanged.",
    parameters=(lambd_param("inputs with |x| <= lambd become 0"),),
    formula=r"$x\ \mathrm{if}\ |x| > \lambda\ \mathrm{else}\ 0$",
    derivative_formula=r"$1\ \mathrm{if}\ |x| > \lambda\ \mathrm{else}\ 0$",
    value_fn=lambda x, lambd: np.where(dead_zone(x, lambd), 0.0, x),
    derivative_fns=(shrink_d1, zeros),
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
    derivative_fns=(shrink_d1, zeros),
    breakpoints_fn=lambda lambd: (Breakpoint(-lambd, 1), Breakpoint(lambd, 1)),
    kink_convention=("f'(+-lambd) = 0 (the zero branch), as PyTorch's autograd; "
                     "with lambd = 0 the function is the identity but f'(0) = 0, so f' jumps there "
                     "and the entry stays C0 with a kink at 0."),
    properties=Properties((-math.inf, math.inf), "increasing", 0, True),
    default_range=(-2.0, 2.0),
)


#: Below |x| = 1.5, x - tanh(x) cancels (1e4 ulps at x = 0.02, every digit below 1e-8), so it is
#: x^3 g(x^2) there, g(s) = (x - tanh x) / x^3 from 1/3 at s = 0 to 0.18 at s = 2.25, summed from
#: its Chebyshev series on [0, 2.25] (coefficients computed with mpmath at 60 digits; the last one
#: kept is 1.6e-18, under a tenth of an ulp of g).
TANHSHRINK_SERIES_BELOW = 1.5
_TANHSHRINK_CHEBYSHEV = (
    0.2422048003412551, -0.07651921589108926, 0.012263409932144026, -0.0019691226118215797,
    0.00031626574978293966, -5.079827902675008e-05, 8.159216183622964e-06, -1.3105339360604543e-06,
    2.1049809081527707e-07, -3.381022491285568e-08, 5.43060180596713e-09, -8.722638215053208e-10,
    1.4010310487563961e-10, -2.2503375139555677e-11, 3.61449443338073e-12, -5.805604682818825e-13,
    9.324968222912396e-14, -1.4977773566922693e-14, 2.405731533441558e-15, -3.864088467578675e-16,
    6.206502877698274e-17, -9.968891316563177e-18, 1.6012043503362403e-18,
)


def tanhshrink(x: Array) -> Array:
    """x - tanh(x), to a few ulps: x^3 g(x^2) (a Chebyshev series) where it would cancel."""
    near = np.abs(x) < TANHSHRINK_SERIES_BELOW
    y = np.where(near, x, 0.0)
    with np.errstate(under="ignore"):
        square = y * y
        t = square * (2.0 / TANHSHRINK_SERIES_BELOW**2) - 1.0  # [0, 2.25] onto [-1, 1]
        b1, b2 = np.zeros_like(t), np.zeros_like(t)
        for c in _TANHSHRINK_CHEBYSHEV[:0:-1]:  # Clenshaw's recurrence
            b1, b2 = 2.0 * t * b1 - b2 + c, b1
        g = t * b1 - b2 + _TANHSHRINK_CHEBYSHEV[0]
        series = y * square * g
    return np.where(near, series, x - np.tanh(x))


TANHSHRINK = Activation(
    name="tanhshrink",
    torch="Tanhshrink",
    aliases=("tanh-shrink",),
    summary="Tanh shrinkage: x - tanh(x), flat near zero and parallel to the identity far out.",
    formula=r"$x - \tanh(x)$",
    derivative_formula=r"$\tanh^2(x)$",
    value_fn=tanhshrink,
    note=("PyTorch computes x - tanh(x) as written, which cancels near 0: 2e-14 relative off at "
          "x = 0.1 and every digit lost below |x| = 1e-8; actplot's value keeps a few ulps."),
    derivative_fns=(lambda x: np.tanh(x) ** 2, lambda x: 2.0 * np.tanh(x) * tanh_slope(x)),
    properties=Properties((-math.inf, math.inf), "increasing", math.inf, True),
)

ENTRIES = (HARDSHRINK, SOFTSHRINK, TANHSHRINK)
