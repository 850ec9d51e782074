"""Squashing functions: S-shaped curves that map the real line into a bounded interval.

Sigmoid, tanh and their hard (piecewise-linear) versions, softsign, log-sigmoid, arctan and
the inverse square root unit.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog import papers
from actplot.catalog.builder import breaks_at, closed, derivatives
from actplot.catalog.special import (
    inside,
    log_sigmoid,
    normal_cdf,
    normal_pdf,
    scaled,
    sigmoid,
    sigmoid_curvature,
    sigmoid_slope,
    tanh_slope,
    zeros,
)
from actplot.core.schema import (
    NON_NEGATIVE,
    POSITIVE,
    Activation,
    Array,
    Breakpoint,
    Constraint,
    Interval,
    Paper,
    Param,
    Properties,
)

TITLE = "Squashing"


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
    breakpoints_fn=breaks_at(-3.0, 3.0),
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
    breakpoints_fn=breaks_at(-1.0, 1.0),
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
    breakpoints_fn=breaks_at(0.0, order=2),
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
    paper=papers.ISRU,
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

#: LeCun's constants: f(1) = 1 and f(-1) = -1 at the point of maximal curvature (Efficient BackProp).
LECUN_SCALE, LECUN_SLOPE = 1.7159, 2.0 / 3.0

LECUN_TANH = Activation(
    name="lecun-tanh",
    aliases=("scaled-tanh",),
    summary="LeCun's scaled tanh: 1.7159 tanh(2x / 3), so that f(+-1) = +-1.",
    formula=r"$1.7159\,\tanh(\frac{2}{3} x)$",
    derivative_formula=r"$1.1439\,(1 - \tanh^2(\frac{2}{3} x))$",
    value_fn=lambda x: LECUN_SCALE * np.tanh(LECUN_SLOPE * x),
    derivative_fns=(
        lambda x: LECUN_SCALE * LECUN_SLOPE * tanh_slope(LECUN_SLOPE * x),
        lambda x: -2.0 * LECUN_SCALE * LECUN_SLOPE**2 * np.tanh(LECUN_SLOPE * x) * tanh_slope(LECUN_SLOPE * x),
    ),
    properties=Properties((-LECUN_SCALE, LECUN_SCALE), "increasing", math.inf, True),
    paper=Paper("LeCun, Yann and Bottou, Léon and Orr, Genevieve B. and Müller, Klaus-Robert",
                "Efficient BackProp", 1998, doi="10.1007/3-540-49430-8_2",
                venue="Neural Networks: Tricks of the Trade, Lecture Notes in Computer Science 1524"),
    note="The derivative formula shows 1.7159 * 2/3 rounded to 1.1439; the curve uses the exact product.",
)


def penalized_tanh(x: Array, a: float, order: int = 0) -> Array:
    """tanh(x) for x > 0, a tanh(x) for x <= 0, and their derivatives."""
    t = np.tanh(x)
    branch = [t, tanh_slope(x), -2.0 * t * tanh_slope(x)][order]
    return np.where(x > 0, branch, scaled(a, branch))


PENALIZED_TANH = Activation(
    name="penalized-tanh",
    aliases=("ptanh",),
    summary="Penalized tanh: tanh(x) for x > 0, a tanh(x) below, a leaky tanh.",
    parameters=(
        Param("a", 0.25, "the factor on the negative half", symbol="a", domain=NON_NEGATIVE,
              examples=(0.5, 1.0)),
    ),
    formula=r"$\tanh x\ \mathrm{if}\ x > 0\ \mathrm{else}\ a \tanh x$",
    derivative_formula=r"$1 - \tanh^2 x\ \mathrm{if}\ x > 0\ \mathrm{else}\ a\,(1 - \tanh^2 x)$",
    value_fn=penalized_tanh,
    derivative_fns=derivatives(penalized_tanh),
    breakpoints_fn=lambda a: () if a == 1.0 else (Breakpoint(0.0, 1),),
    kink_convention="f'(0) = a, the left branch (the paper's x <= 0); f''(0) = 0 on both sides.",
    properties=lambda a: Properties((-a, 1.0), "increasing", math.inf if a == 1.0 else 0, True),
    paper=Paper("Xu, Bing and Huang, Ruitong and Li, Mu", "Revise Saturated Activation Functions", 2016,
                arxiv="1602.05980"),
    note="a = 1 is tanh itself (no kink); a = 0 flattens the negative half to 0.",
)


CLOGLOG = Activation(
    name="cloglog",
    aliases=("complementary-log-log",),
    summary="Complementary log-log: 1 - exp(-exp(x)), an asymmetric sigmoid that rises slowly and saturates fast.",
    formula=r"$1 - e^{-e^{x}}$",
    derivative_formula=r"$e^{x - e^{x}}$",
    value_fn=lambda x: -np.expm1(-np.exp(np.minimum(x, 40.0))),
    derivative_fns=(
        lambda x: np.exp(np.minimum(x, 40.0) - np.exp(np.minimum(x, 40.0))),
        lambda x: -np.exp(np.minimum(x, 40.0) - np.exp(np.minimum(x, 40.0))) * np.expm1(np.minimum(x, 40.0)),
    ),
    properties=Properties((0.0, 1.0), "increasing", math.inf, False),
    note=("The inverse of the complementary log-log link of generalised linear models, and the distribution "
          "function of the Gumbel law of minima; the activation called Gumbel, exp(-exp(-x)), is its mirror "
          "image 1 - f(-x) (see gumbel). It rises slowly from 0 and reaches 1 fast: from x = 3.62 it is 1 in "
          "float64 (exp(-e^x) is below half an ulp of 1), and from x = 6.62 its derivatives are 0 (they "
          "underflow)."),
)


def gumbel(x: Array, order: int = 0) -> Array:
    """exp(-exp(-x)) and its derivatives f' = exp(-x - exp(-x)), f'' = f' expm1(-x).

    Below x = -40 (where exp(-exp(-x)) is 0 long before, from about x = -6.61 on) x is clipped, so that
    exp(-x) cannot overflow; every value is already 0 there."""
    x = np.maximum(np.asarray(x, dtype=np.float64), -40.0)
    u = np.exp(-x)
    if order == 0:
        return np.exp(-u)
    slope = np.exp(-x - u)
    return slope if order == 1 else slope * np.expm1(-x)


GUMBEL = Activation(
    name="gumbel",
    summary="Gumbel: exp(-exp(-x)), the Gumbel distribution function, a sigmoid that approaches 1 slowly.",
    formula=r"$e^{-e^{-x}}$",
    derivative_formula=r"$e^{-x - e^{-x}}$",
    value_fn=gumbel,
    derivative_fns=derivatives(gumbel),
    properties=Properties((0.0, 1.0), "increasing", math.inf, False),
    paper=Paper("Alexandridis, Konstantinos Panagiotis and Deng, Jiankang and Nguyen, Anh and Luo, Shan",
                "Long-tailed Instance Segmentation using Gumbel Optimized Loss", 2022, arxiv="2207.10936",
                venue="European Conference on Computer Vision (ECCV)"),
    note=("The paper's Gumbel activation, the distribution function of the (standard) Gumbel law of maxima, "
          "used in place of the sigmoid for rare classes. f(0) = f'(0) = 1/e and f''(0) = 0: its inflection is at 0, "
          "left of its midpoint f(-ln ln 2) = 1/2. It leaves 0 abruptly and approaches 1 as 1 - e^-x; it is "
          "1 - cloglog(-x). Below about x = -6.61 it is 0 in float64."),
)


#: Mega's Laplace function: the normal CDF centred at sqrt(1/2) with width sqrt(1/(4 pi)), chosen so
#: that it matches relu^2's value and slope at sqrt(2).
LAPLACE_MU, LAPLACE_SIGMA = math.sqrt(0.5), math.sqrt(0.25 / math.pi)


def laplace(x: Array, order: int = 0) -> Array:
    """The normal CDF of z = (x - mu) / sigma, and its derivatives phi(z) / sigma, -z phi(z) / sigma^2."""
    z = (x - LAPLACE_MU) / LAPLACE_SIGMA
    if order == 0:
        return normal_cdf(z)
    if order == 1:
        return normal_pdf(z) / LAPLACE_SIGMA
    return -z * normal_pdf(z) / LAPLACE_SIGMA**2


LAPLACE = Activation(
    name="laplace",
    summary="Laplace (Mega): 0.5 (1 + erf((x - mu) / (sigma sqrt 2))), a steep sigmoid centred at sqrt(1/2).",
    formula=r"$\frac{1}{2}\,(1 + \mathrm{erf}(\frac{x - \mu}{\sigma\sqrt{2}}))$",
    derivative_formula=r"$\frac{1}{\sigma\sqrt{2\pi}}\,e^{-(x - \mu)^2 / (2\sigma^2)}$",
    value_fn=laplace,
    derivative_fns=derivatives(laplace),
    properties=Properties((0.0, 1.0), "increasing", math.inf, False),
    paper=Paper("Ma, Xuezhe and Zhou, Chunting and Kong, Xiang and He, Junxian and Gui, Liangke and "
                "Neubig, Graham and May, Jonathan and Zettlemoyer, Luke",
                "Mega: Moving Average Equipped Gated Attention", 2022, arxiv="2209.10655"),
    note="mu = sqrt(1/2) and sigma = sqrt(1/(4 pi)) are Mega's fixed constants.",
    default_range=(-2.0, 3.0),
)


#: SoftRootSign's parameters are limited to [1e-3, 1e3]: beyond, x / alpha and exp(-x / beta)
#: leave the range where the quotient and its derivatives are representable at |x| = 1e6.
SRS_SCALE = closed(1e-3, 1e3)


def soft_root_sign(x: Array, alpha: float, beta: float, order: int = 0) -> Array:
    """x / (x / alpha + exp(-x / beta)) and its derivatives.

    Below 0 everything is divided by exp(-x / beta) (r = exp(x / beta) <= 1), so nothing
    overflows: f = x r / (x r / alpha + 1).
    """
    x = np.asarray(x, dtype=np.float64)
    r = np.exp(-np.abs(x) / beta)  # exp(x / beta) below 0, exp(-x / beta) above
    left = x < 0
    # the denominator divided by exp(-x / beta) below 0 (dn), and the denominator itself above
    denominator = np.where(left, x * r / alpha + 1.0, x / alpha + r)
    if order == 0:
        return np.where(left, x * r, x) / denominator
    rise = 1.0 + x / beta
    if order == 1:  # exp(-x / beta) (1 + x / beta) / D^2
        return r * rise / denominator**2
    # f'' = -E x / (beta^2 D^2) - 2 E (1 + x / beta) D' / D^3 with D' = 1 / alpha - E / beta
    slope = np.where(left, r * r / alpha - r / beta, 1.0 / alpha - r / beta)  # E^-2 D' below 0
    return -r * x / (beta * beta * denominator**2) - 2.0 * np.where(left, 1.0, r) * rise * slope / denominator**3


def srs_minimum(alpha: float, beta: float) -> float:
    """f(-beta) = -alpha beta / (e alpha - beta), where f' = 0."""
    return -alpha * beta / (math.e * alpha - beta)


SOFT_ROOT_SIGN = Activation(
    name="soft-root-sign",
    aliases=("srs", "softrootsign"),
    summary="Soft-Root-Sign: x / (x / alpha + exp(-x / beta)), bounded, with a dip below 0.",
    parameters=(
        Param("alpha", 2.0, "the upper limit as x grows", symbol=r"\alpha", domain=SRS_SCALE, examples=(1.0,)),
        Param("beta", 3.0, "the scale of the exponential; the minimum sits at x = -beta", symbol=r"\beta",
              domain=SRS_SCALE, examples=(1.0,)),
    ),
    constraints=(Constraint(lambda p: p["beta"] < math.e * p["alpha"],
                            "beta must be less than e * alpha (or the denominator reaches 0)"),),
    formula=r"$\frac{x}{x / \alpha + e^{-x / \beta}}$",
    derivative_formula=r"$\frac{(1 + x / \beta)\, e^{-x / \beta}}{(x / \alpha + e^{-x / \beta})^2}$",
    value_fn=soft_root_sign,
    derivative_fns=derivatives(soft_root_sign),
    properties=lambda alpha, beta: Properties((srs_minimum(alpha, beta), alpha), "no", math.inf, True),
    paper=Paper("Zhou, Yuan and Li, Dandan and Huo, Shuwei and Kung, Sun-Yuan", "Soft-Root-Sign Activation Function",
                2020, arxiv="2003.00547"),
    note=("The denominator x / alpha + exp(-x / beta) has its minimum (beta / alpha)(1 - ln(beta / alpha)) "
          "at x = -beta ln(beta / alpha): it stays positive only for beta < e alpha, which actplot requires. "
          "alpha and beta are limited to [0.001, 1000]."),
    default_range=(-10.0, 10.0),
)


def soft_clip_left(x: Array, p: float) -> Array:
    """The soft clip for x <= 1/2: log(1 + sigmoid(p (x - 1)) (exp(p) - 1)) / p.

    For p >= 700, where exp(p) - 1 overflows, the product is taken in log space (within
    about 700 ulps there, where the value is representable; a few ulps below)."""
    if p < 700.0:
        return np.log1p(sigmoid(scaled(p, x - 1.0)) * math.expm1(p)) / p
    return np.logaddexp(0.0, log_sigmoid(scaled(p, x - 1.0)) + p + math.log1p(-math.exp(-p))) / p


def soft_clipping(x: Array, p: float, order: int = 0) -> Array:
    """(1/p) log((1 + exp(p x)) / (1 + exp(p (x - 1)))) and its derivatives.

    The curve is symmetric about (1/2, 1/2): f(x) = 1 - f(1 - x), f'(x) = f'(1 - x),
    f''(x) = -f''(1 - x). Each is computed on the half x <= 1/2, where nothing cancels.
    """
    x = np.asarray(x, dtype=np.float64)
    right = x > 0.5
    t = np.where(right, 1.0 - x, x)  # t <= 1/2
    a = scaled(p, t)
    gap = -math.expm1(-p)  # 1 - exp(-p)
    if order == 0:
        half = soft_clip_left(t, p)
        return np.where(right, 1.0 - half, half)
    if order == 1:  # sigmoid(p t) sigmoid(p (1 - t)) (1 - exp(-p))
        return sigmoid(a) * sigmoid(scaled(p, 1.0 - t)) * gap
    bend = np.expm1(np.maximum(2.0 * a - p, -800.0))  # 2 p t - p <= 0: exp(2 p t - p) - 1 in [-1, 0]
    curvature = -p * gap * sigmoid_slope(a) * sigmoid(scaled(p, 1.0 - t)) ** 2 * bend
    return np.where(right, -curvature, curvature)


SOFT_CLIPPING = Activation(
    name="soft-clipping",
    aliases=("soft-clip",),
    summary="Soft clipping: a smooth clip to [0, 1], log((1 + exp(p x)) / (1 + exp(p (x - 1)))) / p.",
    parameters=(
        Param("p", 50.0, "sharpness; large p approaches the hard clip to [0, 1]", symbol="p",
              domain=Interval(0.0, 1e6, high_open=False), examples=(5.0, 1.0)),
    ),
    formula=r"$\frac{1}{p}\ln\frac{1 + e^{p x}}{1 + e^{p (x - 1)}}$",
    derivative_formula=r"$\sigma(p x) - \sigma(p (x - 1))$",
    value_fn=soft_clipping,
    derivative_fns=derivatives(soft_clipping),
    properties=Properties((0.0, 1.0), "increasing", math.inf, False),
    paper=Paper("Klimek, Matthew D. and Perelstein, Maxim", "Neural Network-Based Approach to Phase Space "
                "Integration", 2020, arxiv="1810.11509", doi="10.21468/SciPostPhys.9.4.053",
                venue="SciPost Physics 9, 053"),
    note=("The paper's soft clip of a layer's output to [0, 1]; its sharpness p = 50 here is actplot's choice. "
          "Symmetric about (1/2, 1/2) and computed on the half below 1/2, where no term cancels. p is limited "
          "to 1e6: f'' reaches p / 4 and p x must stay a float at |x| = 1e6."),
    default_range=(-2.0, 3.0),
)

ENTRIES = (SIGMOID, TANH, HARDTANH, HARDSIGMOID, SPARSE_SIGMOID, SOFTSIGN, LOG_SIGMOID, ARCTAN, ISRU,
           LECUN_TANH, PENALIZED_TANH, CLOGLOG, GUMBEL, LAPLACE, SOFT_ROOT_SIGN, SOFT_CLIPPING)
