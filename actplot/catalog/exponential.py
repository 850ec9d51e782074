"""The exponential linear units (ELU, CELU, SELU) and the plain exponential.

ELU, CELU and SELU are one shape, as in PyTorch's kernel: for x > 0, ``scale * x``; otherwise
``scale * alpha * (exp(x / width) - 1)`` (PyTorch multiplies by input_scale = 1 / width, which
overflows for CELU's alpha = 5e-324). The exponential is only ever taken of the non-positive
part of x, so nothing overflows at large positive x.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog import papers
from actplot.catalog.builder import breaks_at
from actplot.core.schema import POSITIVE, Activation, Array, Breakpoint, Param, Properties

TITLE = "Exponential linear units"

#: SELU's constants, from Klambauer et al. (2017), as PyTorch defines them.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946

#: The largest x whose exponential is finite in float64.
EXP_LIMIT = math.log(np.finfo(np.float64).max)


def exponent(x: Array, width: float) -> Array:
    """min(x, 0) / width: the exponent of the left arm. Below -1.8e308 (width 5e-324) it is
    -inf without a warning, and the exponential takes it to its true value 0."""
    with np.errstate(over="ignore"):
        return np.minimum(x, 0.0) / width


def elu_shape(x: Array, alpha: float, scale: float = 1.0, width: float = 1.0) -> Array:
    """scale * x for x > 0, else scale * alpha * (exp(x / width) - 1)."""
    negative = alpha * np.expm1(exponent(x, width))
    return scale * np.where(x > 0, x, negative)


def elu_shape_d1(x: Array, alpha: float, scale: float = 1.0, width: float = 1.0) -> Array:
    """scale for x > 0, else scale * (alpha / width) * exp(x / width); x = 0 takes the
    exponential branch, as PyTorch's autograd."""
    negative = alpha / width * np.exp(exponent(x, width))
    return scale * np.where(x > 0, 1.0, negative)


def elu_shape_d2(x: Array, alpha: float, scale: float = 1.0, width: float = 1.0) -> Array:
    """0 for x >= 0, else scale * (alpha / width) * exp(x / width) / width; f''(0) = 0 as
    PyTorch's double backward (which masks with x < 0). Divided last, as CELU's 1/alpha may
    truly exceed float64 (alpha = 5e-324): +inf there, without a warning."""
    with np.errstate(over="ignore"):
        negative = alpha / width * (np.exp(exponent(x, width)) / width)
    return scale * np.where(x < 0, negative, 0.0)


def elu_properties(alpha: float) -> Properties:
    """ELU is C1 exactly when alpha = 1; with alpha < 0 its left arm falls instead of rising."""
    low = -alpha if alpha >= 0 else 0.0
    return Properties((low, math.inf), "increasing" if alpha >= 0 else "no",
                      1 if alpha == 1 else 0, True)


ELU = Activation(
    name="elu",
    torch="ELU",
    aliases=("exponential-linear-unit",),
    paper=papers.ELU,
    summary="Exponential linear unit: the identity for x > 0, a saturating exponential below.",
    parameters=(
        Param("alpha", 1.0, "the negative saturation value is -alpha", symbol=r"\alpha",
              examples=(0.5, 2.0, -0.5)),
    ),
    formula=r"$x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha\,(e^{x} - 1)$",
    derivative_formula=r"$1\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha\,e^{x}$",
    value_fn=elu_shape,
    derivative_fns=(elu_shape_d1, elu_shape_d2),
    breakpoints_fn=lambda alpha: (Breakpoint(0.0, 2 if alpha == 1 else 1),),
    kink_convention="f'(0) = alpha (the exponential branch) and f''(0) = 0, as PyTorch's autograd.",
    properties=elu_properties,
)


CELU = Activation(
    name="celu",
    torch="CELU",
    aliases=("continuously-differentiable-elu",),
    paper=papers.CELU,
    summary="Continuously differentiable ELU: ELU rescaled so its slope is 1 at 0 for every alpha.",
    parameters=(
        Param("alpha", 1.0, "the negative saturation value is -alpha", symbol=r"\alpha",
              domain=POSITIVE, examples=(0.5, 2.0)),
    ),
    formula=r"$\max(0,\ x) + \min(0,\ \alpha\,(e^{x/\alpha} - 1))$",
    derivative_formula=r"$1\ \mathrm{if}\ x > 0\ \mathrm{else}\ e^{x/\alpha}$",
    value_fn=lambda x, alpha: elu_shape(x, alpha, width=alpha),
    derivative_fns=(lambda x, alpha: elu_shape_d1(x, alpha, width=alpha),
                    lambda x, alpha: elu_shape_d2(x, alpha, width=alpha)),
    breakpoints_fn=breaks_at(0.0, order=2),
    kink_convention="f''(0) = 0 (the right branch), as PyTorch's autograd.",
    properties=lambda alpha: Properties((-alpha, math.inf), "increasing", 1, True),
    note="alpha must be positive here (PyTorch also accepts a negative alpha, whose exponential "
         "overflows for large negative x).",
)


SELU = Activation(
    name="selu",
    torch="SELU",
    aliases=("scaled-elu",),
    paper=papers.SELU,
    summary="Scaled ELU, with the constants that make self-normalizing networks keep mean 0 and variance 1.",
    formula=r"$\lambda x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \lambda\alpha\,(e^{x} - 1)$",
    derivative_formula=r"$\lambda\ \mathrm{if}\ x > 0\ \mathrm{else}\ \lambda\alpha\,e^{x}$",
    value_fn=lambda x: elu_shape(x, SELU_ALPHA, SELU_SCALE),
    derivative_fns=(lambda x: elu_shape_d1(x, SELU_ALPHA, SELU_SCALE),
                    lambda x: elu_shape_d2(x, SELU_ALPHA, SELU_SCALE)),
    breakpoints_fn=breaks_at(0.0),
    kink_convention="f'(0) = scale * alpha (the exponential branch) and f''(0) = 0, as PyTorch's autograd.",
    properties=Properties((-SELU_SCALE * SELU_ALPHA, math.inf), "increasing", 0, True),
    note=f"Fixed constants: alpha = {SELU_ALPHA!r}, lambda (scale) = {SELU_SCALE!r}.",
)


def exponential(x: Array) -> Array:
    """exp(x); +inf beyond x = 709.78, where the value leaves float64's range."""
    with np.errstate(over="ignore"):
        return np.exp(x)


EXPONENTIAL = Activation(
    name="exponential",
    aliases=("exp",),
    summary="The exponential function, as Keras's exponential activation.",
    formula=r"$e^{x}$",
    derivative_formula=r"$e^{x}$",
    value_fn=exponential,
    derivative_fns=(exponential, exponential),
    properties=Properties((0.0, math.inf), "increasing", math.inf, False),
    default_range=(-3.0, 3.0),
    overflow_above=EXP_LIMIT,
    note="Values beyond x = 709.78 exceed float64 and are returned as +inf.",
)

ENTRIES = (ELU, CELU, SELU, EXPONENTIAL)
