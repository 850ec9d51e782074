"""Self-gated activations: x times a gate in [0, 1] computed from x itself.

GELU gates by the normal CDF, SiLU and Swish by a sigmoid, Mish by tanh(softplus(x)),
Hard-Swish by a clipped line.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog import papers
from actplot.catalog.builder import breaks_at
from actplot.catalog.special import (
    NORMAL_TAIL,
    SATURATED,
    SCALE_EXPONENT,
    SQRT2_HI,
    SQRT2_LO,
    SQRT_2PI,
    exp_neg_half_square,
    exp_sum,
    inside,
    normal_cdf,
    normal_pdf,
    scaled,
    sigmoid,
    sigmoid_slope,
    times_sigmoid_curvature,
    times_sigmoid_slope,
    two_product,
    two_sum,
)
from actplot.core.schema import NON_NEGATIVE, Activation, Array, Choice, Param, Properties

TITLE = "Gated by a distribution or sigmoid"

#: Minimum values, found to 17 digits with mpmath (tests check them against the sampled curve).
GELU_MIN = -0.16997120747990366
GELU_TANH_MIN = -0.17004075057125405
SILU_MIN = -0.2784645427610738
MISH_MIN = -0.30884341301725041

#: Constants of GELU's tanh approximation: sqrt(2 / pi) and the cubic coefficient, each with
#: its float64 rounding error (the exact constants matter: see :func:`_gelu_gate`).
GELU_K = math.sqrt(2.0 / math.pi)
GELU_C = 0.044715
GELU_K_LO = -4.98465440455546e-17
GELU_C_LO = 2.1960211427085595e-18
#: Beyond |x| = 50 the tanh GELU's gate is exactly 0 or 1 in float64 (|2u| > 8900).
GELU_TANH_SATURATED = 50.0
#: Below w = -600 the gate is computed 2^1024 times larger (see :func:`_gelu_gate`).
GELU_SCALED_BELOW = 600.0


def gelu(x: Array, approximate: str) -> Array:
    """x * Phi(x), or its tanh approximation 0.5 x (1 + tanh(k (x + c x^3))) = x sigmoid(2u)."""
    if approximate == "tanh":
        gate, _, _, _, exponent = _gelu_gate(x)
        return np.ldexp(x * gate, exponent)
    if not (x < NORMAL_SCALED_BELOW).any():  # the usual case: no scaling, and no density needed
        return x * normal_cdf(x)
    cdf, _, exponent = _normal_parts(x)
    return np.ldexp(x * cdf, exponent)


def gelu_d1(x: Array, approximate: str) -> Array:
    """Phi(x) + x phi(x), or the derivative of the tanh form, sigmoid(w) + x w' sigmoid'(w)
    with w = 2u."""
    if approximate == "tanh":
        gate, slope, _, y, exponent = _gelu_gate(x)
        return np.ldexp(gate + y * _gelu_w1(y) * slope, exponent)
    cdf, pdf, exponent = _normal_parts(x)
    return np.ldexp(cdf + x * pdf, exponent)


def gelu_d2(x: Array, approximate: str) -> Array:
    """phi(x) (2 - x^2), or the second derivative of the tanh form,
    sigmoid'(w) (2 w' + x w'' - x w'^2 tanh(u)) with w = 2u.

    2 - x^2 is (sqrt 2 - x)(sqrt 2 + x) with sqrt 2 to twice float64's precision, so the value
    keeps its digits next to its zeros at +-sqrt 2.
    """
    if approximate == "tanh":
        _, slope, t, y, exponent = _gelu_gate(x)
        w1 = _gelu_w1(y)
        return np.ldexp(slope * (2.0 * w1 + y * (12.0 * GELU_K * GELU_C * y) - y * w1 * w1 * t), exponent)
    if (x < NORMAL_SCALED_BELOW).any():
        _, pdf, exponent = _normal_parts(x)
    else:  # the usual case: the density alone, unscaled
        pdf, exponent = normal_pdf(x), np.zeros(np.shape(x), dtype=np.int64)
    y = np.clip(x, -NORMAL_TAIL, NORMAL_TAIL)  # beyond, the density is 0 and the bracket would overflow
    return np.ldexp(pdf * (((SQRT2_HI - y) + SQRT2_LO) * ((SQRT2_HI + y) + SQRT2_LO)), exponent)


#: Below x = -30 the normal density is under 1e-196 and GELU's values pass near the subnormal
#: range: they are computed 2^1024 times larger, then scaled back.
NORMAL_SCALED_BELOW = -30.0


def _normal_parts(x: Array) -> tuple[Array, Array, Array]:
    """Phi(x) and phi(x), each times 2^-exponent, and the exponent (-1024 below x = -30, else 0),
    so that products such as x Phi(x) do not round a subnormal factor."""
    scaled = x < NORMAL_SCALED_BELOW
    exponent = np.where(scaled, -SCALE_EXPONENT, 0)
    if not scaled.any():
        return normal_cdf(x), normal_pdf(x), exponent
    from scipy.special import erfcx

    pdf = np.where(scaled, exp_neg_half_square(x, scaled) / SQRT_2PI, normal_pdf(x))
    with np.errstate(invalid="ignore"):
        tail = 0.5 * erfcx(-np.where(scaled, x, -1.0) / math.sqrt(2.0)) * SQRT_2PI * pdf
    return np.where(scaled, tail, normal_cdf(x)), pdf, exponent


def _gelu_w1(x: Array) -> Array:
    """w' = 2 sqrt(2/pi) (1 + 3c x^2), the slope of the gate's argument w = 2u."""
    return 2.0 * GELU_K * (1.0 + 3.0 * GELU_C * x * x)


def _gelu_gate(x: Array) -> tuple[Array, Array, Array, Array, Array]:
    """The tanh GELU's gate sigmoid(w) = (1 + tanh u) / 2, its slope sigmoid'(w), tanh(u), x
    clipped to where the gate is not saturated (w = 2u = 2 sqrt(2/pi) x (1 + c x^2)), and the
    exponent to scale results by (-1024 where gate and slope are 2^1024 times too large).

    For x < -5 the gate is exp(w) to first order, and w (up to -700) rounded to float64 would
    be off by ~1e-13, hundreds of ulps of the gate; so w is formed as ``hi + lo`` (exact
    products and sums, the constants to twice float64's precision) and exp(hi + lo) as
    exp(hi) (1 + lo). 0.5 x (1 + tanh u) itself cancels completely below x = -8.
    """
    y = np.clip(x, -GELU_TANH_SATURATED, GELU_TANH_SATURATED)
    square, square_lo = two_product(y, y)
    cubic, cubic_lo = two_product(np.full_like(y, GELU_C), square)
    cubic_lo = cubic_lo + GELU_C * square_lo + GELU_C_LO * square
    inner, inner_lo = two_sum(np.ones_like(y), cubic)
    inner_lo = inner_lo + cubic_lo
    outer, outer_lo = two_product(y, inner)
    outer_lo = outer_lo + y * inner_lo
    w, w_lo = two_product(np.full_like(y, 2.0 * GELU_K), outer)
    w_lo = w_lo + 2.0 * GELU_K * outer_lo + 2.0 * GELU_K_LO * outer
    w, w_lo = two_sum(w, w_lo)
    negative = w < 0.0
    deep = w < -GELU_SCALED_BELOW  # exp(w) < 1e-260: scaled by 2^1024, and 1 + exp(w) is 1
    tail = exp_sum(-np.abs(w), np.where(negative, w_lo, -w_lo), deep)  # exp(-|w|)
    true_tail = np.where(deep, 0.0, tail)
    gate = np.where(negative, tail, 1.0) / (1.0 + true_tail)
    slope = tail / ((1.0 + true_tail) * (1.0 + true_tail))
    return gate, slope, np.tanh(0.5 * w), y, np.where(deep, -SCALE_EXPONENT, 0)


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
    paper=papers.GELU,
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
    note=(r"approximate='tanh': 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). "
          "Below x = -5 PyTorch's float64 GELU is less accurate than actplot's (a few ulps): "
          "the tanh form is 7e-3 off at x = -7 and 0 from about -7.2, the erf form 2e-6 off at -7, "
          "2e-2 at -8 and 0 from about -8.7."),
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
    paper=papers.SILU,
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
    paper=papers.SWISH,
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


def _mish_gate(x: Array) -> tuple[Array, Array]:
    """tanh(softplus(x)) and 1 - tanh^2(softplus(x)), as rational functions of exp(-|x|).

    With E = exp(x), (1 + E)^2 = exp(2 softplus(x)), so tanh(softplus x) = (E^2 + 2E) / (E^2 +
    2E + 2); for x > 0 the same divided by E^2, in e = exp(-x). Going through softplus(x)
    instead rounds it (an ulp of 25 is 3.6e-15) and the rounding comes back 20 ulps large in
    the sech^2 of large x.
    """
    e = np.exp(-np.abs(x))
    positive = x > 0.0
    one_e = 1.0 + e
    with np.errstate(under="ignore"):
        e2 = e * e
        top = np.where(positive, 1.0 + 2.0 * e, e * (e + 2.0))
        bottom = np.where(positive, 1.0 + 2.0 * e + 2.0 * e2, e * (e + 2.0) + 2.0)
        # 1 - tanh^2 = 4 (1 + E)^2 / ((1 + E)^2 + 1)^2, the denominator's root being `bottom`
        sech2 = (4.0 * np.where(positive, e2, 1.0)) * (one_e / bottom) * (one_e / bottom)
    return top / bottom, sech2


def mish(x: Array) -> Array:
    """x * tanh(softplus(x))."""
    return x * _mish_gate(x)[0]


def _mish_gate_slope(x: Array) -> Array:
    """d/dx tanh(softplus(x)) = (1 - tanh^2(softplus x)) sigmoid(x), accurate for large |x|."""
    return _mish_gate(x)[1] * sigmoid(x)


def mish_d1(x: Array) -> Array:
    """tanh(softplus(x)) + x (1 - tanh^2(softplus(x))) sigmoid(x)."""
    t, sech2 = _mish_gate(x)
    return t + x * (sech2 * sigmoid(x))


def mish_d2(x: Array) -> Array:
    """(1 - t^2) sigmoid(x) (2 + x (sigmoid(-x) - 2 t sigmoid(x))) with t = tanh(softplus(x))."""
    (t, sech2), s, s_neg = _mish_gate(x), sigmoid(x), sigmoid(-x)
    y = np.clip(x, -SATURATED, SATURATED)  # beyond, sech2 s is 0 and x times the bracket could overflow
    return sech2 * s * (2.0 + y * (s_neg - 2.0 * t * s))


MISH = Activation(
    name="mish",
    torch="Mish",
    paper=papers.MISH,
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
    paper=papers.HARDSWISH,
    summary="Hard Swish (JAX and Keras call it hard_silu): SiLU with the sigmoid replaced by a clipped line.",
    formula=r"$x\,\frac{\min(\max(x + 3,\ 0),\ 6)}{6}$",
    derivative_formula=(r"$0\ \mathrm{if}\ x \leq -3;\ \frac{x}{3} + \frac{1}{2}\ \mathrm{if}\ x < 3;"
                        r"\ 1\ \mathrm{else}$"),
    value_fn=hardswish,
    derivative_fns=(hardswish_d1, lambda x: inside(x, -3.0, 3.0, 1.0 / 3.0)),
    breakpoints_fn=breaks_at(-3.0, 3.0),
    kink_convention="f'(-3) = 0, f'(3) = 1 (the outer branches) and f'' = 0 at both, as PyTorch's autograd.",
    properties=Properties((-0.375, math.inf), "no", 0, True),
)

ENTRIES = (GELU, SILU, SWISH_BETA, MISH, HARDSWISH)
