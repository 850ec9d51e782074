"""Gated units with a trainable shape, and smoothed maxima.

ACON-C (a smooth maximum of two lines), Flatten-T Swish, the SiLU's derivative dSiLU, ErfAct and
Pserf (erf gates), the TanhSoft family, SMU and SAU (Leaky ReLU smoothed by erf and by a
Gaussian) and SinLU. Where a paper learns its parameters from stated initial values, the defaults
are those values, unless the entry's note says why not.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable

import numpy as np

from actplot.catalog import papers
from actplot.catalog.builder import Ordered, breaks_at, closed, derivatives, product_rule
from actplot.catalog.extrema import critical_points, scanned
from actplot.catalog.gated import swish, swish_d1, swish_d2
from actplot.catalog.special import (
    SATURATED,
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
from actplot.core.schema import Activation, Array, Interval, Monotonic, Paper, Param, Properties

TITLE = "Gates with a trainable shape"

#: dSiLU's maximum, at x = 2.3993572805154677 (where x tanh(x/2) = 2); its minimum is 1 - max. Found to
#: 17 digits with mpmath (findroot of f' at 30 digits; tests check them against the sampled curves).
DSILU_MAX = 1.0998393201288669
DSILU_MIN = -0.099839320128866917
#: max over t of tanh(t) + t sech^2(t), at t = Q* itself (where t tanh t = 1): the overshoot of
#: ACON-C's slope, f' in [m - |h| Q*, m + |h| Q*].
ACON_OVERSHOOT = 1.1996786402577338


def _times(a: Array | float, b: Array | float) -> Array:
    """a * b, +-inf without a warning where the product truly leaves float64's range."""
    with np.errstate(over="ignore"):
        return np.asarray(a * b)


# --- ACON-C -----------------------------------------------------------------------------------

#: ACON-C's p1, p2 and beta: beyond 1e100 the curvature at 0, beta (p1 - p2)^2 / 2, leaves float64.
ACON_BOUND = closed(-1e100, 1e100)


def _acon_gate(z: Array, p1: float, p2: float) -> Array:
    """p1 sigmoid(z) + p2 sigmoid(-z), the slope of the smooth maximum at z = beta (p1 - p2) x.

    With p1 and p2 of one sign the two terms add. With opposite signs the gate has a root at
    z0 = log(-p2 / p1) and the sum would cancel; it is then -p1 sigmoid(z) expm1(z0 - z) above
    z0 and -p2 sigmoid(-z) expm1(z - z0) below (each factor within [-1, 1], so no overflow), exact
    at x = 0 when p1 = -p2 (z0 = 0), where f is x^2-small.
    """
    if p1 * p2 >= 0.0:
        return p1 * sigmoid(z) + p2 * sigmoid(-z)
    w = z - (math.log(abs(p2)) - math.log(abs(p1)))
    above = w >= 0.0
    return np.where(above, -p1 * sigmoid(z) * np.expm1(-np.where(above, w, 0.0)),
                    -p2 * sigmoid(-z) * np.expm1(np.where(above, 0.0, w)))


def _acon_z(x: Array, p1: float, p2: float, beta: float) -> Array:
    return scaled(beta * (p1 - p2), x)


def acon_c(x: Array, p1: float, p2: float, beta: float) -> Array:
    """(p1 - p2) x sigmoid(beta (p1 - p2) x) + p2 x = x (p1 sigmoid(z) + p2 sigmoid(-z))."""
    return _times(x, _acon_gate(_acon_z(x, p1, p2, beta), p1, p2))


def acon_c_d1(x: Array, p1: float, p2: float, beta: float) -> Array:
    """G(z) + (p1 - p2) z sigmoid'(z), G the gate."""
    z = _acon_z(x, p1, p2, beta)
    return _acon_gate(z, p1, p2) + (p1 - p2) * times_sigmoid_slope(z)


def acon_c_d2(x: Array, p1: float, p2: float, beta: float) -> Array:
    """beta (p1 - p2)^2 (2 sigmoid'(z) + z sigmoid''(z)), as Swish's with slope (p1 - p2)."""
    z = _acon_z(x, p1, p2, beta)
    return beta * (p1 - p2) ** 2 * (2.0 * sigmoid_slope(z) + times_sigmoid_curvature(z))


def _acon_min(r: float) -> float:
    """min over t of t (r + tanh t) for |r| <= 1 (the function is even in r), at its one critical
    point in [-Q*, 0]: the root of h(t) = r + tanh t + t sech^2 t, which rises through it.

    scipy's brentq finds the root to a few ulps (for a subnormal root it may stop short of its
    tolerance: disp=False takes its last iterate); t is then the point a bisection to adjacent floats
    ends on, the midpoint (rounded to a float) of the two adjacent floats between which h turns
    positive, the bracket's end 0 counting as positive."""
    from scipy.optimize import brentq

    r = abs(r)

    def h(t: float) -> float:
        return r + math.tanh(t) + t / math.cosh(t) ** 2

    def positive(t: float) -> bool:
        return t >= 0.0 or h(t) > 0.0

    t = float(brentq(h, -ACON_OVERSHOOT, 0.0, xtol=5e-324, rtol=4.0 * sys.float_info.epsilon, disp=False))
    while positive(t):  # the few floats between brentq's root and the sign change
        t = math.nextafter(t, -math.inf)
    while not positive(math.nextafter(t, math.inf)):
        t = math.nextafter(t, math.inf)
    t = 0.5 * (t + math.nextafter(t, math.inf))
    return min(t * (r + math.tanh(t)), 0.0)


def acon_c_properties(p1: float, p2: float, beta: float) -> Properties:
    """f = (1 / beta) F(t), F(t) = t (r + tanh t), t = beta h x, with m = (p1 + p2) / 2,
    h = (p1 - p2) / 2, r = m / h; and f' = m + h (tanh t + t sech^2 t), whose bracket spans
    [-Q*, Q*]. F is bounded below exactly when |r| <= 1: p1 and p2 of opposite signs, or one of them 0."""
    m, h = 0.5 * p1 + 0.5 * p2, 0.5 * p1 - 0.5 * p2
    if beta == 0.0 or h == 0.0:  # the line m x
        line = (-math.inf, math.inf) if m != 0.0 else (0.0, 0.0)
        return Properties(line, "decreasing" if m < 0.0 else "increasing", math.inf, True)
    spread = abs(h) * ACON_OVERSHOOT
    monotonic: Monotonic = "increasing" if m >= spread else ("decreasing" if m <= -spread else "no")
    if p1 * p2 > 0.0:  # |r| > 1, decided by the signs: m / h may round to +-1
        return Properties((-math.inf, math.inf), monotonic, math.inf, True)
    bound = _acon_min(m / h) / beta
    return Properties((bound, math.inf) if beta > 0 else (-math.inf, bound), monotonic, math.inf, True)


ACON_C = Activation(
    name="acon-c",
    aliases=("aconc", "acon"),
    summary="ACON-C (activate or not): a smooth maximum of the lines p1 x and p2 x, sharpened by beta.",
    parameters=(
        Param("p1", 1.0, "slope of the first line (learned per channel)", symbol="p_1", domain=ACON_BOUND,
              examples=(2.0,)),
        Param("p2", 0.0, "slope of the second line (learned per channel)", symbol="p_2", domain=ACON_BOUND,
              examples=(0.25, -0.5)),
        Param("beta", 1.0, "switching factor: 0 averages the lines, large values take their maximum, "
              "negative values their minimum", symbol=r"\beta", domain=ACON_BOUND, examples=(4.0, -1.0)),
    ),
    formula=r"$(p_1 - p_2)\,x\,\sigma(\beta (p_1 - p_2) x) + p_2 x$",
    derivative_formula=(r"$(p_1 - p_2)\,\sigma(z)\,(1 + z\,\sigma(-z)) + p_2,\ "
                        r"z = \beta (p_1 - p_2) x$"),
    value_fn=acon_c,
    derivative_fns=(acon_c_d1, acon_c_d2),
    properties=acon_c_properties,
    paper=Paper("Ma, Ningning and Zhang, Xiangyu and Liu, Ming and Sun, Jian",
                "Activate or Not: Learning Customized Activation", 2021, arxiv="2009.04759",
                venue="Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"),
    note=("The paper learns p1, p2 and beta per channel (its code draws p1, p2 from N(0, 1) and starts beta "
          "at 1); actplot's defaults p1 = 1, p2 = 0, beta = 1 give Swish (SiLU). p1, p2 and beta are bounded "
          "by 1e100, beyond which the curvature at 0, beta (p1 - p2)^2 / 2, leaves float64."),
)


# --- Flatten-T Swish ---------------------------------------------------------------------------

def fts(x: Array, T: float) -> Array:
    """x sigmoid(x) + T for x >= 0, T below."""
    return np.where(x >= 0.0, swish(x, 1.0) + T, T)


FTS = Activation(
    name="fts",
    aliases=("flatten-t-swish", "ftswish"),
    summary="Flatten-T Swish: SiLU on the positive side, the constant threshold T on the negative side.",
    parameters=(
        Param("T", -0.20, "threshold: the flat value for x < 0, also added for x >= 0", symbol="T",
              aliases=("threshold",), examples=(0.0, -0.5)),
    ),
    formula=r"$x\,\sigma(x) + T\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ T$",
    derivative_formula=r"$\sigma(x)\,(1 + x\,(1 - \sigma(x)))\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ 0$",
    value_fn=fts,
    derivative_fns=(lambda x, T: np.where(x >= 0.0, swish_d1(x, 1.0), 0.0),
                    lambda x, T: np.where(x >= 0.0, swish_d2(x, 1.0), 0.0)),
    breakpoints_fn=breaks_at(0.0),
    kink_convention="f'(0) = 1/2 and f''(0) = 1/2, the branch x >= 0 (autograd of the paper's where).",
    properties=lambda T: Properties((T, math.inf), "increasing", 0, T == 0.0),
    paper=Paper("Chieng, Hock Hung and Wahid, Noorhaniza and Ong, Pauline and Perla, Sai Raj Kishore",
                "Flatten-T Swish: a thresholded ReLU-Swish-like activation function for deep learning", 2018,
                arxiv="1812.06247"),
    note="T = -0.20 is the threshold the paper found best; the paper takes the Swish branch at x >= 0.",
)


# --- dSiLU -------------------------------------------------------------------------------------

def dsilu(x: Array) -> Array:
    """sigmoid(x) (1 + x sigmoid(-x)); below 0 as e^x (1 + x + e^x) / (1 + e^x)^2, whose only
    rounding near the root x = -1.278 is e^x's (1 + x is exact there)."""
    e = np.exp(np.minimum(x, 0.0))
    left = e * (((1.0 + x) + e) / ((1.0 + e) * (1.0 + e)))
    return np.where(x < 0.0, left, sigmoid(x) + times_sigmoid_slope(x))


def dsilu_d1(x: Array) -> Array:
    """sigmoid'(x) (2 - x tanh(x / 2)), the SiLU's second derivative."""
    y = np.clip(x, -SATURATED, SATURATED)
    return sigmoid_slope(y) * (2.0 - y * np.tanh(0.5 * y))


def dsilu_d2(x: Array) -> Array:
    """sigmoid'(x) (x (3 t^2 - 1) / 2 - 3 t) with t = tanh(x / 2), the SiLU's third derivative."""
    y = np.clip(x, -SATURATED, SATURATED)
    t = np.tanh(0.5 * y)
    return sigmoid_slope(y) * (0.5 * y * (3.0 * t * t - 1.0) - 3.0 * t)


DSILU = Activation(
    name="dsilu",
    aliases=("d-silu", "silu-derivative", "sild1"),
    summary="dSiLU: the derivative of the SiLU, a sigmoid that overshoots to 1.0998 and undershoots to -0.0998.",
    formula=r"$\sigma(x)\,(1 + x\,(1 - \sigma(x)))$",
    derivative_formula=r"$\sigma(x)\,(1 - \sigma(x))\,(2 - x\,\tanh(x/2))$",
    value_fn=dsilu,
    derivative_fns=(dsilu_d1, dsilu_d2),
    properties=Properties((DSILU_MIN, DSILU_MAX), "no", math.inf, False),
    paper=papers.SILU,
    default_range=(-8.0, 8.0),
    note="dSiLU(x) + dSiLU(-x) = 1: the overshoot above 1 mirrors the undershoot below 0.",
)


# --- erf gates: ErfAct and Pserf -----------------------------------------------------------------

#: A positive scale of the erf gates, limited so that every product of it with x = 1e6 is a float.
SCALE = Interval(0.0, 1e3, high_open=False)
RATE = closed(-1e3, 1e3)
TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)


def erfact(x: Array, alpha: float, beta: float, order: int = 0) -> Array:
    """x erf(w), w = alpha e^(beta x); w is capped at 40, beyond which erf(w) is 1 and its slope 0."""
    from scipy.special import erf

    x = np.asarray(x, dtype=np.float64)
    w = np.exp(np.minimum(scaled(beta, x) + math.log(alpha), math.log(40.0)))
    bump = TWO_OVER_SQRT_PI * w * np.exp(-w * w)
    return product_rule(x, erf(w), beta * bump, beta * beta * bump * (1.0 - 2.0 * w * w), order)


ERFACT = Activation(
    name="erfact",
    summary="ErfAct: x erf(alpha e^(beta x)), a gate that opens exponentially, with a dip below 0.",
    parameters=(
        Param("alpha", 0.75, "scale of the gate's argument (trained)", symbol=r"\alpha", domain=SCALE, examples=(0.5,)),
        Param("beta", 0.75, "rate of the exponential (trained)", symbol=r"\beta", domain=RATE, examples=(2.0,)),
    ),
    formula=r"$x\, \mathrm{erf}(\alpha e^{\beta x})$",
    derivative_formula=r"$\mathrm{erf}(w) + \frac{2}{\sqrt{\pi}}\,\beta\, x\, w\, e^{-w^2},\ w = \alpha e^{\beta x}$",
    value_fn=erfact,
    derivative_fns=derivatives(erfact),
    properties=scanned(erfact),
    paper=papers.ERFACT_PSERF,
    note=("alpha and beta are trained; the defaults alpha = beta = 0.75 are the values the paper's experiments "
          "start them from (as do its public reimplementations). alpha is limited to (0, 1000] and beta to "
          "[-1000, 1000]. The range and direction are found from the exact f' (see actplot.catalog.extrema)."),
)


def pserf(x: Array, gamma: float, delta: float, order: int = 0) -> Array:
    """x erf(w), w = gamma ln(1 + e^(delta x)), w' = gamma delta sigmoid(delta x)."""
    from scipy.special import erf

    x = np.asarray(x, dtype=np.float64)
    z = scaled(delta, x)
    w = gamma * softplus(z)
    dw, d2w = gamma * delta * sigmoid(z), gamma * delta * delta * sigmoid_slope(z)
    bump = TWO_OVER_SQRT_PI * np.exp(-np.minimum(w, 40.0) ** 2)
    return product_rule(x, erf(w), bump * dw, bump * (d2w - 2.0 * np.minimum(w, 40.0) * dw * dw), order)


PSERF = Activation(
    name="pserf",
    summary="Pserf: x erf(gamma ln(1 + e^(delta x))), Serf with a trained scale and rate.",
    parameters=(
        Param("gamma", 1.25, "scale of softplus inside erf (trained)", symbol=r"\gamma", domain=SCALE,
              examples=(1.0,)),
        Param("delta", 0.85, "rate inside softplus (trained)", symbol=r"\delta", domain=SCALE, examples=(2.0,)),
    ),
    formula=r"$x\, \mathrm{erf}(\gamma \ln(1 + e^{\delta x}))$",
    derivative_formula=(r"$\mathrm{erf}(w) + \frac{2}{\sqrt{\pi}}\,x\,e^{-w^2}\gamma\delta\,\sigma(\delta x),"
                        r"\ w = \gamma \ln(1 + e^{\delta x})$"),
    value_fn=pserf,
    derivative_fns=derivatives(pserf),
    properties=scanned(pserf),
    paper=papers.ERFACT_PSERF,
    note=("gamma and delta are trained; the defaults gamma = 1.25 and delta = 0.85 are the values the paper's "
          "experiments start them from (as do its public reimplementations); gamma = delta = 1 is Serf. Both "
          "are limited to (0, 1000]."),
)


# --- TanhSoft ------------------------------------------------------------------------------------

def tanhsoft(x: Array, alpha: float, beta: float, gamma: float, delta: float, order: int = 0) -> Array:
    """tanh(u) L with u = alpha x + beta e^(gamma x) (beta e^(gamma x) capped at 1e12, beyond any
    |alpha x| at |x| <= 1e6, so tanh is 1 and its slope 0 there) and L = ln(delta + e^x) (x itself
    for delta = 0)."""
    x = np.asarray(x, dtype=np.float64)
    if beta > 0:  # in log space: beta = 1e-300 times e^(gamma x) must not overflow on the way
        w = np.exp(np.minimum(scaled(gamma, x) + math.log(beta), math.log(1e12)))
    else:
        w = np.zeros_like(x)
    u = scaled(alpha, x) + w
    t, s = np.tanh(u), tanh_slope(u)
    du, d2u = alpha + gamma * w, gamma * gamma * w
    if delta > 0:
        shifted = x - math.log(delta)
        big_l, d_l, d2_l = np.logaddexp(math.log(delta), x), sigmoid(shifted), sigmoid_slope(shifted)
    else:
        big_l, d_l, d2_l = x, np.ones_like(x), np.zeros_like(x)
    if order == 0:
        return t * big_l
    if order == 1:
        return s * du * big_l + t * d_l
    return s * ((d2u - 2.0 * t * du * du) * big_l + 2.0 * du * d_l) + t * d2_l


TANHSOFT = Activation(
    name="tanhsoft",
    summary="TanhSoft: tanh(alpha x + beta e^(gamma x)) ln(delta + e^x), a family of gated softplus curves.",
    parameters=(
        Param("alpha", 0.0, "slope inside tanh", symbol=r"\alpha", domain=closed(-1e3, 1.0), examples=(0.87,)),
        Param("beta", 0.6, "weight of the exponential inside tanh", symbol=r"\beta", domain=closed(0.0, 1e3),
              examples=(0.0,)),
        Param("gamma", 1.0, "rate of that exponential", symbol=r"\gamma", domain=SCALE, examples=(0.5,)),
        Param("delta", 0.0, "shift inside the logarithm: 0 gives x, 1 gives softplus", symbol=r"\delta",
              domain=closed(0.0, 1.0), examples=(1.0,)),
    ),
    formula=r"$\tanh(\alpha x + \beta e^{\gamma x})\, \ln(\delta + e^{x})$",
    derivative_formula=(r"$(1 - \tanh^2 u)(\alpha + \beta\gamma e^{\gamma x}) L + \tanh(u)\,\frac{e^x}{\delta + e^x},"
                        r"\ u = \alpha x + \beta e^{\gamma x},\ L = \ln(\delta + e^x)$"),
    value_fn=tanhsoft,
    derivative_fns=derivatives(tanhsoft),
    properties=scanned(tanhsoft),
    paper=Paper(papers.BISWAS_ET_AL, "TanhSoft -- a family of activation functions combining Tanh and Softplus",
                2020, arxiv="2009.03863"),
    note=("The defaults draw x tanh(0.6 e^x), the member the paper reports best on CIFAR-10; alpha = 0.87, "
          "beta = 0, delta = 1 draws its other highlighted member, tanh(0.87 x) ln(1 + e^x). Domains: "
          "alpha <= 1, beta >= 0, gamma > 0, delta in [0, 1], as the paper's family takes them, bounded "
          "by 1000 so that nothing overflows at |x| = 1e6."),
)


# --- SMU and SAU: Leaky ReLU smoothed -----------------------------------------------------------------

LEAK = closed(-1e3, 1e3)


def smu(x: Array, alpha: float, mu: float, order: int = 0) -> Array:
    """((1 + alpha) x + (1 - alpha) x erf(mu (1 - alpha) x)) / 2 and its derivatives."""
    from scipy.special import erf

    x = np.asarray(x, dtype=np.float64)
    k = mu * (1.0 - alpha)
    kx = scaled(k, x)
    bump = TWO_OVER_SQRT_PI * np.exp(-np.minimum(np.abs(kx), 40.0) ** 2)  # 2/sqrt(pi) e^(-k^2 x^2)
    if order == 0:
        return 0.5 * ((1.0 + alpha) * x + (1.0 - alpha) * x * erf(kx))
    if order == 1:
        return 0.5 * ((1.0 + alpha) + (1.0 - alpha) * (erf(kx) + np.clip(kx, -40.0, 40.0) * bump))
    return (1.0 - alpha) * k * bump * (1.0 - np.minimum(np.abs(kx), 40.0) ** 2)


#: f' of SMU at u = k x is ((1 + alpha) + (1 - alpha) g(u)) / 2 with g(u) = erf(u) + (2/sqrt(pi)) u e^(-u^2),
#: whose extremes are g(-+1) = -+c, c = erf(1) + 2 / (sqrt(pi) e): so min f' = ((1 + c) alpha - (c - 1)) / 2
#: for alpha < 1, and SMU is increasing exactly for alpha in [(c - 1) / (c + 1), (c + 1) / (c - 1)],
#: whatever mu (mpmath at 30 digits; tests check f' on both sides of each end).
SMU_OVERSHOOT = 1.2578082903703096  # c
SMU_MONOTONE = (0.11418519963359054, 8.757702427362783)
_smu_scanned = scanned(smu)


def smu_properties(alpha: float, mu: float) -> Properties:
    """The range from the exact f' (see actplot.catalog.extrema); the direction from SMU_MONOTONE."""
    found = _smu_scanned(alpha=alpha, mu=mu)
    monotonic: Monotonic = "increasing" if SMU_MONOTONE[0] <= alpha <= SMU_MONOTONE[1] else "no"
    return Properties(found.output_range, monotonic, found.smoothness, found.zero_at_zero)


SMU = Activation(
    name="smu",
    aliases=("smooth-maximum-unit",),
    summary="SMU: Leaky ReLU smoothed through erf, ((1 + alpha) x + (1 - alpha) x erf(mu (1 - alpha) x)) / 2.",
    parameters=(
        Param("alpha", 0.25, "slope for x < 0 once smoothed out", symbol=r"\alpha", domain=LEAK, examples=(0.01,)),
        Param("mu", 1.0, "sharpness: large mu approaches Leaky ReLU", symbol=r"\mu",
              domain=Interval(0.0, 1e6, high_open=False), examples=(4.0,)),
    ),
    formula=r"$\frac{(1 + \alpha) x + (1 - \alpha)\, x\, \mathrm{erf}(\mu (1 - \alpha) x)}{2}$",
    derivative_formula=(r"$\frac{1 + \alpha}{2} + \frac{1 - \alpha}{2}(\mathrm{erf}(k x) + \frac{2}{\sqrt{\pi}} k x\,"
                        r"e^{-k^2 x^2}),\ k = \mu(1 - \alpha)$"),
    value_fn=smu,
    derivative_fns=derivatives(smu),
    properties=smu_properties,
    paper=Paper(papers.BISWAS_ET_AL,
                "SMU: smooth activation function for deep networks using smoothing maximum technique", 2021,
                arxiv="2111.04682"),
    note=("alpha = 0.25 as in the paper, whose experiments train mu from mu = 1e6 (so do its public "
          "implementations, e.g. github.com/iFe1er/SMU_pytorch). actplot keeps mu = 1, which shows the "
          "smoothing: at mu = 1e6 it spans |x| < 5e-6, so the curve draws as Leaky ReLU with a corner and f'' as "
          "a spike of 6.3e5 at 0 that no plotting grid resolves (actplot smu --mu 1e6 draws it). Below "
          "alpha = (c - 1) / (c + 1) = 0.11418520, with c = erf(1) + 2 / (sqrt(pi) e), the smoothing "
          "overshoots: f' dips below 0 near x = -1/k, to "
          "((1 + c) alpha - (c - 1)) / 2, whatever mu; so it does above alpha = (c + 1) / (c - 1) = 8.7577 "
          "(slopes 1 on the left and alpha on the right). Between the two SMU is increasing."),
)


def gauss_ramp(z: Array) -> Array:
    """z Phi(z) + phi(z), the Gaussian-smoothed max(0, z), without cancellation for z << 0.

    Below -4 it is phi(t) R(t) a(t) with t = -z, R the Mills ratio 1 / (t + 1/(t + 2/(t + ...)))
    and a = 1 / (t + 2/(t + 3/(t + ...))), both from one continued fraction (60 terms)."""
    z = np.asarray(z, dtype=np.float64)
    far = z < -4.0
    result = np.array(z * normal_cdf(z) + normal_pdf(z))
    if far.any():
        t = -z[far]
        tail = t.copy()
        for n in range(60, 1, -1):
            tail = t + n / tail
        mills = 1.0 / (t + 1.0 / tail)
        result[far] = normal_pdf(t) * mills / tail
    return result


def sau(x: Array, alpha: float, sigma: float, order: int = 0) -> Array:
    """alpha x + (1 - alpha)(x Phi(x / sigma) + sigma phi(x / sigma)): Leaky ReLU convolved with a
    Gaussian of width sigma."""
    x = np.asarray(x, dtype=np.float64)
    z = x / sigma
    if order == 0:
        return alpha * x + (1.0 - alpha) * sigma * gauss_ramp(z)
    if order == 1:
        return alpha + (1.0 - alpha) * normal_cdf(z)
    return (1.0 - alpha) * normal_pdf(z) / sigma


SAU = Activation(
    name="sau",
    aliases=("smooth-activation-unit",),
    summary="SAU: Leaky ReLU convolved with a Gaussian, alpha x + (1 - alpha)(x Phi(x/sigma) + sigma phi(x/sigma)).",
    parameters=(
        Param("alpha", 0.01, "Leaky ReLU's slope for x < 0", symbol=r"\alpha", domain=LEAK, examples=(0.25,)),
        Param("sigma", 1.0, "width of the Gaussian", symbol=r"\sigma", domain=closed(1e-6, 1e6), examples=(0.5,)),
    ),
    formula=r"$\alpha x + (1 - \alpha)\,(x\,\Phi(x/\sigma) + \sigma\,\phi(x/\sigma))$",
    derivative_formula=r"$\alpha + (1 - \alpha)\,\Phi(x/\sigma)$",
    value_fn=sau,
    derivative_fns=derivatives(sau),
    properties=scanned(sau, zero_at_zero=lambda alpha, sigma: alpha == 1.0),
    paper=Paper(papers.BISWAS_ET_AL, "SAU: Smooth activation function using convolution with approximate identities",
                2021, arxiv="2109.13210"),
    note=("The paper smooths Leaky ReLU by convolving it with an approximate identity; actplot uses the Gaussian "
          "one, whose convolution has this closed form. alpha = 0.01 (PyTorch's leaky slope) and sigma = 1 are "
          "actplot's defaults. Below x = -4 sigma the Gaussian part is summed by a continued fraction."),
)


# --- SinLU -------------------------------------------------------------------------------------------

#: A wave r of a ripple x + a r(b x) (np.sin, np.cos) or its derivative r', elementwise.
Wave = Callable[[Array], Array]
#: The same wave on one float (math.sin, math.cos), for the closed-form tail.
FloatWave = Callable[[float], float]


def ripple_gate(x: Array, a: float, b: float, order: int, wave: Wave, wave_slope: Wave) -> Array:
    """(x + a r(b x)) sigmoid(x) for the wave r = ``wave`` (r' = ``wave_slope``), and its derivatives,
    each computing only what it needs (the properties evaluate them often): sigmoid(x) and
    sigmoid(-x) from one exp(-|x|), sigmoid' as their product and sigmoid'' as
    -sigmoid' tanh(x / 2). SinLU and CosLU are its sine and cosine."""
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    right = x >= 0
    s = np.where(right, 1.0, e) / (1.0 + e)
    bx = b * x
    p = x + a * wave(bx)
    if order == 0:
        return p * s
    ds = s * (np.where(right, e, 1.0) / (1.0 + e))
    dp = 1.0 + a * b * wave_slope(bx)
    if order == 1:
        return dp * s + p * ds
    with np.errstate(under="ignore"):
        d2s = -ds * np.tanh(0.5 * x)
    return -a * b * b * wave(bx) * s + 2.0 * dp * ds + p * d2s


def sinlu(x: Array, a: float, b: float, order: int = 0) -> Array:
    """(x + a sin(b x)) sigmoid(x) and its derivatives (:func:`ripple_gate` with the sine)."""
    return ripple_gate(x, a, b, order, np.sin, np.cos)


#: From here on sigmoid(x) is 1.0 in float64 (and x sigmoid'(x) < 2e-16): SinLU is x + a sin(b x).
SINLU_RIGHT = 40.0
#: Below -SINLU_LEFT sigmoid(x) underflows to 0: SinLU and its derivatives are 0 in float64.
SINLU_LEFT = 750.0
#: The coarse step, which resolves the sigmoid's own shape (its scale is 1).
SINLU_COARSE = 0.05
#: Samples a period of the ripple, at least (each half period holds one sign change of f'').
SINLU_PER_PERIOD = 16


def ripple_tail_minimum(a: float, b: float, start: float, wave: FloatWave,
                        trough: Callable[[float, float], float]) -> float:
    """min over x >= start of g(x) = x + a r(b x), b > 0 and r = ``wave`` a sine or cosine, in closed form.

    g' = 1 + a b r'(b x) keeps its sign when |a b| <= 1 (g rises: the minimum is g(start));
    otherwise its local minima sit where b x = ``trough(a, b)`` modulo 2 pi, one a period
    P = 2 pi / b, and g(x + P) = g(x) + P: the first one at or after start is the lowest."""
    at_start = start + a * wave(b * start)
    if abs(a * b) <= 1.0:
        return at_start
    theta = trough(a, b)
    turns = math.ceil((b * start - theta) / (2.0 * math.pi))
    first = (theta + 2.0 * math.pi * turns) / b
    return min(at_start, first + a * wave(b * first))


def sine_trough(a: float, b: float) -> float:
    """b x at a local minimum of x + a sin(b x), modulo 2 pi (|a b| > 1): cos(b x) = -1 / (a b) and
    sin(b x) has the sign of -a."""
    return -math.copysign(math.acos(-1.0 / (a * b)), a)


def ripple_gate_minimum(function: Ordered, a: float, b: float, tail: float) -> float:
    """The minimum m of f = ``function(x, a, b, order)`` = (x + a r(b x)) sigmoid(x), a ripple gate
    with |r| <= 1 and b >= 0, without missing any ripple, in milliseconds; ``tail`` is the minimum
    of x + a r(b x) over x >= 40 (:func:`ripple_tail_minimum`), where f is that line.

    1. f on a coarse grid over [-40, 40] and ``tail`` give a value m0 >= m that the curve reaches
       (below -40, |f| <= (40 + |a|) e^-40, since (t + |a|) e^-t falls for t >= 1: the grid
       reaches on to -750, where sigmoid underflows, when m0 is not below that);
    2. f >= E(x) = (x - |a|) sigmoid(x), so m lies where E <= m0, which the coarse grid finds (E
       does not oscillate: |E''| <= 0.7 + 0.1 |a| bounds it between samples);
    3. there, every critical point is found from the exact f' and f'' on a grid of 16 samples a
       period (:func:`~actplot.catalog.extrema.critical_points`).

    f tends to 0 as x -> -inf, which m0 includes."""
    def value(x: Array) -> Array:
        return function(x, a, b)

    def slope(x: Array) -> Array:
        return function(x, a, b, 1)

    def curvature(x: Array) -> Array:
        return function(x, a, b, 2)

    coarse = np.arange(-SINLU_RIGHT, SINLU_RIGHT + SINLU_COARSE / 2, SINLU_COARSE)
    reached = min(float(value(coarse).min()), tail, 0.0)
    if reached > -(SINLU_RIGHT + abs(a)) * math.exp(-SINLU_RIGHT):  # |f| below -40 may reach that far
        coarse = np.arange(-SINLU_LEFT, SINLU_RIGHT + SINLU_COARSE / 2, SINLU_COARSE)
        reached = min(float(value(coarse).min()), reached)
    envelope = (coarse - abs(a)) * sigmoid(coarse)
    slack = SINLU_COARSE**2 / 8.0 * (0.7 + 0.1 * abs(a))
    low_side = np.minimum(envelope[:-1], envelope[1:]) - slack <= reached  # the interval [x_i, x_i+1] may hold m
    found = [reached]
    if low_side.any():
        step = SINLU_COARSE if b == 0.0 else min(SINLU_COARSE, 2.0 * math.pi / b / SINLU_PER_PERIOD)
        edges = np.diff(np.concatenate([[0], low_side.astype(np.int8), [0]]))
        for first, last in zip(np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0], strict=True):
            lo, hi = float(coarse[first]), float(coarse[last])
            grid = np.append(np.arange(lo, hi, step), hi)
            points = critical_points(slope, curvature, grid)
            if points.size:
                found.append(float(value(points).min()))
    return min(found)


def sinlu_properties(a: float, b: float) -> Properties:
    """The range (its minimum, +inf), the minimum found by :func:`ripple_gate_minimum`.

    SinLU rises without bound (x + a sin(b x) for x >= 40), is 0 at 0 and is never monotonic (for
    x below -(1 + |a| + |a b|), f' < 0). Below -750 f is 0 in float64 and tends to 0, which the
    range includes."""
    if b < 0.0:  # (x + a sin(b x)) = (x + (-a) sin(-b x)): the same curve
        a, b = -a, -b
    tail = ripple_tail_minimum(a, b, SINLU_RIGHT, math.sin, sine_trough) if b > 0.0 else SINLU_RIGHT
    return Properties((ripple_gate_minimum(sinlu, a, b, tail), math.inf), "no", math.inf, True)


SINLU = Activation(
    name="sinlu",
    aliases=("sinu-sigmoidal-linear-unit",),
    summary="SinLU: (x + a sin(b x)) sigmoid(x), SiLU with a sinusoidal ripple.",
    parameters=(
        Param("a", 1.0, "amplitude of the ripple (trained)", symbol="a", domain=LEAK, examples=(0.5,)),
        Param("b", 1.0, "frequency of the ripple (trained)", symbol="b", domain=LEAK, examples=(3.0,)),
    ),
    formula=r"$(x + a \sin(b x))\, \sigma(x)$",
    derivative_formula=r"$(1 + a b \cos(b x))\, \sigma(x) + (x + a \sin(b x))\, \sigma'(x)$",
    value_fn=sinlu,
    derivative_fns=derivatives(sinlu),
    properties=sinlu_properties,
    paper=Paper("Paul, Ashis and Bandyopadhyay, Rajib and Yoon, Jin Hee and Geem, Zong Woo and Sarkar, Ram",
                "SinLU: Sinu-Sigmoidal Linear Unit", 2022, doi="10.3390/math10030337", venue="Mathematics"),
    note=("a and b are trained; a = b = 1 are actplot's defaults. Both are limited to [-1000, 1000]. The minimum "
          "is found from the exact f' and f'' sampled 16 times a period of the ripple, where the envelope "
          "(x - |a|) sigmoid(x) allows it, and in closed form beyond x = 40, where sigmoid(x) is 1."),
)

ENTRIES = (ACON_C, FTS, DSILU, ERFACT, PSERF, TANHSOFT, SMU, SAU, SINLU)
