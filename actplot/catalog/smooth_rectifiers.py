"""Smooth rectifiers: curves that bend from 0 (or a slow left arm) into the identity.

Softplus with PyTorch's linear switch-over, Squareplus, Sparse-plus and the bent identity.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog.special import sigmoid, sigmoid_slope, softplus
from actplot.schema import POSITIVE, Activation, Array, Breakpoint, Param, Properties


def softplus_beta(x: Array, beta: float, threshold: float) -> Array:
    """log(1 + exp(beta x)) / beta, or x itself where beta x > threshold (as PyTorch)."""
    return np.where(beta * x > threshold, x, softplus(beta * x) / beta)


def softplus_properties(beta: float, threshold: float) -> Properties:
    """Softplus's properties, with PyTorch's switch-over jump taken into account.

    The jump log(1 + exp(-threshold)) / beta at x = threshold / beta is counted as a jump only
    when it exceeds 1e-9 of the value there (at the defaults it is 2e-9 against 20: not counted);
    a counted jump falls downward, so the function is then neither monotonic nor continuous.
    """
    switch = threshold / beta
    gap = float(softplus(np.float64(-threshold))) / beta
    if gap <= 1e-9 * (1.0 + abs(switch)):
        return Properties((0.0, math.inf), "increasing", math.inf, False)
    return Properties((min(0.0, switch), math.inf), "no", -1, threshold < 0)


SOFTPLUS = Activation(
    name="softplus",
    torch="Softplus",
    aliases=("smooth-relu",),
    summary="Softplus: a smooth ReLU, log(1 + exp(beta x)) / beta.",
    parameters=(
        Param("beta", 1.0, "sharpness; larger beta is closer to ReLU", symbol=r"\beta",
              domain=POSITIVE, examples=(0.5, 2.0)),
        Param("threshold", 20.0, "above beta*x > threshold the function is x itself", symbol="t",
              examples=(5.0, 1.0)),
    ),
    formula=r"$\frac{1}{\beta}\ln(1 + e^{\beta x})$",
    derivative_formula=r"$\sigma(\beta x)$",
    value_fn=softplus_beta,
    derivative_fns=(
        lambda x, beta, threshold: np.where(beta * x > threshold, 1.0, sigmoid(beta * x)),
        lambda x, beta, threshold: np.where(beta * x < threshold, beta * sigmoid_slope(beta * x), 0.0),
    ),
    breakpoints_fn=lambda beta, threshold: (Breakpoint(threshold / beta, 0),),
    kink_convention=(
        "Above beta*x > threshold, PyTorch returns x itself, leaving a jump of "
        "log(1 + exp(-threshold))/beta at x = threshold/beta (2e-9 at the defaults); there "
        "f is the log branch, f' = sigmoid(threshold) and f'' = 0, as PyTorch's autograd."),
    properties=softplus_properties,
)


def squareplus(x: Array, b: float) -> Array:
    """(x + sqrt(x^2 + b)) / 2, written without cancellation for x < 0."""
    root = np.sqrt(x * x + b)
    return np.where(x < 0, b / (2.0 * (root - np.minimum(x, 0.0))), 0.5 * (x + root))


def squareplus_d1(x: Array, b: float) -> Array:
    """(1 + x / sqrt(x^2 + b)) / 2, written without cancellation for x < 0."""
    root = np.sqrt(x * x + b)
    return np.where(x < 0, 0.5 * b / (root * (root - np.minimum(x, 0.0))), 0.5 * (1.0 + x / root))


SQUAREPLUS = Activation(
    name="squareplus",
    summary="Squareplus: an algebraic softplus, (x + sqrt(x^2 + b)) / 2, with no exponentials.",
    parameters=(
        Param("b", 4.0, "curvature at 0; b -> 0 gives ReLU", symbol="b", domain=POSITIVE,
              examples=(1.0, 0.25)),
    ),
    formula=r"$\frac{x + \sqrt{x^2 + b}}{2}$",
    derivative_formula=r"$\frac{1}{2}\,(1 + \frac{x}{\sqrt{x^2 + b}})$",
    value_fn=squareplus,
    derivative_fns=(squareplus_d1, lambda x, b: 0.5 * b / (x * x + b) ** 1.5),
    properties=Properties((0.0, math.inf), "increasing", math.inf, False),
    note="b must be positive here (JAX also allows b = 0, which is ReLU).",
)


SPARSE_PLUS = Activation(
    name="sparse-plus",
    aliases=("sparseplus",),
    summary="Sparse-plus (JAX): 0 below -1, a parabola on [-1, 1], the identity above 1.",
    formula=r"$0\ \mathrm{if}\ x \leq -1;\ \frac{(x + 1)^2}{4}\ \mathrm{if}\ x < 1;\ x\ \mathrm{else}$",
    derivative_formula=r"$\mathrm{clip}(\frac{x + 1}{2},\ 0,\ 1)$",
    value_fn=lambda x: np.where(x <= -1.0, 0.0, np.where(x >= 1.0, x, (x + 1.0) ** 2 / 4.0)),
    derivative_fns=(
        lambda x: np.clip((x + 1.0) / 2.0, 0.0, 1.0),
        lambda x: np.where((x > -1.0) & (x < 1.0), 0.5, 0.0),
    ),
    breakpoints_fn=lambda: (Breakpoint(-1.0, 2), Breakpoint(1.0, 2)),
    kink_convention="f''(-1) = f''(1) = 0 (the outer branches, as jax.nn.sparse_plus's where).",
    properties=Properties((0.0, math.inf), "increasing", 1, False),
    default_range=(-3.0, 3.0),
)


BENT_IDENTITY = Activation(
    name="bent-identity",
    aliases=("bentid",),
    summary="Bent identity: the identity plus a hyperbola that bends it upward on both sides.",
    formula=r"$\frac{\sqrt{x^2 + 1} - 1}{2} + x$",
    derivative_formula=r"$\frac{x}{2\sqrt{x^2 + 1}} + 1$",
    value_fn=lambda x: x * x / (2.0 * (np.hypot(x, 1.0) + 1.0)) + x,
    derivative_fns=(
        lambda x: x / (2.0 * np.hypot(x, 1.0)) + 1.0,
        lambda x: 0.5 / np.hypot(x, 1.0) ** 3,
    ),
    properties=Properties((-math.inf, math.inf), "increasing", math.inf, True),
)

ENTRIES = (SOFTPLUS, SQUAREPLUS, SPARSE_PLUS, BENT_IDENTITY)
