"""Squashing functions: S-shaped curves that map the real line into a bounded interval.

Sigmoid, tanh and their hard (piecewise-linear) versions, softsign, log-sigmoid, arctan and
the inverse square root unit.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog.special import (
    log_sigmoid,
    scaled,
    sigmoid,
    sigmoid_curvature,
    sigmoid_slope,
    tanh_slope,
    zeros,
)
from actplot.schema import POSITIVE, Activation, Array, Breakpoint, Constraint, Param, Properties


def inside(x: Array, low: float, high: float, slope: float = 1.0) -> Array:
    """``slope`` strictly between low and high, 0 elsewhere: the derivative of a clip."""
    return np.where((x > low) & (x < high), slope, 0.0)


SIGMOID = Activation(
    name="sigmoid",
    torch="Sigmoid",
    aliases=("logistic", "expit"),
    summary="The logistic sigmoid, 1 / (1 + exp(-x)), mapping the line into (0, 1).",
    formula=r"$\sigma(x) = \frac{1}{1 + e^{-x}}$",
    derivative_formula=r"$\sigma(x)\,(1 - \sigma(x))$",
    value_fn=sigmoid,
    derivative_fns=(sigmoid_slope, sigmoid_curvature),
    properties=Properties((0.0, 1.0), "increasing", math.inf, False),
)


TANH = Activation(
    name="tanh",
    torch="Tanh",
    aliases=("hyperbolic-tangent",),
    summary="Hyperbolic tangent, a sigmoid rescaled to (-1, 1) and centred on 0.",
    formula=r"$\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}$",
    derivative_formula=r"$1 - \tanh^2(x)$",
    value_fn=np.tanh,
    derivative_fns=(tanh_slope, lambda x: -2.0 * np.tanh(x) * tanh_slope(x)),
    properties=Properties((-1.0, 1.0), "increasing", math.inf, True),
)


HARDTANH = Activation(
    name="hardtanh",
    torch="Hardtanh",
    aliases=("hard-tanh", "clip"),
    summary="Hard tanh: the identity clipped to [min_val, max_val].",
    parameters=(
        Param("min_val", -1.0, "lower end of the linear region", symbol="a", aliases=("min",),
              examples=(-2.0, 0.0)),
        Param("max_val", 1.0, "upper end of the linear region", symbol="b", aliases=("max",),
              examples=(2.0, 0.5)),
    ),
    constraints=(Constraint(lambda p: p["min_val"] < p["max_val"], "min_val must be less than max_val"),),
    formula=r"$\min(\max(x,\ a),\ b)$",
    derivative_formula=r"$1\ \mathrm{if}\ a < x < b\ \mathrm{else}\ 0$",
    value_fn=lambda x, min_val, max_val: np.clip(x, min_val, max_val),
    derivative_fns=(lambda x, min_val, max_val: inside(x, min_val, max_val), zeros),
    breakpoints_fn=lambda min_val, max_val: (Breakpoint(min_val, 1), Breakpoint(max_val, 1)),
    kink_convention="f'(min_val) = f'(max_val) = 0, as PyTorch's autograd.",
    properties=lambda min_val, max_val: Properties(
        (min_val, max_val), "increasing", 0, min_val <= 0.0 <= max_val),
    default_range=(-3.0, 3.0),
)


HARDSIGMOID = Activation(
    name="hardsigmoid",
    torch="Hardsigmoid",
    aliases=("hard-sigmoid",),
    summary="Hard sigmoid: a clipped line through (0, 1/2) with slope 1/6, as PyTorch, JAX and Keras 3.",
    formula=r"$\frac{\min(\max(x + 3,\ 0),\ 6)}{6}$",
    derivative_formula=r"$\frac{1}{6}\ \mathrm{if}\ -3 < x < 3\ \mathrm{else}\ 0$",
    value_fn=lambda x: np.clip(x + 3.0, 0.0, 6.0) / 6.0,
    derivative_fns=(lambda x: inside(x, -3.0, 3.0, 1.0 / 6.0), zeros),
    breakpoints_fn=lambda: (Breakpoint(-3.0, 1), Breakpoint(3.0, 1)),
    kink_convention="f'(-3) = f'(3) = 0, as PyTorch's autograd.",
    properties=Properties((0.0, 1.0), "increasing", 0, False),
)


SPARSE_SIGMOID = Activation(
    name="sparse-sigmoid",
    aliases=("sparsesigmoid",),
    summary="Sparse sigmoid (JAX): the derivative of sparse-plus, a clipped line from -1 to 1.",
    formula=r"$\mathrm{clip}(\frac{x + 1}{2},\ 0,\ 1)$",
    derivative_formula=r"$\frac{1}{2}\ \mathrm{if}\ -1 < x < 1\ \mathrm{else}\ 0$",
    value_fn=lambda x: np.clip((x + 1.0) / 2.0, 0.0, 1.0),
    derivative_fns=(lambda x: inside(x, -1.0, 1.0, 0.5) + np.where(np.abs(x) == 1.0, 0.25, 0.0), zeros),
    breakpoints_fn=lambda: (Breakpoint(-1.0, 1), Breakpoint(1.0, 1)),
    kink_convention=("f'(-1) = f'(1) = 1/4 and f'' = 0 there, as JAX's autograd of 0.5 clip(x + 1, 0, 2): "
                     "at a corner jnp.clip's max and min split the gradient 1/2 evenly between their arguments."),
    properties=Properties((0.0, 1.0), "increasing", 0, False),
    default_range=(-3.0, 3.0),
)


SOFTSIGN = Activation(
    name="softsign",
    torch="Softsign",
    aliases=("soft-sign",),
    summary="Softsign: x / (1 + |x|), a sigmoid shape whose tails approach +-1 polynomially.",
    formula=r"$\frac{x}{1 + |x|}$",
    derivative_formula=r"$\frac{1}{(1 + |x|)^2}$",
    value_fn=lambda x: x / (1.0 + np.abs(x)),
    derivative_fns=(
        lambda x: 1.0 / (1.0 + np.abs(x)) ** 2,
        lambda x: -2.0 * np.sign(x) / (1.0 + np.abs(x)) ** 3,
    ),
    breakpoints_fn=lambda: (Breakpoint(0.0, 2),),
    kink_convention="f''(0) = 0 (autograd's sign(0) = 0); the left and right limits are +2 and -2.",
    properties=Properties((-1.0, 1.0), "increasing", 1, True),
)


LOG_SIGMOID = Activation(
    name="log-sigmoid",
    torch="LogSigmoid",
    aliases=("logsigmoid",),
    summary="The logarithm of the sigmoid, -softplus(-x): the log-probability of a logistic output.",
    formula=r"$\ln\,\sigma(x) = -\ln(1 + e^{-x})$",
    derivative_formula=r"$1 - \sigma(x)$",
    value_fn=log_sigmoid,
    derivative_fns=(lambda x: sigmoid(-x), lambda x: -sigmoid_slope(x)),
    properties=Properties((-math.inf, 0.0), "increasing", math.inf, False),
)


ARCTAN = Activation(
    name="arctan",
    aliases=("atan", "inverse-tangent"),
    summary="The inverse tangent, a sigmoid shape onto (-pi/2, pi/2) with polynomial tails.",
    formula=r"$\arctan(x)$",
    derivative_formula=r"$\frac{1}{1 + x^2}$",
    value_fn=np.arctan,
    derivative_fns=(lambda x: 1.0 / (1.0 + x * x), lambda x: -2.0 * x / (1.0 + x * x) ** 2),
    properties=Properties((-math.pi / 2, math.pi / 2), "increasing", math.inf, True),
)


#: Beyond |sqrt(alpha) x| = 1e300, ISRU and its derivatives have reached their limits in float64.
ISRU_SATURATED = 1e300


def isru_parts(x: Array, alpha: float) -> tuple[Array, Array]:
    """u = sqrt(alpha) x, clipped to +-1e300, and q = 1 / sqrt(1 + alpha x^2) = 1 / hypot(1, u):
    no alpha x^2 (which overflows for alpha = 1e300, x = 1e6)."""
    u = np.clip(scaled(math.sqrt(alpha), x), -ISRU_SATURATED, ISRU_SATURATED)
    return u, 1.0 / np.hypot(1.0, u)


def isru(x: Array, alpha: float) -> Array:
    """x / sqrt(1 + alpha x^2), or its limit sign(x) / sqrt(alpha) where u was clipped."""
    u, q = isru_parts(x, alpha)
    return np.where(np.abs(u) < ISRU_SATURATED, x * q, np.sign(x) / math.sqrt(alpha))


def isru_d2(x: Array, alpha: float) -> Array:
    """-3 alpha x (1 + alpha x^2)^-2.5, as -3 sqrt(alpha) (u q) q^4 with |u q| < 1."""
    u, q = isru_parts(x, alpha)
    return -3.0 * math.sqrt(alpha) * (u * q) * q**4


ISRU = Activation(
    name="isru",
    aliases=("inverse-square-root-unit",),
    summary="Inverse square root unit: x / sqrt(1 + alpha x^2), onto (-1/sqrt(alpha), 1/sqrt(alpha)).",
    parameters=(
        Param("alpha", 1.0, "the output range is +-1/sqrt(alpha)", symbol=r"\alpha", domain=POSITIVE,
              examples=(0.25, 4.0)),
    ),
    formula=r"$\frac{x}{\sqrt{1 + \alpha x^2}}$",
    derivative_formula=r"$(1 + \alpha x^2)^{-3/2}$",
    value_fn=isru,
    derivative_fns=(lambda x, alpha: isru_parts(x, alpha)[1] ** 3, isru_d2),
    properties=lambda alpha: Properties(
        (-1.0 / math.sqrt(alpha), 1.0 / math.sqrt(alpha)), "increasing", math.inf, True),
)

ENTRIES = (SIGMOID, TANH, HARDTANH, HARDSIGMOID, SPARSE_SIGMOID, SOFTSIGN, LOG_SIGMOID, ARCTAN, ISRU)
