"""Rectifiers: ReLU and its piecewise-linear relatives, plus the step functions.

Each entry is: its value function, its two derivatives, and one :class:`Activation` record.
All derivatives at the kinks follow PyTorch's autograd; each record states its convention.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog import papers
from actplot.catalog.builder import breaks_at
from actplot.catalog.special import inside, scaled, zeros
from actplot.core.schema import (
    Activation,
    Array,
    Breakpoint,
    Constraint,
    Param,
    Properties,
)

TITLE = "Rectifiers"

KINK_AT_ZERO = (Breakpoint(0.0, 1),)


def relu(x: Array) -> Array:
    """max(0, x)."""
    return np.maximum(x, 0.0)


def relu_d1(x: Array) -> Array:
    """1 for x > 0, else 0 (0 at x = 0, as autograd)."""
    return np.where(x > 0, 1.0, 0.0)


RELU = Activation(
    name="relu",
    torch="ReLU",
    aliases=("rectifier", "rectified-linear-unit"),
    summary="Rectified linear unit: the identity for positive inputs, zero otherwise.",
    formula=r"$\max(0,\ x)$",
    derivative_formula=r"$1\ \mathrm{if}\ x > 0\ \mathrm{else}\ 0$",
    value_fn=relu,
    derivative_fns=(relu_d1, zeros),
    breakpoints_fn=breaks_at(0.0),
    kink_convention="f'(0) = 0 and f''(0) = 0, as PyTorch's autograd.",
    properties=Properties((0.0, math.inf), "increasing", 0, True),
)


def relu6(x: Array) -> Array:
    """min(max(0, x), 6)."""
    return np.clip(x, 0.0, 6.0)


def relu6_d1(x: Array) -> Array:
    """1 strictly between 0 and 6, else 0 (0 at both corners, as autograd)."""
    return inside(x, 0.0, 6.0)


RELU6 = Activation(
    name="relu6",
    torch="ReLU6",
    summary="ReLU capped at 6, as in MobileNet.",
    formula=r"$\min(\max(0,\ x),\ 6)$",
    derivative_formula=r"$1\ \mathrm{if}\ 0 < x < 6\ \mathrm{else}\ 0$",
    value_fn=relu6,
    derivative_fns=(relu6_d1, zeros),
    breakpoints_fn=breaks_at(0.0, 6.0),
    kink_convention="f'(0) = f'(6) = 0, as PyTorch's autograd.",
    properties=Properties((0.0, 6.0), "increasing", 0, True),
    default_range=(-3.0, 9.0),
)


def leaky(x: Array, slope: float) -> Array:
    """x for x > 0, slope * x otherwise: the shape shared by LeakyReLU, PReLU and RReLU.

    Where slope * x leaves float64's range (slope 1e308 at x = -1e6) the result is -+inf."""
    return np.where(x > 0, x, scaled(slope, np.minimum(x, 0.0)))


def leaky_d1(x: Array, slope: float) -> Array:
    """1 for x > 0, slope otherwise (slope at x = 0, as autograd)."""
    return np.where(x > 0, 1.0, slope)


def leaky_properties(slope: float) -> Properties:
    """Range and monotonicity of :func:`leaky` for a given negative-side slope."""
    low = -math.inf if slope > 0 else 0.0
    return Properties((low, math.inf), "increasing" if slope >= 0 else "no", 0 if slope != 1 else math.inf, True)


def leaky_kinks(slope: float) -> tuple[Breakpoint, ...]:
    """A kink at 0, unless the slope is 1 and the function is the identity."""
    return () if slope == 1 else KINK_AT_ZERO


LEAKY_RELU = Activation(
    name="leaky-relu",
    torch="LeakyReLU",
    aliases=("lrelu",),
    summary="ReLU with a small slope for negative inputs, so the gradient never vanishes.",
    parameters=(
        Param("negative_slope", 0.01, "slope of the line for x < 0", symbol=r"\alpha",
              aliases=("alpha", "slope"), examples=(0.1, 0.3, -0.2)),
    ),
    formula=r"$x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha x$",
    derivative_formula=r"$1\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha$",
    value_fn=lambda x, negative_slope: leaky(x, negative_slope),
    derivative_fns=(lambda x, negative_slope: leaky_d1(x, negative_slope), zeros),
    breakpoints_fn=lambda negative_slope: leaky_kinks(negative_slope),
    kink_convention="f'(0) = negative_slope (the left branch) and f''(0) = 0, as PyTorch's autograd.",
    properties=lambda negative_slope: leaky_properties(negative_slope),
)


PRELU = Activation(
    name="prelu",
    torch="PReLU",
    aliases=("parametric-relu",),
    paper=papers.PRELU,
    summary="Parametric ReLU: a leaky ReLU whose negative slope is learned; drawn at its initial value.",
    parameters=(
        Param("init", 0.25, "the learnable slope for x < 0 (its initial value)", symbol="a",
              aliases=("alpha", "a", "weight"), examples=(0.1, 0.5, -0.25)),
    ),
    formula=r"$x\ \mathrm{if}\ x > 0\ \mathrm{else}\ a x$",
    derivative_formula=r"$1\ \mathrm{if}\ x > 0\ \mathrm{else}\ a$",
    value_fn=lambda x, init: leaky(x, init),
    derivative_fns=(lambda x, init: leaky_d1(x, init), zeros),
    breakpoints_fn=lambda init: leaky_kinks(init),
    kink_convention="f'(0) = init (the left branch) and f''(0) = 0, as PyTorch's autograd.",
    properties=lambda init: leaky_properties(init),
    note="PyTorch's PReLU(num_parameters=1): one slope shared by all channels.",
)


def rrelu_slope(lower: float, upper: float) -> float:
    """The evaluation-mode slope (lower + upper) / 2, halved first where the sum would overflow."""
    total = lower + upper
    return total / 2 if math.isfinite(total) else lower / 2 + upper / 2


def rrelu_band(x: Array, order: int, lower: float, upper: float) -> tuple[Array, Array] | None:
    """Training-mode RReLU draws the slope for x < 0 from U(lower, upper): the band it covers."""
    if order == 2:
        return None
    if order == 0:
        edges = (leaky(x, lower), leaky(x, upper))
    else:
        edges = (leaky_d1(x, lower), leaky_d1(x, upper))
    return np.minimum(*edges), np.maximum(*edges)


RRELU = Activation(
    name="rrelu",
    torch="RReLU",
    aliases=("randomized-relu",),
    paper=papers.RRELU,
    summary="Randomized leaky ReLU: a random slope in [lower, upper] in training, their mean in evaluation.",
    parameters=(
        Param("lower", 1.0 / 8.0, "lower bound of the training-mode slope", symbol="l",
              examples=(0.05, 0.2)),
        Param("upper", 1.0 / 3.0, "upper bound of the training-mode slope", symbol="u",
              examples=(0.25, 0.5)),
    ),
    constraints=(Constraint(lambda p: p["lower"] <= p["upper"],
                            "lower must be less than or equal to upper"),),
    formula=r"$x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \frac{l+u}{2} x$",
    derivative_formula=r"$1\ \mathrm{if}\ x > 0\ \mathrm{else}\ \frac{l+u}{2}$",
    value_fn=lambda x, lower, upper: leaky(x, rrelu_slope(lower, upper)),
    derivative_fns=(lambda x, lower, upper: leaky_d1(x, rrelu_slope(lower, upper)), zeros),
    breakpoints_fn=lambda lower, upper: leaky_kinks(rrelu_slope(lower, upper)),
    band_fn=rrelu_band,
    kink_convention="f'(0) = (lower + upper) / 2 and f''(0) = 0, as PyTorch's autograd in eval mode.",
    properties=lambda lower, upper: leaky_properties(rrelu_slope(lower, upper)),
    note=("The curve is evaluation mode, slope (lower + upper) / 2; the shaded band is what "
          "training mode can draw, slopes from lower to upper."),
)


def relu_squared(x: Array) -> Array:
    """max(0, x)^2."""
    return np.maximum(x, 0.0) ** 2


RELU_SQUARED = Activation(
    name="relu-squared",
    aliases=("squared-relu", "relu2", "ReLUSquared"),
    paper=papers.RELU_SQUARED,
    summary="Squared ReLU, as in the Primer transformer: smooth at 0 to first order.",
    formula=r"$\max(0,\ x)^2$",
    derivative_formula=r"$2\max(0,\ x)$",
    value_fn=relu_squared,
    derivative_fns=(lambda x: 2.0 * np.maximum(x, 0.0), lambda x: 2.0 * relu_d1(x)),
    breakpoints_fn=breaks_at(0.0, order=2),
    kink_convention="f''(0) = 0 (the left branch), as autograd of relu(x) ** 2.",
    properties=Properties((0.0, math.inf), "increasing", 1, True),
)


def threshold(x: Array, threshold: float, value: float) -> Array:
    """x above the threshold, ``value`` at or below it."""
    return np.where(x > threshold, x, value)


def threshold_properties(threshold: float, value: float) -> Properties:
    """The threshold function jumps unless ``value`` equals ``threshold``."""
    at_zero = 0.0 if threshold < 0 else value
    return Properties(
        (min(value, threshold), math.inf),
        "increasing" if value <= threshold else "no",
        0 if value == threshold else -1,
        at_zero == 0.0,
    )


THRESHOLD = Activation(
    name="threshold",
    torch="Threshold",
    summary="Keeps x above a threshold and replaces everything else by a constant.",
    parameters=(
        Param("threshold", 1.0, "inputs at or below this are replaced", symbol=r"\theta",
              examples=(0.0, -0.5, 2.0)),
        Param("value", 0.0, "the constant that replaces them", symbol="v",
              examples=(-1.0, 2.0, 1.0)),
    ),
    formula=r"$x\ \mathrm{if}\ x > \theta\ \mathrm{else}\ v$",
    derivative_formula=r"$1\ \mathrm{if}\ x > \theta\ \mathrm{else}\ 0$",
    value_fn=threshold,
    derivative_fns=(lambda x, threshold, value: np.where(x > threshold, 1.0, 0.0), zeros),
    breakpoints_fn=lambda threshold, value: (Breakpoint(threshold, 1 if value == threshold else 0),),
    kink_convention="f(threshold) = value and f'(threshold) = 0, as PyTorch's autograd.",
    properties=threshold_properties,
    default_range=(-2.0, 4.0),
    note="PyTorch's Threshold has no defaults; actplot draws threshold=1, value=0 unless told.",
)


BINARY_STEP = Activation(
    name="binary-step",
    aliases=("heaviside", "step", "unit-step"),
    summary="The Heaviside step: 1 from zero on, 0 below.",
    formula=r"$1\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ 0$",
    derivative_formula=r"$0$",
    value_fn=lambda x: np.where(x >= 0, 1.0, 0.0),
    derivative_fns=(zeros, zeros),
    breakpoints_fn=breaks_at(0.0, order=0),
    kink_convention="f(0) = 1; f' = 0 everywhere, 0 included, as autograd treats a comparison.",
    properties=Properties((0.0, 1.0), "increasing", -1, False),
    default_range=(-3.0, 3.0),
)

ENTRIES = (RELU, RELU6, LEAKY_RELU, PRELU, RRELU, RELU_SQUARED, THRESHOLD, BINARY_STEP)
