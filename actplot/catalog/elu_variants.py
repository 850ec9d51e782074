"""Exponential units from the literature: ELU's descendants.

Each is linear (or nearly so) for x >= 0 and an exponential below: PELU and MPELU parametrise
ELU's two halves, ISRLU replaces the exponential by an inverse square root, xIELU integrates a
gradient that is linear above 0 and exponential below, SERLU lets the negative half dip and
return, the soft exponential interpolates between the identity and an exponential, and ELiSH and
HardELiSH gate an exponential by a sigmoid. Closed forms are used for every minimum.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog import papers
from actplot.catalog.builder import breaks_at, closed, derivatives, identity, product_rule
from actplot.catalog.special import inside, sigmoid, sigmoid_curvature, sigmoid_slope, two_product
from actplot.core.schema import (
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

TITLE = "Exponential units from the literature"

#: A scale limited so that every product and quotient of two of them with x = 1e6 is a float.
SCALE = closed(1e-6, 1e6)


# --- PELU --------------------------------------------------------------------------------------------

def pelu(x: Array, a: float, b: float, order: int = 0) -> Array:
    """(a / b) x for x >= 0, a (e^(x / b) - 1) below, and their derivatives."""
    e = np.exp(np.minimum(x, 0.0) / b)
    left = [a * np.expm1(np.minimum(x, 0.0) / b), (a / b) * e, (a / b / b) * e][order]
    right = [(a / b) * x, np.full_like(x, a / b), np.zeros_like(x)][order]
    return np.where(x >= 0, right, left)


PELU = Activation(
    name="pelu",
    summary="PELU: ELU with a learned slope and scale, (a/b) x above 0, a (e^(x/b) - 1) below.",
    parameters=(
        Param("a", 1.0, "the saturation depth for x -> -inf", symbol="a", domain=SCALE, examples=(2.0,)),
        Param("b", 1.0, "the exponential's scale; the slope above 0 is a/b", symbol="b", domain=SCALE,
              examples=(0.5,)),
    ),
    formula=r"$\frac{a}{b} x\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ a\,(e^{x/b} - 1)$",
    derivative_formula=r"$\frac{a}{b}\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ \frac{a}{b} e^{x/b}$",
    value_fn=pelu,
    derivative_fns=derivatives(pelu),
    breakpoints_fn=breaks_at(0.0, order=2),
    kink_convention="f' is a/b on both sides; f''(0) = 0, the x >= 0 branch.",
    properties=lambda a, b: Properties((-a, math.inf), "increasing", 1, True),
    paper=Paper("Trottier, Ludovic and Giguère, Philippe and Chaib-draa, Brahim",
                "Parametric Exponential Linear Unit for Deep Convolutional Neural Networks", 2016,
                arxiv="1605.09332"),
    note=("a and b are learned; actplot's defaults a = b = 1 are ELU. Both are limited to [1e-6, 1e6], so that "
          "a/b and a/b^2 stay floats."),
)


# --- ISRLU --------------------------------------------------------------------------------------------

def isrlu(x: Array, alpha: float, order: int = 0) -> Array:
    """x for x >= 0; x / sqrt(1 + alpha x^2) below, written with q = 1 / sqrt(1 + alpha x^2)
    (as hypot, so alpha x^2 cannot overflow) and its powers, which may only underflow."""
    neg = np.minimum(x, 0.0)
    q = 1.0 / np.hypot(1.0, math.sqrt(alpha) * neg)
    with np.errstate(under="ignore"):
        left = [neg * q, q**3, (-3.0 * alpha * neg) * q**5][order]
    return np.where(x >= 0, identity(x, order), left)


ISRLU = Activation(
    name="isrlu",
    summary="ISRLU: x above 0, x / sqrt(1 + alpha x^2) below, saturating at -1/sqrt(alpha).",
    parameters=(
        Param("alpha", 1.0, "sets the negative saturation -1/sqrt(alpha)", symbol=r"\alpha", domain=POSITIVE,
              examples=(3.0, 0.25)),
    ),
    formula=r"$x\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ \frac{x}{\sqrt{1 + \alpha x^2}}$",
    derivative_formula=r"$1\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ (1 + \alpha x^2)^{-3/2}$",
    value_fn=isrlu,
    derivative_fns=derivatives(isrlu),
    breakpoints_fn=breaks_at(0.0, order=3),
    kink_convention="f, f' and f'' are continuous at 0 (f''(0) = 0); only f''' jumps there, from -3 alpha to 0.",
    properties=lambda alpha: Properties((-1.0 / math.sqrt(alpha), math.inf), "increasing", 2, True),
    paper=papers.ISRU,
    note="ISRU's negative half joined to the identity: C2 at 0, where only the third derivative jumps.",
)


# --- MPELU --------------------------------------------------------------------------------------------

def mpelu(x: Array, alpha: float, beta: float, order: int = 0) -> Array:
    """x for x > 0, alpha (e^(beta x) - 1) for x <= 0, and their derivatives."""
    neg = np.minimum(x, 0.0)
    e = np.exp(beta * neg)
    left = [alpha * np.expm1(beta * neg), alpha * beta * e, alpha * beta * beta * e][order]
    return np.where(x > 0, identity(x, order), left)


def mpelu_properties(alpha: float, beta: float) -> Properties:
    """Below 0 the curve falls from alpha's side: increasing for alpha >= 0 (range down to -alpha),
    for alpha < 0 it rises to -alpha at -inf, so it is not monotonic (and never below 0)."""
    order = 1 if alpha * beta != 1.0 else 2
    if alpha >= 0:
        return Properties((-alpha, math.inf), "increasing", order - 1, True)
    return Properties((0.0, math.inf), "no", order - 1, True)


MPELU = Activation(
    name="mpelu",
    summary="MPELU: x above 0, alpha (e^(beta x) - 1) below, ELU with a learned depth and rate.",
    parameters=(
        Param("alpha", 1.0, "depth of the negative half (its limit is -alpha)", symbol=r"\alpha",
              domain=closed(-1e6, 1e6), examples=(0.25, -0.5)),
        Param("beta", 1.0, "rate of the exponential", symbol=r"\beta", domain=SCALE, examples=(2.0,)),
    ),
    formula=r"$x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha\,(e^{\beta x} - 1)$",
    derivative_formula=r"$1\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha \beta e^{\beta x}$",
    value_fn=mpelu,
    derivative_fns=derivatives(mpelu),
    breakpoints_fn=lambda alpha, beta: (Breakpoint(0.0, 1 if alpha * beta != 1.0 else 2),),
    kink_convention="f'(0) = alpha beta and f''(0) = alpha beta^2, the x <= 0 branch (as the paper writes it).",
    properties=mpelu_properties,
    paper=Paper("Li, Yang and Fan, Chunxiao and Li, Yong and Wu, Qiong and Ming, Yue",
                "Improving deep neural network with Multiple Parametric Exponential Linear Units", 2016,
                arxiv="1606.00305"),
    note=("alpha and beta are learned; actplot's defaults alpha = beta = 1 are ELU. With alpha beta = 1 the kink "
          "at 0 smooths to a jump of f'' only."),
)


# --- xIELU ---------------------------------------------------------------------------------------------

def exp_minus_linear(x: Array) -> Array:
    """e^x - 1 - x without cancellation: its Taylor series where |x| < 0.5, else directly."""
    small = np.abs(x) < 0.5
    t = np.where(small, x, 0.0)
    series = np.zeros_like(t)
    for k in range(16, 1, -1):
        series = (series + 1.0 / math.factorial(k)) * t
    series *= t  # sum over k >= 2 of t^k / k!
    return np.where(small, series, np.expm1(x) - x)


def xielu(x: Array, alpha_p: float, alpha_n: float, beta: float, order: int = 0) -> Array:
    """alpha_p x^2 + beta x above 0; alpha_n (e^x - 1 - x) + beta x at and below 0."""
    neg, pos = np.minimum(x, 0.0), np.maximum(x, 0.0)
    left = [alpha_n * exp_minus_linear(neg) + beta * neg, alpha_n * np.expm1(neg) + beta, alpha_n * np.exp(neg)]
    right = [alpha_p * pos * pos + beta * pos, 2.0 * alpha_p * pos + beta, np.full_like(pos, 2.0 * alpha_p)]
    return np.where(x > 0, right[order], left[order])


def xielu_minimum(alpha_n: float, beta: float) -> float:
    """At x* = ln(1 - beta / alpha_n), where alpha_n (e^x - 1) + beta = 0: -beta + (beta - alpha_n) x*."""
    return -beta + (beta - alpha_n) * math.log1p(-beta / alpha_n)


XIELU = Activation(
    name="xielu",
    summary="xIELU: a quadratic above 0 and alpha_n (e^x - 1 - x) + beta x below, from an integrated gradient.",
    parameters=(
        Param("alpha_p", 0.8, "curvature of the positive half", symbol=r"\alpha_p",
              domain=Interval(0.0, 1e3, high_open=False), examples=(0.2,)),
        Param("alpha_n", 0.8, "weight of the exponential in the negative half; above beta", symbol=r"\alpha_n",
              domain=Interval(0.0, 1e3, high_open=False), examples=(2.0,)),
        Param("beta", 0.5, "the slope at 0", symbol=r"\beta", domain=closed(0.0, 1e3), examples=(0.25,)),
    ),
    constraints=(Constraint(lambda p: p["alpha_n"] > p["beta"], "alpha_n must be greater than beta"),),
    formula=r"$\alpha_p x^2 + \beta x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha_n (e^{x} - 1 - x) + \beta x$",
    derivative_formula=r"$2 \alpha_p x + \beta\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha_n (e^{x} - 1) + \beta$",
    value_fn=xielu,
    derivative_fns=derivatives(xielu),
    breakpoints_fn=lambda alpha_p, alpha_n, beta: (Breakpoint(0.0, 3 if alpha_n == 2 * alpha_p else 2),),
    kink_convention=("f' = beta on both sides at 0; f''(0) = alpha_n, the x <= 0 branch (2 alpha_p from the "
                     "right; where the two are equal, the third derivative still jumps)."),
    properties=lambda alpha_p, alpha_n, beta: Properties(
        (xielu_minimum(alpha_n, beta), math.inf), "no", 2 if alpha_n == 2 * alpha_p else 1, True),
    paper=Paper("Huang, Allen Hao and Schlag, Imanol", "Deriving Activation Functions Using Integration", 2024,
                arxiv="2411.13010"),
    note=("The paper keeps alpha_n above beta (alpha_n = beta + softplus(...)) and alpha_p positive; its "
          "implementation evaluates e^x - 1 at min(x, eps) with eps = -1e-6 as a numerical guard, which "
          "actplot does not need (e^x - 1 - x is summed as a series near 0). Defaults: the paper's initial "
          "alpha_p = alpha_n = 0.8 and beta = 0.5."),
)


# --- SERLU ---------------------------------------------------------------------------------------------

SERLU_LAMBDA, SERLU_ALPHA = 1.07862, 2.90427


def serlu(x: Array, order: int = 0) -> Array:
    """lambda x for x >= 0, lambda alpha x e^x below, and their derivatives."""
    neg = np.minimum(x, 0.0)
    e = SERLU_LAMBDA * SERLU_ALPHA * np.exp(neg)
    left = [e * neg, e * (1.0 + neg), e * (2.0 + neg)][order]
    right = [SERLU_LAMBDA * x, np.full_like(x, SERLU_LAMBDA), np.zeros_like(x)][order]
    return np.where(x >= 0, right, left)


SERLU = Activation(
    name="serlu",
    summary="SERLU: a scaled identity above 0 and lambda alpha x e^x below, which dips to -1.15 and returns to 0.",
    formula=r"$\lambda x\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ \lambda \alpha\, x e^{x}$",
    derivative_formula=r"$\lambda\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ \lambda \alpha\, (1 + x) e^{x}$",
    value_fn=serlu,
    derivative_fns=derivatives(serlu),
    breakpoints_fn=breaks_at(0.0),
    kink_convention="f'(0) = lambda and f''(0) = 0, the x >= 0 branch (lambda alpha = 3.13 from the left).",
    # the minimum -lambda alpha / e, at x = -1
    properties=Properties((-SERLU_LAMBDA * SERLU_ALPHA / math.e, math.inf), "no", 0, True),
    paper=Paper("Zhang, Guoqiang and Li, Haopeng", "Effectiveness of Scaled Exponentially-Regularized Linear Units "
                "(SERLUs)", 2018, arxiv="1807.10117"),
    note="lambda = 1.07862 and alpha = 2.90427 are the paper's self-normalising constants.",
)


# --- soft exponential --------------------------------------------------------------------------------------

#: log of the largest float64: e^y overflows beyond it.
LOG_MAX = 709.782712893384


def soft_exponential(x: Array, alpha: float, order: int = 0) -> Array:
    """(e^(alpha x) - 1) / alpha + alpha for alpha > 0 (x itself for alpha = 0), and its
    derivatives e^(alpha x) and alpha e^(alpha x); e^(alpha x) / alpha is taken as
    e^(alpha x - ln alpha), so that it is +inf exactly where the true value overflows."""
    x = np.asarray(x, dtype=np.float64)
    if alpha == 0.0:
        return identity(x, order)
    z = alpha * x
    with np.errstate(over="ignore"):
        if order > 0:
            return np.exp(z) if order == 1 else alpha * np.exp(z)
        if alpha == 1.0:
            return np.exp(z)
        # (e^z - (1 - alpha^2)) / alpha, written around its root z0 = ln(1 - alpha^2) so that
        # nothing cancels: (1 - alpha^2) (e^(z - z0) - 1) / alpha
        floor = (1.0 - alpha) * (1.0 + alpha)
        # z - z0 to full precision: alpha x and alpha^2 each as an exact sum hi + lo (near the root
        # z - z0 is much smaller than either, and a rounded z0 would cost its digits)
        scale = np.asarray(alpha, dtype=np.float64)
        z_hi, z_lo = two_product(scale, x)
        a2_hi, a2_lo = two_product(scale, scale)
        gap = (z_hi - np.log1p(-a2_hi)) + (z_lo + a2_lo / (1.0 - a2_hi))
        near = floor * np.expm1(gap) / alpha
        far = np.exp(z - math.log(alpha)) - floor / alpha
        return np.where(z < 1.0, near, far)


def soft_exponential_overflow(alpha: float) -> float:
    """The x beyond which (e^(alpha x) - 1)/alpha + alpha and its derivatives exceed float64."""
    return math.inf if alpha == 0.0 else (LOG_MAX + math.log(alpha)) / alpha


SOFT_EXPONENTIAL = Activation(
    name="soft-exponential",
    aliases=("softexp",),
    summary="Soft exponential: (e^(alpha x) - 1)/alpha + alpha, from the identity (alpha = 0) to e^x (alpha = 1).",
    parameters=(
        Param("alpha", 0.5, "0 is the identity, 1 the exponential", symbol=r"\alpha",
              domain=closed(0.0, 1.0), examples=(1.0, 0.1)),
    ),
    formula=r"$\frac{e^{\alpha x} - 1}{\alpha} + \alpha$",
    derivative_formula=r"$e^{\alpha x}$",
    value_fn=soft_exponential,
    derivative_fns=derivatives(soft_exponential),
    properties=lambda alpha: Properties((alpha - 1.0 / alpha, math.inf) if alpha > 0 else (-math.inf, math.inf),
                                        "increasing", math.inf, alpha == 0.0),
    overflow_above=soft_exponential_overflow,
    paper=Paper("Godfrey, Luke B. and Gashler, Michael S.",
                "A continuum among logarithmic, linear, and exponential functions, and its potential to improve "
                "generalization in neural networks", 2016, arxiv="1602.01321"),
    note=("actplot draws the paper's linear-to-exponential half, alpha in [0, 1]. The logarithmic half "
          "(alpha < 0), -ln(1 - alpha (x + alpha)) / alpha, is defined only for x > (1 - alpha^2) / alpha and "
          "so cannot be a catalog entry, which must be finite on the whole line. Where the exponential truly "
          "leaves float64 (x > (709.78 + ln alpha) / alpha) the value is +inf."),
)


# --- ELiSH and HardELiSH ---------------------------------------------------------------------------------------

def elish(x: Array, order: int = 0) -> Array:
    """x sigmoid(x) above 0, (e^x - 1) sigmoid(x) below, and their derivatives."""
    s, ds, d2s = sigmoid(x), sigmoid_slope(x), sigmoid_curvature(x)
    neg = np.minimum(x, 0.0)
    e, em1 = np.exp(neg), np.expm1(neg)
    left = [em1 * s, e * s + em1 * ds, e * s + 2.0 * e * ds + em1 * d2s][order]
    return np.where(x >= 0, product_rule(x, s, ds, d2s, order), left)


ELISH = Activation(
    name="elish",
    summary="ELiSH: SiLU above 0, (e^x - 1) sigmoid(x) below: ELU's exponential under a sigmoid gate.",
    formula=r"$x\,\sigma(x)\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ (e^{x} - 1)\,\sigma(x)$",
    derivative_formula=(r"$\sigma(x)(1 + x(1 - \sigma(x)))\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ "
                        r"e^{x}\sigma(x) + (e^{x} - 1)\,\sigma'(x)$"),
    value_fn=elish,
    derivative_fns=derivatives(elish),
    breakpoints_fn=breaks_at(0.0, order=2),
    kink_convention="f'(0) = 1/2 from both sides; f''(0) = 1/2, the x >= 0 branch (1 from the left).",
    # the minimum -(3 - 2 sqrt 2) at x = -asinh(1) = -0.88137358701954303
    properties=Properties((-(3.0 - 2.0 * math.sqrt(2.0)), math.inf), "no", 1, True),
    paper=papers.GOLDEN,
)


def hard_elish(x: Array, order: int = 0) -> Array:
    """x clip((x + 1)/2, 0, 1) above 0, (e^x - 1) clip((x + 1)/2, 0, 1) below."""
    h = np.clip((x + 1.0) / 2.0, 0.0, 1.0)
    dh = inside(x, -1.0, 1.0, 0.5)
    neg = np.minimum(x, 0.0)
    e, em1 = np.exp(neg), np.expm1(neg)
    left = [em1 * h, e * h + em1 * dh, e * h + 2.0 * e * dh][order]
    right = [x * h, h + x * dh, 2.0 * dh][order]
    return np.where(x >= 0, right, left)


HARD_ELISH = Activation(
    name="hard-elish",
    aliases=("hardelish",),
    summary="HardELiSH: ELiSH with the hard sigmoid clip((x + 1)/2, 0, 1) as its gate.",
    formula=(r"$x\,h(x)\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ (e^{x} - 1)\,h(x),\ "
             r"h = \mathrm{clip}(\frac{x + 1}{2}, 0, 1)$"),
    derivative_formula=r"$h(x) + x\,h'(x)\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ e^{x} h(x) + (e^{x} - 1)\,h'(x)$",
    value_fn=hard_elish,
    derivative_fns=derivatives(hard_elish),
    breakpoints_fn=lambda: (Breakpoint(-1.0, 1), Breakpoint(0.0, 2), Breakpoint(1.0, 1)),
    kink_convention=("At -1 and 1 the outer branches (f'(-1) = 0, f'(1) = 1, where the clip is flat); at 0, "
                     "f' = 1/2 from both sides and f''(0) = 1, the x >= 0 branch."),
    # the minimum on [-1, 0], where f' = 0: x = -0.44285440100238858 (mpmath, 30 digits)
    properties=Properties((-0.099673151528742618, math.inf), "no", 0, True),
    paper=papers.GOLDEN,
    default_range=(-3.0, 3.0),
)

ENTRIES = (PELU, ISRLU, MPELU, XIELU, SERLU, SOFT_EXPONENTIAL, ELISH, HARD_ELISH)

