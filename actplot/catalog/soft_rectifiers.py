"""Soft rectifiers and a squashing curve from the literature: power, softplus and exponential units.

Each bends ReLU's corner into a curve or gives its negative half a soft, saturating shape: PoLU
replaces ELU's exponential by an inverse power, SLU and Soft++ are built on softplus, ARiA-2 is
x times a sigmoid raised to a power (a Richards curve), ShELU is ELU shifted along x, and the
scaled softsign stretches softsign's two saturations. The common term ln((1 + e^z) / 2), which
is 0 at z = 0, is computed by :func:`log_half_one_plus_exp` so that nothing cancels near 0.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog import papers
from actplot.catalog.builder import breaks_at, closed, derivatives, identity, product_rule
from actplot.catalog.special import sigmoid, sigmoid_slope, softplus
from actplot.core.schema import Activation, Array, Breakpoint, Interval, Paper, Param, Properties

TITLE = "Soft rectifiers"

LOG2 = math.log(2.0)


def log_half_one_plus_exp(z: Array) -> Array:
    """ln((1 + e^z) / 2) = softplus(z) - ln 2 without its cancellation near z = 0: below z = 1
    as log1p(expm1(z) / 2) (expm1 cannot overflow there), above it directly (softplus is at least
    1.31 there, so subtracting ln 2 costs under a bit)."""
    small = z < 1.0
    near = np.log1p(0.5 * np.expm1(np.minimum(z, 1.0)))
    return np.where(small, near, softplus(z) - LOG2)


# --- PoLU -------------------------------------------------------------------------------------------

def polu(x: Array, n: float, order: int = 0) -> Array:
    """x for x >= 0; (1 - x)^(-n) - 1 below, as expm1(-n log1p(-x)) so that a small n or a small
    |x| keeps its digits; its derivatives n (1 - x)^(-n-1) and n (n + 1) (1 - x)^(-n-2)."""
    neg = np.minimum(x, 0.0)
    log_base = np.log1p(-neg)  # ln(1 - x) >= 0
    with np.errstate(under="ignore"):  # the powers reaching 0 far left is their true limit
        left = [np.expm1(-n * log_base),
                n * np.exp(-(n + 1.0) * log_base),
                n * (n + 1.0) * np.exp(-(n + 2.0) * log_base)][order]
    return np.where(x >= 0, identity(x, order), left)


POLU = Activation(
    name="polu",
    aliases=("power-linear-unit",),
    summary="PoLU: x above 0, (1 - x)^(-n) - 1 below, saturating at -1 like a power rather than an exponential.",
    parameters=(
        Param("n", 1.0, "the power of the negative half; its slope at 0 from the left is n", symbol="n",
              domain=closed(0.0, 100.0), examples=(2.0, 1.5)),
    ),
    formula=r"$x\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ (1 - x)^{-n} - 1$",
    derivative_formula=r"$1\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ n\,(1 - x)^{-n-1}$",
    value_fn=polu,
    derivative_fns=derivatives(polu),
    breakpoints_fn=lambda n: (Breakpoint(0.0, 2 if n == 1.0 else 1),),
    kink_convention=("f'(0) = 1 and f''(0) = 0, the x >= 0 branch; from the left f' tends to n and f'' to "
                     "n (n + 1), so only n = 1 joins the slopes (then f'' jumps from 2 to 0)."),
    properties=lambda n: Properties((-1.0 if n > 0 else 0.0, math.inf), "increasing", 1 if n == 1.0 else 0, True),
    paper=Paper("Li, Yikang and Ding, Pak Lun Kevin and Li, Baoxin",
                "Training Neural Networks by Using Power Linear Units (PoLUs)", 2018, arxiv="1802.00212"),
    note=("The power n is a hyperparameter of the paper; actplot's default n = 1, where the two halves meet "
          "with the same slope, is its own choice. n is limited to [0, 100] (n = 0 is ReLU), where "
          "n (n + 1) stays small; the negative half is the inverse power (1 - x)^(-n), so it saturates at -1 "
          "far more slowly than ELU: at x = -99 it is still 0.01 above -1 for n = 1."),
)


# --- ARiA-2 -----------------------------------------------------------------------------------------

def aria2_gate(x: Array, alpha: float, beta: float) -> tuple[Array, Array, Array]:
    """g = sigmoid(beta x)^alpha and its derivatives, g' = alpha beta g s_ and
    g'' = alpha beta^2 g s_ (alpha s_ - s), with s = sigmoid(beta x) and s_ = sigmoid(-beta x).

    g is exp(-alpha softplus(-beta x)), which underflows quietly rather than raising a power of a
    tiny number. The bracket alpha s_ - s vanishes at beta x = ln alpha: left of ln alpha + 1 it is
    -alpha s_ expm1(beta x - ln alpha), which keeps its digits there; right of it, s dominates."""
    z = beta * x
    s, s_neg = sigmoid(z), sigmoid(-z)
    with np.errstate(under="ignore"):
        g = np.exp(-alpha * softplus(-z))
    gap = z - math.log(alpha)
    bracket = np.where(gap < 1.0, -alpha * s_neg * np.expm1(np.minimum(gap, 1.0)), alpha * s_neg - s)
    slope = alpha * beta * g * s_neg
    return g, slope, beta * slope * bracket


def aria2(x: Array, alpha: float, beta: float, order: int = 0) -> Array:
    """x sigmoid(beta x)^alpha and its derivatives (the product rule on :func:`aria2_gate`)."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(under="ignore"):
        return product_rule(x, *aria2_gate(x, alpha, beta), order)


def aria2_minimum(alpha: float, beta: float) -> float:
    """The minimum of x sigmoid(beta x)^alpha: with u = beta x it is u sigmoid(u)^alpha / beta at
    the root of f' / sigmoid^alpha = 1 + alpha u sigmoid(-u), which lies in [-1/alpha - 50, 0]."""
    from scipy.optimize import brentq

    def slope_ratio(u: float) -> float:  # u <= 0, so e^u cannot overflow
        return 1.0 + alpha * u / (1.0 + math.exp(u))

    root = brentq(slope_ratio, -1.0 / alpha - 50.0, 0.0, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)
    log_gate = root - math.log1p(math.exp(root))  # ln sigmoid(u) = u - ln(1 + e^u) for u <= 0
    return float(root * math.exp(alpha * log_gate) / beta)


#: ARiA-2's exponent and rate are limited so that alpha beta^2 and the minimum stay moderate.
ARIA2_RANGE = closed(0.01, 100.0)

ARIA2 = Activation(
    name="aria2",
    aliases=("aria-2", "adaptive-richards-curve-weighted-activation"),
    summary="ARiA-2: x times a Richards curve, x sigmoid(beta x)^alpha, Swish with a skewed gate.",
    parameters=(
        Param("alpha", 1.5, "the gate's exponent; alpha = 1 is Swish", symbol=r"\alpha", domain=ARIA2_RANGE,
              examples=(1.0, 3.0)),
        Param("beta", 2.0, "the gate's rate", symbol=r"\beta", domain=ARIA2_RANGE, examples=(1.0,)),
    ),
    formula=r"$x\, \sigma(\beta x)^{\alpha} = x\, (1 + e^{-\beta x})^{-\alpha}$",
    derivative_formula=r"$\sigma(\beta x)^{\alpha}\, (1 + \alpha \beta x\, \sigma(-\beta x))$",
    value_fn=aria2,
    derivative_fns=derivatives(aria2),
    properties=lambda alpha, beta: Properties((aria2_minimum(alpha, beta), math.inf), "no", math.inf, True),
    paper=Paper("Patwardhan, Narendra and Ingalhalikar, Madhura and Walambe, Rahee",
                "ARiA: Utilizing Richard's Curve for Controlling the Non-monotonicity of the Activation Function "
                "in Deep Neural Nets", 2018, arxiv="1805.08878"),
    note=("ARiA-2 is the paper's two-parameter special case of ARiA (x times Richards' generalised logistic "
          "with lower asymptote 0 and upper asymptote 1); the defaults alpha = 1.5 and beta = 2 are the values "
          "its implementations carry. With u = beta x the curve is u sigmoid(u)^alpha / beta, so its minimum, "
          "at the root of 1 + alpha u sigmoid(-u), scales as 1/beta: -0.069977641319701427 at "
          "x = -0.46488222063100824 for the defaults (mpmath, 30 digits)."),
)


# --- SLU ----------------------------------------------------------------------------------------------

def slu(x: Array, order: int = 0) -> Array:
    """x for x >= 0; 2 ln((1 + e^x) / 2) below, with 2 sigmoid(x) and 2 sigmoid'(x)."""
    neg = np.minimum(x, 0.0)
    left = [2.0 * log_half_one_plus_exp(neg), 2.0 * sigmoid(neg), 2.0 * sigmoid_slope(neg)][order]
    return np.where(x >= 0, identity(x, order), left)


SLU = Activation(
    name="slu",
    aliases=("softplus-linear-unit",),
    summary="SLU: x above 0 and a softplus below, 2 ln((1 + e^x)/2), joined at 0 with slope 1.",
    formula=r"$x\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ 2 \ln(\frac{1 + e^{x}}{2})$",
    derivative_formula=r"$1\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ 2\,\sigma(x)$",
    value_fn=slu,
    derivative_fns=derivatives(slu),
    breakpoints_fn=breaks_at(0.0, order=2),
    kink_convention="f'(0) = 1 from both sides; f''(0) = 0, the x >= 0 branch (1/2 from the left).",
    # the infimum -2 ln 2, approached as x -> -inf
    properties=Properties((-2.0 * LOG2, math.inf), "increasing", 1, True),
    paper=Paper("Zhao, Huizhen and Liu, Fuxian and Li, Longyue and Luo, Chang",
                "A novel softplus linear unit for deep convolutional neural networks", 2018,
                doi="10.1007/s10489-017-1028-7", venue="Applied Intelligence"),
    note=("The paper's general form is a x above 0 and b ln(e^x + 1) - c below, with the positive slope fixed "
          "at a = 1 and b, c set so that the curve is continuous and differentiable at 0: b sigmoid(0) = 1 "
          "gives b = 2, and b ln 2 - c = 0 gives c = 2 ln 2. That fixed curve is drawn here."),
)


# --- Soft++ -------------------------------------------------------------------------------------------

def soft_plus_plus(x: Array, k: float, c: float, order: int = 0) -> Array:
    """ln(1 + e^(k x)) + x / c - ln 2, as ln((1 + e^(k x)) / 2) + x / c (both terms have x's sign,
    so the sum never cancels); f' = k sigmoid(k x) + 1/c and f'' = k^2 sigmoid'(k x)."""
    x = np.asarray(x, dtype=np.float64)
    z = k * x
    if order == 0:
        return log_half_one_plus_exp(z) + x / c
    if order == 1:
        return k * sigmoid(z) + 1.0 / c
    return k * k * sigmoid_slope(z)


SOFT_PLUS_PLUS = Activation(
    name="soft-plus-plus",
    aliases=("soft++", "softplusplus"),
    summary="Soft++: softplus(k x) + x/c - ln 2, a softplus that passes through 0 and keeps slope 1/c below.",
    parameters=(
        Param("k", 1.0, "the softplus's sharpness", symbol="k", domain=Interval(0.0, 1e3, high_open=False),
              examples=(2.0, 0.5)),
        Param("c", 2.0, "1/c is the slope far left (and is added to softplus's slope everywhere)", symbol="c",
              domain=Interval(1e-3, low_open=False), examples=(4.0, 1.0)),
    ),
    formula=r"$\ln(1 + e^{k x}) + \frac{x}{c} - \ln 2$",
    derivative_formula=r"$k\, \sigma(k x) + \frac{1}{c}$",
    value_fn=soft_plus_plus,
    derivative_fns=derivatives(soft_plus_plus),
    properties=lambda k, c: Properties((-math.inf, math.inf), "increasing", math.inf, True),
    paper=Paper("Ciuparu, Andrei and Nagy-Dăbâcan, Adriana and Mureşan, Raul C.",
                "Soft++, a multi-parametric non-saturating non-linearity that improves convergence in deep neural "
                "architectures", 2020, doi="10.1016/j.neucom.2019.12.014", venue="Neurocomputing"),
    note=("k and c are the paper's two shape parameters, tuned per problem; actplot's defaults k = 1 and c = 2 "
          "are its own. The slope runs from 1/c far left to k + 1/c far right, so Soft++ never saturates: it "
          "extends softplus as PReLU extends ReLU. f(0) = 0 and f'(0) = k/2 + 1/c."),
)


# --- ShELU ----------------------------------------------------------------------------------------------

def shelu(x: Array, b: float, order: int = 0) -> Array:
    """ELU (alpha = 1) of x + b: x + b above -b, e^(x + b) - 1 at and below it."""
    t = np.asarray(x, dtype=np.float64) + b
    neg = np.minimum(t, 0.0)
    e = np.exp(neg)
    left = [np.expm1(neg), e, e][order]
    return np.where(t > 0, identity(t, order), left)


SHELU = Activation(
    name="shelu",
    aliases=("shifted-elu", "shifted-exponential-linear-unit"),
    summary="ShELU: ELU shifted left by b, ELU(x + b), so that it no longer passes through the origin.",
    parameters=(
        Param("b", 0.5, "the shift; the bend sits at x = -b", symbol="b", domain=closed(-1e6, 1e6),
              examples=(0.0, -1.0)),
    ),
    formula=r"$x + b\ \mathrm{if}\ x + b > 0\ \mathrm{else}\ e^{x + b} - 1$",
    derivative_formula=r"$1\ \mathrm{if}\ x + b > 0\ \mathrm{else}\ e^{x + b}$",
    value_fn=shelu,
    derivative_fns=derivatives(shelu),
    breakpoints_fn=lambda b: (Breakpoint(-b, 2),),
    kink_convention="f'(-b) = 1 from both sides; f''(-b) = 1, the exponential branch (0 from the right).",
    properties=lambda b: Properties((-1.0, math.inf), "increasing", 1, b == 0.0),
    paper=Paper("Grelsson, Bertil and Felsberg, Michael",
                "Improved Learning in Convolutional Neural Networks with Shifted Exponential Linear Units (ShELUs)",
                2018, doi="10.1109/ICPR.2018.8545104",
                venue="Proceedings of the 24th International Conference on Pattern Recognition (ICPR)"),
    note=("The paper learns one shift b per neuron, after finding that learned piecewise-linear activations "
          "are ELU-shaped but do not pass through the origin; it fixes no value, and actplot's default "
          "b = 0.5 is its own (b = 0 is ELU). f(0) = ELU(b)."),
)


# --- scaled softsign ----------------------------------------------------------------------------------------

def scaled_softsign(x: Array, alpha: float, beta: float, order: int = 0) -> Array:
    """alpha x / (beta + |x|), alpha beta / (beta + |x|)^2 and -2 alpha beta sign(x) / (beta + |x|)^3;
    the powers of 1 / (beta + |x|) are taken one at a time, so that none overflows or underflows early."""
    x = np.asarray(x, dtype=np.float64)
    q = 1.0 / (beta + np.abs(x))
    if order == 0:
        return alpha * x * q
    with np.errstate(under="ignore"):
        if order == 1:
            return alpha * beta * q * q
        return -2.0 * alpha * beta * np.sign(x) * q * q * q


SCALED_SOFTSIGN = Activation(
    name="scaled-softsign",
    aliases=("scaledsoftsign",),
    summary="Scaled softsign: alpha x / (beta + |x|), softsign with a trainable height alpha and width beta.",
    parameters=(
        Param("alpha", 1.0, "the saturation level: the curve runs from -alpha to alpha", symbol=r"\alpha",
              domain=closed(1e-6, 1e6), examples=(2.0,)),
        Param("beta", 1.0, "the width: the curve is at half its height at x = beta", symbol=r"\beta",
              domain=closed(1e-6, 1e6), examples=(0.5,)),
    ),
    formula=r"$\frac{\alpha x}{\beta + |x|}$",
    derivative_formula=r"$\frac{\alpha \beta}{(\beta + |x|)^2}$",
    value_fn=scaled_softsign,
    derivative_fns=derivatives(scaled_softsign),
    breakpoints_fn=breaks_at(0.0, order=2),
    kink_convention=("f''(0) = 0 (sign(0) = 0, the mean of the two sides); the left and right limits are "
                     "+2 alpha / beta^2 and -2 alpha / beta^2."),
    properties=lambda alpha, beta: Properties((-alpha, alpha), "increasing", 1, True),
    paper=papers.PISHCHIK,
    note=("alpha and beta are trained with the network; actplot's defaults alpha = beta = 1 are softsign. "
          "Both are limited to [1e-6, 1e6], where f'' at 0 stays a float. f'(0) = "
          "alpha / beta."),
)

ENTRIES = (POLU, SLU, SOFT_PLUS_PLUS, ARIA2, SHELU, SCALED_SOFTSIGN)
