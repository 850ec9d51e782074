"""Rectifier variants from the literature: ReLU's identity half kept, its other half reshaped.

DPReLU and Dual Line learn both slopes of a leaky ReLU (and a shift); bi-firing and SQLU join
lines to a parabola, so they are C1 with jumps of f'' only; REU and PREU bend the negative half
into a dip x e^x; RSigELU adds a sigmoid-weighted term above 1 and ELU's exponential below 0;
ReLTanh keeps tanh between two learned thresholds and continues it along its tangents; SignReLU
puts a softsign below 0. At a knot, f' and f'' take the value of the side named in each entry's
``kink_convention``; every minimum is a closed form.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog.builder import breaks_at, closed, derivatives, identity
from actplot.catalog.piecewise_units import piecewise_linear
from actplot.catalog.special import (
    sigmoid,
    sigmoid_slope,
    tanh_slope,
    times_sigmoid_curvature,
    times_sigmoid_slope,
    zeros,
)
from actplot.core.schema import (
    Activation,
    Array,
    Breakpoint,
    Interval,
    Paper,
    Param,
    Properties,
)

TITLE = "Rectifier variants"

#: Slopes, shifts and weights limited so that a product of two of them with x = 1e6 is a float.
BOUNDED = closed(-1e6, 1e6)
WEIGHT = closed(0.0, 1e6)
#: A rate or width kept away from 0 as well, so that its reciprocal is a float too.
SCALE = closed(1e-6, 1e6)


# --- DPReLU and Dual Line ------------------------------------------------------------------------------

def dual_line(x: Array, alpha: float, beta: float, m: float, order: int = 0) -> Array:
    """beta x + m for x > 0, alpha x + m at and below 0, and the derivatives beta or alpha, 0."""
    if order == 2:
        return zeros(x)
    if order == 1:
        return np.where(x > 0, beta, alpha)
    return np.where(x > 0, beta * x, alpha * x) + m


def dprelu(x: Array, alpha: float, beta: float, order: int = 0) -> Array:
    """Dual Line without its shift: beta x for x > 0, alpha x at and below 0."""
    return dual_line(x, alpha, beta, 0.0, order)


def slope_change(alpha: float, beta: float) -> tuple[Breakpoint, ...]:
    """A kink at 0 unless both slopes are equal and the function is a line."""
    return () if alpha == beta else (Breakpoint(0.0, 1),)


BALAJI = Paper("Balaji, S. and Kavya, T. and Sebastian, Natasha", "Learn-able parameter guided Activation Functions",
               2019, arxiv="1912.10752")

SLOPES = (
    Param("alpha", 0.01, "slope at and below 0", symbol=r"\alpha", domain=BOUNDED, examples=(0.25, -0.5)),
    Param("beta", 1.0, "slope above 0", symbol=r"\beta", domain=BOUNDED, examples=(1.5, 0.01)),
)

DPRELU = Activation(
    name="dprelu",
    aliases=("dual-parametric-relu", "dp-relu"),
    summary="Dual parametric ReLU: a leaky ReLU with a learned slope on each side, beta x above 0 and alpha x below.",
    parameters=SLOPES,
    formula=r"$\beta x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha x$",
    derivative_formula=r"$\beta\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha$",
    value_fn=dprelu,
    derivative_fns=derivatives(dprelu),
    breakpoints_fn=slope_change,
    kink_convention="f'(0) = alpha, the x <= 0 branch (as autograd of PReLU); f'' = 0 everywhere.",
    properties=lambda alpha, beta: piecewise_linear([0.0], [0.0], [alpha, beta], True),
    paper=BALAJI,
    note=("Both slopes are learned; the defaults alpha = 0.01 (leaky ReLU's slope) and beta = 1 (ReLU's) are "
          "the paper's initial values (as the survey of Kunc and Kléma reports them). Published at IntelliSys "
          "2020 (Advances in Intelligent Systems and Computing 1250)."),
)

DUAL_LINE = Activation(
    name="dual-line",
    aliases=("dualline",),
    summary="Dual Line: DPReLU moved by a learned mean shift m, beta x + m above 0 and alpha x + m below.",
    parameters=(*SLOPES, Param("m", -0.22, "the mean shift added to both lines", symbol="m", domain=BOUNDED,
                               examples=(0.0, 0.5))),
    formula=r"$\beta x + m\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha x + m$",
    derivative_formula=r"$\beta\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha$",
    value_fn=dual_line,
    derivative_fns=derivatives(dual_line),
    breakpoints_fn=lambda alpha, beta, m: slope_change(alpha, beta),
    kink_convention="f'(0) = alpha, the x <= 0 branch (as autograd of PReLU); f'' = 0 everywhere.",
    properties=lambda alpha, beta, m: piecewise_linear([0.0], [m], [alpha, beta], m == 0.0),
    paper=BALAJI,
    note=("alpha, beta and m are learned; the defaults alpha = 0.01, beta = 1 and m = -0.22 are the paper's "
          "initial values (as the survey of Kunc and Kléma reports them)."),
)


# --- bi-firing and SQLU: lines joined to a parabola -------------------------------------------------------

def bi_firing(x: Array, a: float, order: int = 0) -> Array:
    """x^2 / (2a) on [-a, a], |x| - a/2 outside; the parabola is evaluated at x clipped to
    [-a, a] and as (x/a) x / 2, so that neither x/a nor x^2 overflows or underflows there."""
    t = np.clip(x, -a, a)
    parabola = np.abs(x) <= a
    if order == 2:
        return np.where(parabola, 1.0 / a, 0.0)
    if order == 1:
        return np.where(parabola, t / a, np.sign(x))
    return np.where(parabola, 0.5 * (t / a) * t, np.abs(x) - 0.5 * a)


BI_FIRING = Activation(
    name="bi-firing",
    aliases=("bifiring", "bi-firing-unit"),
    summary="Bi-firing: |x| - a/2 outside [-a, a] and the parabola x^2/(2a) inside, a rectifier firing on both sides.",
    parameters=(Param("a", 1.0, "half-width of the parabola (the smoothing)", symbol="a", domain=SCALE,
                      examples=(0.5, 2.0)),),
    formula=(r"$-x - \frac{a}{2}\ \mathrm{if}\ x < -a;\ \frac{x^2}{2a}\ \mathrm{if}\ |x| \leq a;\ "
             r"x - \frac{a}{2}\ \mathrm{else}$"),
    derivative_formula=r"$\frac{x}{a}\ \mathrm{if}\ |x| \leq a\ \mathrm{else}\ \mathrm{sign}(x)$",
    value_fn=bi_firing,
    derivative_fns=derivatives(bi_firing),
    breakpoints_fn=lambda a: (Breakpoint(-a, 2), Breakpoint(a, 2)),
    kink_convention=("f' = -1 and 1 from both sides at -a and a; f''(+-a) = 1/a, the parabola's (|x| <= a is "
                     "closed), 0 on the lines."),
    properties=Properties((0.0, math.inf), "no", 1, True),
    paper=Paper("Li, Jin-Cheng and Ng, Wing W. Y. and Yeung, Daniel S. and Chan, Patrick P. K.",
                "Bi-firing deep neural networks", 2014, doi="10.1007/s13042-013-0198-9",
                venue="International Journal of Machine Learning and Cybernetics"),
    note=("A smoothed |x| (Huber's function): the parabola removes the kink of absolute-value rectification. "
          "a is a hyperparameter; actplot's default a = 1 is its own. It is kept in [1e-6, 1e6] so that 1/a "
          "is a float."),
    default_range=(-4.0, 4.0),
)


def sqlu(x: Array, order: int = 0) -> Array:
    """x above 0, x + x^2/4 on [-2, 0], -1 below -2, and their derivatives."""
    t = np.clip(x, -2.0, 0.0)
    middle = [t + 0.25 * t * t, 1.0 + 0.5 * t, np.full_like(t, 0.5)][order]
    above = identity(x, order)
    below = [np.full_like(x, -1.0), np.zeros_like(x), np.zeros_like(x)][order]
    return np.where(x > 0, above, np.where(x < -2.0, below, middle))


SQLU = Activation(
    name="sqlu",
    aliases=("square-linear-unit",),
    summary="SQLU: the identity above 0, x + x^2/4 down to -2 and -1 below, an ELU built from a square.",
    formula=r"$x\ \mathrm{if}\ x > 0;\ x + \frac{x^2}{4}\ \mathrm{if}\ -2 \leq x \leq 0;\ -1\ \mathrm{else}$",
    derivative_formula=r"$1\ \mathrm{if}\ x > 0;\ 1 + \frac{x}{2}\ \mathrm{if}\ -2 \leq x \leq 0;\ 0\ \mathrm{else}$",
    value_fn=sqlu,
    derivative_fns=derivatives(sqlu),
    breakpoints_fn=breaks_at(-2.0, 0.0, order=2),
    kink_convention=("f' is continuous (0 at -2, 1 at 0); f''(-2) = f''(0) = 1/2, the parabola's, as the paper "
                     "closes [-2, 0]."),
    properties=Properties((-1.0, math.inf), "increasing", 1, True),
    paper=Paper("Wuraola, Adedamola and Patel, Nitish and Nguang, Sing Kiong",
                "Efficient activation functions for embedded inference engines", 2021,
                doi="10.1016/j.neucom.2021.02.030", venue="Neurocomputing"),
    note="SQNL's authors' rectifier: a square where ELU has an exponential, so it needs no exp in hardware.",
    default_range=(-4.0, 3.0),
)


# --- REU and PREU: x e^x below 0 ---------------------------------------------------------------------------

def preu(x: Array, alpha: float, beta: float, order: int = 0) -> Array:
    """x for x > 0, alpha x e^(beta x) at and below 0, and their derivatives
    alpha (1 + beta x) e^(beta x) and alpha beta (2 + beta x) e^(beta x)."""
    neg = np.minimum(x, 0.0)
    z = beta * neg
    e = np.exp(z)
    left = [alpha * neg * e, alpha * (1.0 + z) * e, alpha * beta * (2.0 + z) * e][order]
    return np.where(x > 0, identity(x, order), left)


def reu(x: Array, order: int = 0) -> Array:
    """PREU with alpha = beta = 1: x above 0, x e^x below."""
    return preu(x, 1.0, 1.0, order)


YING = Paper("Ying, Yao and Su, Jianlin and Shan, Peng and Miao, Ligang and Wang, Xiaolian and Peng, Silong",
             "Rectified Exponential Units for Convolutional Neural Networks", 2019,
             doi="10.1109/ACCESS.2019.2928442", venue="IEEE Access")

REU = Activation(
    name="reu",
    aliases=("rectified-exponential-unit",),
    summary="REU: the identity above 0 and x e^x below, which dips to -1/e at x = -1 and returns to 0.",
    formula=r"$x\ \mathrm{if}\ x > 0\ \mathrm{else}\ x e^{x}$",
    derivative_formula=r"$1\ \mathrm{if}\ x > 0\ \mathrm{else}\ (1 + x) e^{x}$",
    value_fn=reu,
    derivative_fns=derivatives(reu),
    breakpoints_fn=breaks_at(0.0, order=2),
    kink_convention="f'(0) = 1 from both sides; f''(0) = 2, the x <= 0 branch (0 from the right).",
    # the minimum -1/e, at x = -1 where (1 + x) e^x = 0
    properties=Properties((-1.0 / math.e, math.inf), "no", 1, True),
    paper=YING,
    note="Swish's product form x g(x) with ELU's exponential as the gate below 0.",
)


def preu_properties(alpha: float, beta: float) -> Properties:
    """The minimum -alpha / (beta e) at x = -1/beta; C1 when the slopes meet (alpha = 1)."""
    smoothness = 1 if alpha == 1.0 else 0
    if alpha == 0.0:
        return Properties((0.0, math.inf), "increasing", smoothness, True)
    return Properties((-alpha / beta / math.e, math.inf), "no", smoothness, True)


PREU = Activation(
    name="preu",
    aliases=("parametric-rectified-exponential-unit", "parametric-reu"),
    summary="PREU: REU with a learned depth and rate, alpha x e^(beta x) below 0.",
    parameters=(
        Param("alpha", 1.0, "depth of the dip (and the slope just below 0)", symbol=r"\alpha", domain=WEIGHT,
              examples=(0.5, 2.0)),
        Param("beta", 1.0, "rate of the exponential; the dip is at -1/beta", symbol=r"\beta", domain=SCALE,
              examples=(2.0, 0.5)),
    ),
    formula=r"$x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha x e^{\beta x}$",
    derivative_formula=r"$1\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha (1 + \beta x) e^{\beta x}$",
    value_fn=preu,
    derivative_fns=derivatives(preu),
    breakpoints_fn=lambda alpha, beta: (Breakpoint(0.0, 2 if alpha == 1.0 else 1),),
    kink_convention="f'(0) = alpha and f''(0) = 2 alpha beta, the x <= 0 branch (1 and 0 from the right).",
    properties=preu_properties,
    paper=YING,
    note=("alpha and beta are learned; actplot's defaults alpha = beta = 1 are REU. actplot keeps alpha >= 0 "
          "(the paper's dip below 0) and beta in [1e-6, 1e6], so that the minimum -alpha/(beta e) is a float."),
)


# --- RSigELU --------------------------------------------------------------------------------------------

def rsigelu(x: Array, alpha: float, beta: float, order: int = 0) -> Array:
    """x (1 + alpha sigmoid(x)) above 1, x on [0, 1], beta (e^x - 1) below 0."""
    neg = np.minimum(x, 0.0)
    s = sigmoid(x)
    above = [x + alpha * x * s,
             1.0 + alpha * (s + times_sigmoid_slope(x)),
             alpha * (2.0 * sigmoid_slope(x) + times_sigmoid_curvature(x))][order]
    below = [beta * np.expm1(neg), beta * np.exp(neg), beta * np.exp(neg)][order]
    middle = identity(x, order)
    return np.where(x > 1.0, above, np.where(x < 0, below, middle))


def rsigelu_breakpoints(alpha: float, beta: float) -> tuple[Breakpoint, ...]:
    """A jump at 1 (by alpha sigmoid(1)) unless alpha = 0; at 0 a kink, or only f'' jumping when beta = 1."""
    at_zero = Breakpoint(0.0, 2 if beta == 1.0 else 1)
    return (at_zero,) if alpha == 0.0 else (at_zero, Breakpoint(1.0, 0))


RSIGELU = Activation(
    name="rsigelu",
    aliases=("rsigelud", "rsigelus"),
    summary="RSigELU: x on [0, 1], x + alpha x sigmoid(x) above 1 and beta (e^x - 1) below 0; it jumps at 1.",
    parameters=(
        Param("alpha", 0.5, "weight of the sigmoid term above 1", symbol=r"\alpha", domain=WEIGHT,
              examples=(0.0, 1.0)),
        Param("beta", 0.5, "depth of the exponential below 0 (its limit is -beta)", symbol=r"\beta", domain=WEIGHT,
              examples=(1.0, 0.25)),
    ),
    formula=(r"$x + \alpha x \sigma(x)\ \mathrm{if}\ x > 1;\ x\ \mathrm{if}\ 0 \leq x \leq 1;\ "
             r"\beta (e^{x} - 1)\ \mathrm{else}$"),
    derivative_formula=(r"$1 + \alpha \sigma(x) (1 + x (1 - \sigma(x)))\ \mathrm{if}\ x > 1;\ "
                        r"1\ \mathrm{if}\ 0 \leq x \leq 1;\ \beta e^{x}\ \mathrm{else}$"),
    value_fn=rsigelu,
    derivative_fns=derivatives(rsigelu),
    breakpoints_fn=rsigelu_breakpoints,
    kink_convention=("The middle line owns both ends, as the paper closes [0, 1]: f(1) = 1, f'(1) = f'(0) = 1 "
                     "and f''(0) = f''(1) = 0. Just above 1 the value is 1 + alpha sigmoid(1)."),
    properties=lambda alpha, beta: Properties(
        (-beta, math.inf), "increasing",
        -1 if alpha != 0.0 else (1 if beta == 1.0 else 0), True),
    paper=Paper("Kiliçarslan, Serhat and Celik, Mete", "RSigELU: A nonlinear activation function for deep neural "
                "networks", 2021, doi="10.1016/j.eswa.2021.114805", venue="Expert Systems with Applications"),
    note=("The paper's double-parameter RSigELUD; its single-parameter RSigELUS is alpha = beta. As the paper "
          "writes it, the branch above 1 starts at 1 + alpha sigmoid(1), not at 1, so the function jumps there "
          "by 0.731 alpha; actplot draws it as written. Both parameters are tuned in the paper; actplot's "
          "defaults alpha = beta = 0.5 are its own."),
    default_range=(-4.0, 4.0),
)


# --- ReLTanh --------------------------------------------------------------------------------------------

def tangent(x: Array, at: float, order: int) -> Array:
    """The tangent line of tanh at ``at``: tanh(at) + tanh'(at) (x - at), and its derivatives."""
    slope = tanh_slope(np.asarray(at, dtype=np.float64))
    return [math.tanh(at) + slope * (x - at), np.broadcast_to(slope, x.shape), np.zeros_like(x)][order]


def reltanh(x: Array, lambda_pos: float, lambda_neg: float, order: int = 0) -> Array:
    """tanh between the thresholds, its tangent lines from lambda_pos up and from lambda_neg down."""
    t = np.tanh(x)
    middle = [t, tanh_slope(x), -2.0 * t * tanh_slope(x)][order]
    return np.where(x >= lambda_pos, tangent(x, lambda_pos, order),
                    np.where(x <= lambda_neg, tangent(x, lambda_neg, order), middle))


def reltanh_breakpoints(lambda_pos: float, lambda_neg: float) -> tuple[Breakpoint, ...]:
    """f'' jumps by tanh''(lambda) at each threshold; at 0, where tanh'' = 0, only f''' does (by 2).
    Both thresholds at 0 make the two tangents one line, the identity."""
    if lambda_pos == lambda_neg:
        return ()
    return tuple(Breakpoint(at, 3 if at == 0.0 else 2) for at in (lambda_neg, lambda_pos))


RELTANH = Activation(
    name="reltanh",
    aliases=("rectified-linear-tanh",),
    summary="ReLTanh: tanh between two learned thresholds, continued along its tangent lines beyond them.",
    parameters=(
        Param("lambda_pos", 0.0, "the upper threshold, in [0, 0.5]", symbol=r"\lambda_{+}",
              domain=Interval(0.0, 0.5, low_open=False, high_open=False), aliases=("lambda_plus",),
              examples=(0.25, 0.5)),
        Param("lambda_neg", -1.5, "the lower threshold, at most -1.5", symbol=r"\lambda_{-}",
              domain=Interval(-math.inf, -1.5, high_open=False), aliases=("lambda_minus",), examples=(-3.0, -2.0)),
    ),
    formula=(r"$\tanh(x)\ \mathrm{if}\ \lambda_{-} < x < \lambda_{+}\ \mathrm{else}\ "
             r"\tanh(\lambda) + (x - \lambda)\,\mathrm{sech}^2(\lambda),\ \lambda = \lambda_{\pm}$"),
    derivative_formula=(r"$\mathrm{sech}^2(x)\ \mathrm{if}\ \lambda_{-} < x < \lambda_{+}\ \mathrm{else}\ "
                        r"\mathrm{sech}^2(\lambda_{\pm})$"),
    value_fn=reltanh,
    derivative_fns=derivatives(reltanh),
    breakpoints_fn=reltanh_breakpoints,
    kink_convention=("f and f' are continuous (the lines are tangents); f''(lambda) = 0, the line's: each threshold "
                     "belongs to its line, as the paper writes x >= lambda+ and x <= lambda-."),
    properties=lambda lambda_pos, lambda_neg: Properties(
        (-math.inf, math.inf), "increasing", math.inf if lambda_pos == lambda_neg else 1, True),
    paper=Paper("Wang, Xin and Qin, Yi and Wang, Yi and Xiang, Sheng and Chen, Haizhou",
                "ReLTanh: An activation function with vanishing gradient resistance for SAE-based DNNs and its "
                "application to rotating machinery fault diagnosis", 2019, doi="10.1016/j.neucom.2019.07.017",
                venue="Neurocomputing"),
    note=("Both thresholds are learned, the upper one kept in [0, 0.5] and the lower one at or below -1.5, and "
          "they start at 0 and -1.5 (the paper's values, as the survey of Kunc and Kléma reports them). With "
          "lambda+ = 0, the default, the upper half is the identity, a rectifier's."),
)


# --- SignReLU -------------------------------------------------------------------------------------------

def signrelu(x: Array, alpha: float, order: int = 0) -> Array:
    """x above 0, alpha x / (1 - x) (softsign) at and below 0, and their derivatives."""
    q = 1.0 / (1.0 - np.minimum(x, 0.0))  # 1 / (1 + |x|) below 0, in (0, 1]
    left = [alpha * np.minimum(x, 0.0) * q, alpha * q * q, 2.0 * alpha * q * q * q][order]
    return np.where(x > 0, identity(x, order), left)


SIGNRELU = Activation(
    name="signrelu",
    aliases=("sign-relu",),
    summary="SignReLU: the identity above 0 and a softsign alpha x/(1 + |x|) below, saturating at -alpha.",
    parameters=(Param("alpha", 1.0, "depth of the negative half (its limit is -alpha)", symbol=r"\alpha",
                      domain=WEIGHT, examples=(0.5, 2.0)),),
    formula=r"$x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \frac{\alpha x}{1 + |x|}$",
    derivative_formula=r"$1\ \mathrm{if}\ x > 0\ \mathrm{else}\ \frac{\alpha}{(1 + |x|)^2}$",
    value_fn=signrelu,
    derivative_fns=derivatives(signrelu),
    breakpoints_fn=lambda alpha: (Breakpoint(0.0, 2 if alpha == 1.0 else 1),),
    kink_convention="f'(0) = alpha and f''(0) = 2 alpha, the x <= 0 branch (1 and 0 from the right).",
    properties=lambda alpha: Properties((-alpha, math.inf), "increasing", 1 if alpha == 1.0 else 0, True),
    paper=Paper("Li, Jianfei and Feng, Han and Zhou, Ding-Xuan", "SignReLU neural network and its approximation "
                "ability", 2022, arxiv="2210.10264"),
    note=("alpha = 1 joins the halves with a continuous slope (C1 at 0); actplot's default is that value. The "
          "softsign half lets a network divide, which is what the paper's approximation results use."),
)

ENTRIES = (DPRELU, DUAL_LINE, BI_FIRING, SQLU, REU, PREU, RSIGELU, RELTANH, SIGNRELU)
