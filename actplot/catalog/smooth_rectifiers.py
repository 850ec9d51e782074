"""Smooth rectifiers: curves that bend from 0 (or a slow left arm) into the identity.

Softplus with PyTorch's linear switch-over, Squareplus, Sparse-plus and the bent identity.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog import papers
from actplot.catalog.builder import derivatives
from actplot.catalog.special import scaled, sigmoid, sigmoid_slope, softplus
from actplot.core.schema import POSITIVE, Activation, Array, Breakpoint, Paper, Param, Properties

TITLE = "Smooth rectifiers"


def softplus_beta(x: Array, beta: float, threshold: float) -> Array:
    """log(1 + exp(beta x)) / beta, or x itself where beta x > threshold (as PyTorch)."""
    z = scaled(beta, x)
    with np.errstate(over="ignore"):  # log(2) / 5e-324 truly exceeds float64; the rest cannot overflow
        return np.where(z > threshold, x, softplus(z) / beta)


def softplus_d1(x: Array, beta: float, threshold: float) -> Array:
    """sigmoid(beta x), or 1 where beta x > threshold."""
    z = scaled(beta, x)
    return np.where(z > threshold, 1.0, sigmoid(z))


def softplus_d2(x: Array, beta: float, threshold: float) -> Array:
    """beta sigmoid'(beta x) where beta x < threshold, else 0 (at most beta / 4: no overflow)."""
    z = scaled(beta, x)
    return np.where(z < threshold, beta * sigmoid_slope(z), 0.0)


def softplus_switch(beta: float, threshold: float) -> tuple[Breakpoint, ...]:
    """The jump at x = threshold / beta, or none where that lies beyond float64 (no finite x
    switches, or every finite x does)."""
    switch = threshold / beta
    return (Breakpoint(switch, 0),) if math.isfinite(switch) else ()


def softplus_properties(beta: float, threshold: float) -> Properties:
    """Softplus's properties, PyTorch's switch-over included.

    The jump log(1 + exp(-threshold)) / beta at x = threshold / beta is a jump whatever its size
    (2e-9 at the defaults): the function is then discontinuous, and as the jump falls, not
    monotonic. Without a finite switch the curve is the smooth log form, or the identity.
    """
    if not softplus_switch(beta, threshold):
        if threshold > 0:
            return Properties((0.0, math.inf), "increasing", math.inf, False)
        return Properties((-math.inf, math.inf), "increasing", math.inf, True)
    return Properties((min(0.0, threshold / beta), math.inf), "no", -1, threshold < 0)


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
    formula=r"$\frac{1}{\beta}\ln(1 + e^{\beta x})\ \mathrm{if}\ \beta x \leq t\ \mathrm{else}\ x$",
    derivative_formula=r"$\sigma(\beta x)\ \mathrm{if}\ \beta x \leq t\ \mathrm{else}\ 1$",
    value_fn=softplus_beta,
    derivative_fns=(softplus_d1, softplus_d2),
    breakpoints_fn=softplus_switch,
    kink_convention=(
        "Above beta*x > threshold, PyTorch returns x itself, leaving a downward jump of "
        "log(1 + exp(-threshold))/beta at x = threshold/beta (2e-9 at the defaults); there "
        "f is the log branch, f' = sigmoid(threshold) and f'' = 0, as PyTorch's autograd."),
    properties=softplus_properties,
    note=("The switch's jump counts however small it is: softplus is listed as discontinuous and "
          "not monotonic (the jump falls). Where threshold/beta lies beyond float64, no finite x "
          "reaches the switch (or all do) and the curve is smooth."),
)


def squareplus_root(x: Array, b: float) -> Array:
    """sqrt(x^2 + b), as hypot so that neither x^2 nor b^1.5 can overflow."""
    return np.hypot(x, math.sqrt(b))


def squareplus(x: Array, b: float) -> Array:
    """(x + sqrt(x^2 + b)) / 2; for x < 0 as b / (2 sqrt(x^2 + b) (1 - x / sqrt(x^2 + b))),
    without cancellation and without the overflow of sqrt(x^2 + b) - x."""
    root = squareplus_root(x, b)
    lean = 1.0 - np.minimum(x, 0.0) / root  # in [1, 2]
    return np.where(x < 0, 0.5 * (b / root) / lean, 0.5 * x + 0.5 * root)


def squareplus_d1(x: Array, b: float) -> Array:
    """(1 + x / sqrt(x^2 + b)) / 2, written as above for x < 0."""
    root = squareplus_root(x, b)
    lean = 1.0 - np.minimum(x, 0.0) / root
    return np.where(x < 0, 0.5 * (b / root) / root / lean, 0.5 * (1.0 + x / root))


def squareplus_d2(x: Array, b: float) -> Array:
    """b / (2 (x^2 + b)^1.5), divided step by step: b = 1e300 and b = 1e-300 stay finite."""
    root = squareplus_root(x, b)
    return 0.5 * (b / root) / root / root


SQUAREPLUS = Activation(
    name="squareplus",
    paper=papers.SQUAREPLUS,
    summary="Squareplus: an algebraic softplus, (x + sqrt(x^2 + b)) / 2, with no exponentials.",
    parameters=(
        Param("b", 4.0, "curvature at 0; b -> 0 gives ReLU", symbol="b", domain=POSITIVE,
              examples=(1.0, 0.25)),
    ),
    formula=r"$\frac{x + \sqrt{x^2 + b}}{2}$",
    derivative_formula=r"$\frac{1}{2}\,(1 + \frac{x}{\sqrt{x^2 + b}})$",
    value_fn=squareplus,
    derivative_fns=(squareplus_d1, squareplus_d2),
    properties=Properties((0.0, math.inf), "increasing", math.inf, False),
    note="b must be positive here (JAX also allows b = 0, which is ReLU).",
)


def smelu(x: Array, beta: float, order: int = 0) -> Array:
    """0 below -beta, (x + beta)^2 / (4 beta) between, x above; the square as a product of two
    factors so that beta = 1e300 does not overflow and beta = 1e-300 does not underflow."""
    inside = (x > -beta) & (x < beta)
    shifted = np.where(inside, x + beta, 0.0)
    if order == 0:
        return np.where(x >= beta, x, shifted * (shifted / (4.0 * beta)))
    if order == 1:
        return np.where(x >= beta, 1.0, shifted / (2.0 * beta))
    return np.where(inside, 0.5 / beta, 0.0)


SPARSE_PLUS = Activation(
    name="sparse-plus",
    aliases=("sparseplus", "smelu"),
    summary="Sparse-plus (SmeLU): 0 below -beta, a parabola on [-beta, beta], the identity above.",
    parameters=(
        Param("beta", 1.0, "half-width of the parabola joining 0 and the identity", symbol=r"\beta",
              domain=POSITIVE, examples=(0.5, 2.0)),
    ),
    formula=(r"$0\ \mathrm{if}\ x \leq -\beta;\ \frac{(x + \beta)^2}{4\beta}\ \mathrm{if}\ x < \beta;"
             r"\ x\ \mathrm{else}$"),
    derivative_formula=r"$\mathrm{clip}(\frac{x + \beta}{2\beta},\ 0,\ 1)$",
    value_fn=smelu,
    derivative_fns=derivatives(smelu),
    breakpoints_fn=lambda beta: (Breakpoint(-beta, 2), Breakpoint(beta, 2)),
    kink_convention="f''(-beta) = f''(beta) = 0 (the outer branches, as jax.nn.sparse_plus's where).",
    properties=Properties((0.0, math.inf), "increasing", 1, False),
    paper=Paper("Shamir, Gil I. and Lin, Dong and Coviello, Lorenzo",
                "Smooth activations and reproducibility in deep networks", 2020, arxiv="2010.09931"),
    note=("JAX's sparse_plus is SmeLU with beta = 1, actplot's default; the framework names hold beta at 1."),
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

def shifted_softplus(x: Array) -> Array:
    """log((1 + exp(x)) / 2): as log1p(expm1(x) / 2) up to x = 1 (no cancellation near 0), then
    softplus(x) - log 2 (no overflow, and nothing left to cancel)."""
    low = np.minimum(x, 1.0)
    return np.where(x <= 1.0, np.log1p(np.expm1(low) / 2.0), softplus(x) - math.log(2.0))


SHIFTED_SOFTPLUS = Activation(
    name="shifted-softplus",
    aliases=("ssp",),
    summary="Shifted softplus (SchNet): log(0.5 exp(x) + 0.5), softplus moved down to pass through 0.",
    formula=r"$\ln(\frac{1}{2} e^{x} + \frac{1}{2})$",
    derivative_formula=r"$\sigma(x)$",
    value_fn=shifted_softplus,
    derivative_fns=(sigmoid, sigmoid_slope),
    properties=Properties((-math.log(2.0), math.inf), "increasing", math.inf, True),
    paper=Paper("Schütt, Kristof T. and Kindermans, Pieter-Jan and Sauceda, Huziel E. and Chmiela, Stefan "
                "and Tkatchenko, Alexandre and Müller, Klaus-Robert",
                "SchNet: A continuous-filter convolutional neural network for modeling quantum interactions",
                2017, arxiv="1706.08566", venue="Advances in Neural Information Processing Systems 30"),
    note="softplus(x) - ln 2: the same slope as softplus, and 0 at 0.",
)

ENTRIES = (SOFTPLUS, SQUAREPLUS, SPARSE_PLUS, SHIFTED_SOFTPLUS, BENT_IDENTITY)
