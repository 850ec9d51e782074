"""Self-gated activations: x times a gate in [0, 1] computed from x itself.

GELU gates by the normal CDF, SiLU and Swish by a sigmoid, Mish by tanh(softplus(x)),
Hard-Swish by a clipped line.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog.special import (
    normal_cdf,
    normal_pdf,
    scaled,
    sigmoid,
    sigmoid_slope,
    softplus,
    tanh_slope,
    times_sigmoid_curvature,
    times_sigmoid_slope,
)
from actplot.schema import NON_NEGATIVE, Activation, Array, Breakpoint, Choice, Param, Properties

#: Minimum values, found to 17 digits with mpmath (tests check them against the sampled curve).
GELU_MIN = -0.16997120747990366
GELU_TANH_MIN = -0.17004075057125405
SILU_MIN = -0.2784645427610738
MISH_MIN = -0.30884341301725041

#: Constants of GELU's tanh approximation: sqrt(2 / pi) and the cubic coefficient.
GELU_K = math.sqrt(2.0 / math.pi)
GELU_C = 0.044715


def gelu(x: Array, approximate: str) -> Array:
    """x * Phi(x), or its tanh approximation 0.5 x (1 + tanh(k (x + c x^3)))."""
    if approximate == "tanh":
        return 0.5 * x * (1.0 + np.tanh(_gelu_u(x)))
    return x * normal_cdf(x)


def gelu_d1(x: Array, approximate: str) -> Array:
    """Phi(x) + x phi(x), or the derivative of the tanh form."""
    if approximate == "tanh":
        t, u1 = np.tanh(_gelu_u(x)), GELU_K * (1.0 + 3.0 * GELU_C * x * x)
        return 0.5 * (1.0 + t) + 0.5 * x * tanh_slope(_gelu_u(x)) * u1
    return normal_cdf(x) + x * normal_pdf(x)


def gelu_d2(x: Array, approximate: str) -> Array:
    """phi(x) (2 - x^2), or the second derivative of the tanh form."""
    if approximate == "tanh":
        u = _gelu_u(x)
        t, sech2 = np.tanh(u), tanh_slope(u)
        u1, u2 = GELU_K * (1.0 + 3.0 * GELU_C * x * x), 6.0 * GELU_K * GELU_C * x
        return sech2 * u1 + 0.5 * x * sech2 * (u2 - 2.0 * t * u1 * u1)
    return normal_pdf(x) * (2.0 - x * x)


def _gelu_u(x: Array) -> Array:
    return GELU_K * (x + GELU_C * x * x * x)


def gelu_formula(approximate: str) -> str:
    """The formula of the form ``approximate`` selects."""
    if approximate == "tanh":
        return r"$\frac{x}{2}\,(1 + \tanh(\sqrt{2/\pi}\,(x + 0.044715\,x^3)))$"
    return r"$x\,\Phi(x) = \frac{x}{2}\,(1 + \mathrm{erf}(x/\sqrt{2}))$"


def gelu_derivative_formula(approximate: str) -> str:
    """The first derivative's formula of the form ``approximate`` selects."""
    if approximate == "tanh":
        return (r"$\frac{1}{2}\,(1 + \tanh u) + \frac{x}{2}\,(1 - \tanh^2 u)\,\sqrt{2/\pi}\,"
                r"(1 + 0.134145\,x^2),\ u = \sqrt{2/\pi}\,(x + 0.044715\,x^3)$")
    return r"$\Phi(x) + x\,\phi(x)$"


GELU = Activation(
    name="gelu",
    torch="GELU",
    aliases=("gaussian-error-linear-unit",),
    summary="Gaussian error linear unit: x weighted by the probability that a standard normal is below x.",
    parameters=(
        Param("approximate", "none", "'none' for the exact erf form, 'tanh' for the tanh approximation",
              domain=Choice(("none", "tanh")), examples=("tanh",)),
    ),
    formula=gelu_formula,
    derivative_formula=gelu_derivative_formula,
    value_fn=gelu,
    derivative_fns=(gelu_d1, gelu_d2),
    properties=lambda approximate: Properties(
        (GELU_TANH_MIN if approximate == "tanh" else GELU_MIN, math.inf), "no", math.inf, True),
    note=r"approximate='tanh': 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).",
)


def swish(x: Array, beta: float) -> Array:
    """x * sigmoid(beta * x)."""
    return x * sigmoid(scaled(beta, x))


def swish_d1(x: Array, beta: float) -> Array:
    """sigmoid(z) + z sigmoid'(z) with z = beta x: no factor beta outside z, so no inf * 0."""
    z = scaled(beta, x)
    return sigmoid(z) + times_sigmoid_slope(z)


def swish_d2(x: Array, beta: float) -> Array:
    """beta (2 sigmoid'(z) + z sigmoid''(z)) with z = beta x; the bracket is at most 1/2, so
    the product never overflows (beta^2 x would, for beta = 1e200)."""
    z = scaled(beta, x)
    return beta * (2.0 * sigmoid_slope(z) + times_sigmoid_curvature(z))


SILU = Activation(
    name="silu",
    torch="SiLU",
    aliases=("swish", "swish-1", "sigmoid-linear-unit"),
    summary="Sigmoid linear unit (Swish with beta = 1): x times its own sigmoid.",
    formula=r"$x\,\sigma(x) = \frac{x}{1 + e^{-x}}$",
    derivative_formula=r"$\sigma(x)\,(1 + x\,(1 - \sigma(x)))$",
    value_fn=lambda x: swish(x, 1.0),
    derivative_fns=(lambda x: swish_d1(x, 1.0), lambda x: swish_d2(x, 1.0)),
    properties=Properties((SILU_MIN, math.inf), "no", math.inf, True),
)


SWISH_BETA = Activation(
    name="swish-beta",
    aliases=("beta-swish", "parametric-swish"),
    summary="Swish with a slope parameter: x sigmoid(beta x), from x/2 at beta = 0 to ReLU as beta grows.",
    parameters=(
        Param("beta", 1.0, "sharpness of the gate; 1 is SiLU", symbol=r"\beta", domain=NON_NEGATIVE,
              examples=(0.5, 2.0, 10.0)),
    ),
    formula=r"$x\,\sigma(\beta x)$",
    derivative_formula=r"$\sigma(\beta x) + \beta x\,\sigma(\beta x)\,(1 - \sigma(\beta x))$",
    value_fn=swish,
    derivative_fns=(swish_d1, swish_d2),
    properties=lambda beta: Properties(
        (SILU_MIN / beta if beta > 0 else -math.inf, math.inf),
        "no" if beta > 0 else "increasing", math.inf, True),
)


def mish(x: Array) -> Array:
    """x * tanh(softplus(x))."""
    return x * np.tanh(softplus(x))


def _mish_gate_slope(x: Array) -> Array:
    """d/dx tanh(softplus(x)) = (1 - tanh^2(softplus x)) sigmoid(x), accurate for large |x|."""
    return tanh_slope(softplus(x)) * sigmoid(x)


def mish_d1(x: Array) -> Array:
    """tanh(softplus(x)) + x (1 - tanh^2(softplus(x))) sigmoid(x)."""
    return np.tanh(softplus(x)) + x * _mish_gate_slope(x)


def mish_d2(x: Array) -> Array:
    """(1 - t^2) sigmoid(x) (2 + x (sigmoid(-x) - 2 t sigmoid(x))) with t = tanh(softplus(x))."""
    t, s, s_neg = np.tanh(softplus(x)), sigmoid(x), sigmoid(-x)
    return _mish_gate_slope(x) * (2.0 + x * (s_neg - 2.0 * t * s))


MISH = Activation(
    name="mish",
    torch="Mish",
    summary="Mish: x times tanh of softplus(x), a smooth, non-monotonic self-gate.",
    formula=r"$x\,\tanh(\ln(1 + e^{x}))$",
    derivative_formula=r"$\tanh(s) + x\,(1 - \tanh^2 s)\,\sigma(x),\ s = \ln(1 + e^{x})$",
    value_fn=mish,
    derivative_fns=(mish_d1, mish_d2),
    properties=Properties((MISH_MIN, math.inf), "no", math.inf, True),
)


def hardswish(x: Array) -> Array:
    """x * min(max(x + 3, 0), 6) / 6."""
    return x * np.clip(x + 3.0, 0.0, 6.0) / 6.0


def hardswish_d1(x: Array) -> Array:
    """0 for x <= -3, x/3 + 1/2 for -3 < x < 3, 1 for x >= 3 (PyTorch's branches)."""
    return np.where(x <= -3.0, 0.0, np.where(x < 3.0, x / 3.0 + 0.5, 1.0))


HARDSWISH = Activation(
    name="hardswish",
    torch="Hardswish",
    aliases=("hard-swish", "hard-silu"),
    summary="Hard Swish (JAX and Keras call it hard_silu): SiLU with the sigmoid replaced by a clipped line.",
    formula=r"$x\,\frac{\min(\max(x + 3,\ 0),\ 6)}{6}$",
    derivative_formula=(r"$0\ \mathrm{if}\ x \leq -3;\ \frac{x}{3} + \frac{1}{2}\ \mathrm{if}\ x < 3;"
                        r"\ 1\ \mathrm{else}$"),
    value_fn=hardswish,
    derivative_fns=(hardswish_d1, lambda x: np.where((x > -3.0) & (x < 3.0), 1.0 / 3.0, 0.0)),
    breakpoints_fn=lambda: (Breakpoint(-3.0, 1), Breakpoint(3.0, 1)),
    kink_convention="f'(-3) = 0, f'(3) = 1 (the outer branches) and f'' = 0 at both, as PyTorch's autograd.",
    properties=Properties((-0.375, math.inf), "no", 0, True),
)

ENTRIES = (GELU, SILU, SWISH_BETA, MISH, HARDSWISH)
