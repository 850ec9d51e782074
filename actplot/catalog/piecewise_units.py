"""Piecewise linear and polynomial units from the literature.

S-shaped ReLU, the adaptive piecewise linear unit (its hinges given as lists), the piecewise
linear unit, flexible and attention-based ReLU and Deep Speech's clipped ReLU are lines joined
at knots: their properties follow from the knots and the slopes (:func:`piecewise_linear`).
The rectified power unit, StarReLU, the natural-logarithm ReLU and the square nonlinearity are
polynomial or logarithmic pieces. At a knot, f' is the value of the side named in each entry's
``kink_convention``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

from actplot.catalog.builder import breaks_at, closed, derivatives
from actplot.catalog.special import inside, scaled, sigmoid, zeros
from actplot.core.schema import (
    POSITIVE,
    REAL,
    Activation,
    Array,
    Breakpoint,
    Constraint,
    Interval,
    Monotonic,
    Paper,
    Param,
    Properties,
    Vector,
)

TITLE = "Piecewise linear and polynomial units"

#: Knots and slopes limited so that every line through them stays a float at |x| = 1e6.
BOUNDED = closed(-1e6, 1e6)


def piecewise_linear(knots: Sequence[float], values: Sequence[float], slopes: Sequence[float],
                     zero_at_zero: bool) -> Properties:
    """Properties of a continuous piecewise-linear curve from its values at the sorted knots and
    its slopes on the len(knots) + 1 pieces (left of the first knot first)."""
    left, right = slopes[0], slopes[-1]
    low = -math.inf if left > 0 or right < 0 else min(values)
    high = math.inf if left < 0 or right > 0 else max(values)
    monotonic: Monotonic = "increasing" if min(slopes) >= 0 else "decreasing" if max(slopes) <= 0 else "no"
    kinked = any(a != b for a, b in itertools.pairwise(slopes))
    return Properties((low, high), monotonic, 0 if kinked else math.inf, zero_at_zero)


def kinks(points: Sequence[tuple[float, float]]) -> tuple[Breakpoint, ...]:
    """A breakpoint of order 1 at each knot where the slope changes, given (x, slope change)."""
    changes: dict[float, float] = {}
    for x, change in points:
        changes[x] = changes.get(x, 0.0) + change
    return tuple(Breakpoint(x, 1) for x, change in sorted(changes.items()) if change != 0.0)


# --- SReLU ----------------------------------------------------------------------------------------------

def srelu(x: Array, t_l: float, a_l: float, t_r: float, a_r: float, order: int = 0) -> Array:
    """t_r + a_r (x - t_r) from t_r on, x between, t_l + a_l (x - t_l) up to t_l."""
    if order == 2:
        return zeros(x)
    if order == 1:
        return np.where(x >= t_r, a_r, np.where(x <= t_l, a_l, 1.0))
    return np.where(x >= t_r, t_r + a_r * (x - t_r), np.where(x <= t_l, t_l + a_l * (x - t_l), x))


SRELU = Activation(
    name="srelu",
    aliases=("s-shaped-relu",),
    summary="SReLU: three lines, slope a_l up to t_l, the identity between, slope a_r from t_r on.",
    parameters=(
        Param("t_l", -1.0, "the left knot", symbol="t_l", domain=BOUNDED, examples=(-2.0,)),
        Param("a_l", 0.1, "slope left of t_l", symbol="a_l", domain=BOUNDED, examples=(0.0,)),
        Param("t_r", 1.0, "the right knot", symbol="t_r", domain=BOUNDED, examples=(2.0,)),
        Param("a_r", 0.5, "slope right of t_r", symbol="a_r", domain=BOUNDED, examples=(2.0,)),
    ),
    constraints=(Constraint(lambda p: p["t_l"] <= p["t_r"], "t_l must not exceed t_r"),),
    formula=(r"$t_r + a_r (x - t_r)\ \mathrm{if}\ x \geq t_r;\ x\ \mathrm{if}\ x > t_l;\ "
             r"t_l + a_l (x - t_l)\ \mathrm{else}$"),
    derivative_formula=r"$a_r\ \mathrm{if}\ x \geq t_r;\ 1\ \mathrm{if}\ x > t_l;\ a_l\ \mathrm{else}$",
    value_fn=srelu,
    derivative_fns=derivatives(srelu),
    breakpoints_fn=lambda t_l, a_l, t_r, a_r: (kinks([(t_l, 1.0 - a_l), (t_r, a_r - 1.0)]) if t_l < t_r
                                               else kinks([(t_l, a_r - a_l)])),
    kink_convention="f'(t_r) = a_r and f'(t_l) = a_l: each knot belongs to its outer line.",
    properties=lambda t_l, a_l, t_r, a_r: piecewise_linear(
        [t_l, t_r], [t_l, t_r], [a_l, 1.0, a_r], float(srelu(np.array([0.0]), t_l, a_l, t_r, a_r)[0]) == 0.0)
    if t_l < t_r else piecewise_linear([t_l], [t_l], [a_l, a_r], t_l == 0.0),
    paper=Paper("Jin, Xiaojie and Xu, Chunyan and Feng, Jiashi and Wei, Yunchao and Xiong, Junjun and Yan, "
                "Shuicheng", "Deep Learning with S-shaped Rectified Linear Activation Units", 2016,
                arxiv="1512.07030", doi="10.1609/aaai.v30i1.10287",
                venue="Proceedings of the AAAI Conference on Artificial Intelligence 30 (AAAI-16)"),
    note=("The paper learns all four parameters per channel; actplot's defaults (knots at -1 and 1, slopes 0.1 "
          "and 0.5) are its own, chosen to show the S shape."),
)


# --- APL ------------------------------------------------------------------------------------------------

def apl(x: Array, a: tuple[float, ...], b: tuple[float, ...], order: int = 0) -> Array:
    """max(0, x) + sum a_s max(0, -x + b_s); f' = [x > 0] - sum a_s [x < b_s]."""
    if order == 2:
        return zeros(x)
    if order == 1:
        slope = np.where(x > 0, 1.0, 0.0)
        for a_s, b_s in zip(a, b, strict=True):
            slope = slope - a_s * (x < b_s)
        return slope
    total = np.maximum(x, 0.0)
    for a_s, b_s in zip(a, b, strict=True):
        total = total + a_s * np.maximum(b_s - x, 0.0)
    return total


def apl_pieces(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[list[float], list[float]]:
    """The knots (0 and the b_s) and the slope of each piece, f' inside it (sums of the a_s)."""
    knots = sorted({0.0, *b})
    inner = [0.5 * (k0 + k1) for k0, k1 in itertools.pairwise(knots)]
    probes = np.array([knots[0] - 1.0, *inner, knots[-1] + 1.0])
    return knots, [float(v) for v in apl(probes, a, b, 1)]


def apl_breakpoints(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[Breakpoint, ...]:
    """A kink wherever the slopes of the two pieces beside a knot differ."""
    knots, slopes = apl_pieces(a, b)
    return tuple(Breakpoint(k, 1) for k, left, right in zip(knots, slopes, slopes[1:], strict=False) if left != right)


def apl_properties(a: tuple[float, ...], b: tuple[float, ...]) -> Properties:
    knots, slopes = apl_pieces(a, b)
    values = [float(v) for v in apl(np.array(knots), a, b)]
    return piecewise_linear(knots, values, slopes, float(apl(np.array([0.0]), a, b)[0]) == 0.0)


APL = Activation(
    name="apl",
    aliases=("adaptive-piecewise-linear",),
    summary="APL: ReLU plus hinges, max(0, x) + sum a_s max(0, -x + b_s), with the hinges given as lists.",
    parameters=(
        Param("a", (0.2, -0.5), "the hinges' slopes a_s (comma-separated)", symbol="a_s",
              domain=Vector(BOUNDED), examples=((0.5,),)),
        Param("b", (0.0, -1.0), "the hinges' positions b_s (comma-separated, as many as a)", symbol="b_s",
              domain=Vector(BOUNDED), examples=((1.0,),)),
    ),
    constraints=(
        Constraint(lambda p: len(p["a"]) == len(p["b"]), "a and b must have as many numbers each (one per hinge)"),
        Constraint(lambda p: len(p["a"]) <= 32, "apl takes at most 32 hinges"),
    ),
    formula=r"$\max(0, x) + \sum_s a_s \max(0, -x + b_s)$",
    derivative_formula=r"$[x > 0] - \sum_s a_s [x < b_s]$",
    value_fn=apl,
    derivative_fns=derivatives(apl),
    breakpoints_fn=apl_breakpoints,
    kink_convention="At a knot each max(0, t) has slope 0 (as relu'(0) = 0): f' there is [x > 0] - sum a_s [x < b_s].",
    properties=apl_properties,
    paper=Paper("Agostinelli, Forest and Hoffman, Matthew and Sadowski, Peter and Baldi, Pierre",
                "Learning Activation Functions to Improve Deep Neural Networks", 2014, arxiv="1412.6830"),
    note=("The paper learns a_s and b_s per unit (S hinges); actplot's defaults, two hinges a = (0.2, -0.5) at "
          "b = (0, -1), are its own. Coincident knots merge; a hinge with a_s = 0 has no kink."),
)


# --- PLU, FReLU, AReLU, clipped ReLU -------------------------------------------------------------------------

def plu(x: Array, alpha: float, c: float, order: int = 0) -> Array:
    """max(alpha (x + c) - c, min(alpha (x - c) + c, x)): the identity on [-c, c], slope alpha outside."""
    if order == 2:
        return zeros(x)
    if order == 1:
        return np.where(np.abs(x) >= c, alpha, 1.0)
    return np.maximum(alpha * (x + c) - c, np.minimum(alpha * (x - c) + c, x))


PLU = Activation(
    name="plu",
    aliases=("piecewise-linear-unit",),
    summary="PLU: the identity on [-c, c] and lines of slope alpha outside, a hard tanh that keeps a slope.",
    parameters=(
        Param("alpha", 0.1, "slope outside [-c, c]", symbol=r"\alpha", domain=closed(0.0, 1.0), examples=(0.5,)),
        Param("c", 1.0, "half-width of the identity", symbol="c", domain=Interval(0.0, 1e6, high_open=False),
              examples=(2.0,)),
    ),
    formula=r"$\max(\alpha (x + c) - c,\ \min(\alpha (x - c) + c,\ x))$",
    derivative_formula=r"$1\ \mathrm{if}\ |x| < c\ \mathrm{else}\ \alpha$",
    value_fn=plu,
    derivative_fns=derivatives(plu),
    breakpoints_fn=lambda alpha, c: () if alpha == 1.0 else (Breakpoint(-c, 1), Breakpoint(c, 1)),
    kink_convention="f'(-c) = f'(c) = alpha: each knot belongs to its outer line.",
    properties=lambda alpha, c: piecewise_linear([-c, c], [-c, c], [alpha, 1.0, alpha], True),
    paper=Paper("Nicolae, Andrei", "PLU: The Piecewise Linear Unit Activation Function", 2018, arxiv="1809.09534"),
    note="alpha = 0.1 and c = 1 are the paper's values; alpha is limited to [0, 1], where the formula is this shape.",
)


FRELU = Activation(
    name="frelu",
    aliases=("flexible-relu",),
    summary="Flexible ReLU: max(0, x) + b, ReLU moved by a learned bias.",
    parameters=(Param("b", -0.5, "the bias added to ReLU", symbol="b", domain=REAL, examples=(0.0, 0.5)),),
    formula=r"$\max(0, x) + b$",
    derivative_formula=r"$1\ \mathrm{if}\ x > 0\ \mathrm{else}\ 0$",
    value_fn=lambda x, b: np.maximum(x, 0.0) + b,
    derivative_fns=(lambda x, b: np.where(x > 0, 1.0, 0.0), zeros),
    breakpoints_fn=breaks_at(0.0),
    kink_convention="f'(0) = 0, as relu'(0) = 0.",
    properties=lambda b: Properties((b, math.inf), "increasing", 0, b == 0.0),
    paper=Paper("Qiu, Suo and Xu, Xiangmin and Cai, Bolun",
                "FReLU: Flexible Rectified Linear Units for Improving Convolutional Neural Networks", 2017,
                arxiv="1706.08098"),
    note="b is learned per layer; actplot's default b = -0.5 is its own, to show the shift.",
)


def arelu_slopes(alpha: float, beta: float) -> tuple[float, float]:
    """(the slope below 0, the slope above): alpha clamped to [0.01, 0.99], 1 + sigmoid(beta)."""
    return min(max(alpha, 0.01), 0.99), 1.0 + float(sigmoid(np.asarray(beta, dtype=np.float64)))


AReLU = Activation(
    name="arelu",
    aliases=("attention-relu",),
    summary="AReLU: ReLU with learned attention, slope clamp(alpha, 0.01, 0.99) below 0 and 1 + sigmoid(beta) above.",
    parameters=(
        Param("alpha", 0.9, "the slope below 0 before clamping to [0.01, 0.99]", symbol=r"\alpha", domain=REAL,
              examples=(0.25,)),
        Param("beta", 2.0, "sets the slope above 0, 1 + sigmoid(beta)", symbol=r"\beta", domain=REAL,
              examples=(0.0,)),
    ),
    formula=r"$(1 + \sigma(\beta))\,x\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ \mathrm{clamp}(\alpha)\,x$",
    derivative_formula=r"$1 + \sigma(\beta)\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ \mathrm{clamp}(\alpha)$",
    value_fn=lambda x, alpha, beta: np.where(x >= 0, arelu_slopes(alpha, beta)[1] * x,
                                             arelu_slopes(alpha, beta)[0] * x),
    derivative_fns=(lambda x, alpha, beta: np.where(x >= 0, arelu_slopes(alpha, beta)[1],
                                                    arelu_slopes(alpha, beta)[0]),
                    zeros),
    breakpoints_fn=breaks_at(0.0),
    kink_convention="f'(0) = 1 + sigmoid(beta), the x >= 0 branch.",
    properties=Properties((-math.inf, math.inf), "increasing", 0, True),
    paper=Paper("Chen, Dengsheng and Li, Jun and Xu, Kai", "AReLU: Attention-based Rectified Linear Unit", 2020,
                arxiv="2006.13858"),
    note="alpha = 0.9 and beta = 2 are the initial values of the paper's implementation.",
)


CLIPPED_RELU = Activation(
    name="clipped-relu",
    aliases=("relu-n", "bounded-relu"),
    summary="Clipped ReLU: min(max(0, x), cap), ReLU capped (at 20 in Deep Speech).",
    parameters=(Param("cap", 20.0, "the value the output is clipped at", symbol="m", domain=POSITIVE,
                      examples=(6.0, 1.0)),),
    formula=r"$\min(\max(0, x),\ m)$",
    derivative_formula=r"$1\ \mathrm{if}\ 0 < x < m\ \mathrm{else}\ 0$",
    value_fn=lambda x, cap: np.clip(x, 0.0, cap),
    derivative_fns=(lambda x, cap: inside(x, 0.0, cap), zeros),
    breakpoints_fn=lambda cap: (Breakpoint(0.0, 1), Breakpoint(cap, 1)),
    kink_convention="f'(0) = f'(cap) = 0 (as PyTorch's relu6 and hardtanh at their corners).",
    properties=lambda cap: Properties((0.0, cap), "increasing", 0, True),
    paper=Paper("Hannun, Awni and Case, Carl and Casper, Jared and Catanzaro, Bryan and Diamos, Greg and Elsen, "
                "Erich and Prenger, Ryan and Satheesh, Sanjeev and Sengupta, Shubho and Coates, Adam and Ng, "
                "Andrew Y.", "Deep Speech: Scaling up end-to-end speech recognition", 2014, arxiv="1412.5567"),
    note="cap = 20 is Deep Speech's clip; cap = 6 is relu6.",
    default_range=(-5.0, 25.0),
)


# --- polynomial and logarithmic pieces ----------------------------------------------------------------------------

def repu(x: Array, p: float, order: int = 0) -> Array:
    """max(0, x)^p and its derivatives p x^(p-1), p (p - 1) x^(p-2) (0 at and below 0)."""
    pos = np.maximum(x, 0.0)
    with np.errstate(divide="ignore"):
        value = [pos**p, p * pos ** (p - 1.0), p * (p - 1.0) * pos ** (p - 2.0)][order]
    return np.where(x > 0, value, 0.0)


REPU = Activation(
    name="repu",
    aliases=("rectified-power-unit",),
    summary="RePU: max(0, x)^p, a rectified power (p = 2 is the squared ReLU).",
    parameters=(Param("p", 3.0, "the power", symbol="p", domain=closed(2.0, 40.0), examples=(2.0, 2.5)),),
    formula=r"$\max(0, x)^{p}$",
    derivative_formula=r"$p\,\max(0, x)^{p - 1}$",
    value_fn=repu,
    derivative_fns=derivatives(repu),
    breakpoints_fn=lambda p: (Breakpoint(0.0, math.ceil(p)),),
    kink_convention="f and its derivatives are 0 at 0 (the left side); the ceil(p)-th derivative jumps there.",
    properties=lambda p: Properties((0.0, math.inf), "increasing", math.ceil(p) - 1, True),
    paper=Paper("Li, Bo and Tang, Shanshan and Yu, Haijun", "Better Approximations of High Dimensional Smooth "
                "Functions by Deep Neural Networks with Rectified Power Units", 2019, arxiv="1903.05858"),
    note=("The paper uses whole powers; actplot takes any p in [2, 40] (40 keeps 1e6^p a float), draws p = 3 by "
          "default, and p = 2 is its relu-squared."),
)


STAR_RELU_SCALE, STAR_RELU_BIAS = 0.8944, -0.4472

STAR_RELU = Activation(
    name="star-relu",
    aliases=("starrelu",),
    summary="StarReLU: s relu(x)^2 + b, the squared ReLU scaled and shifted to zero mean and unit variance.",
    parameters=(
        Param("s", STAR_RELU_SCALE, "the scale (learned)", symbol="s", domain=BOUNDED, examples=(1.0,)),
        Param("b", STAR_RELU_BIAS, "the bias (learned)", symbol="b", domain=REAL, examples=(0.0,)),
    ),
    formula=r"$s\,\max(0, x)^2 + b$",
    derivative_formula=r"$2 s \max(0, x)$",
    value_fn=lambda x, s, b: scaled(s, np.maximum(x, 0.0) ** 2) + b,
    derivative_fns=(lambda x, s, b: 2.0 * s * np.maximum(x, 0.0), lambda x, s, b: np.where(x > 0, 2.0 * s, 0.0)),
    breakpoints_fn=lambda s, b: (Breakpoint(0.0, 2),) if s != 0.0 else (),
    kink_convention="f''(0) = 0, the left side (2s from the right).",
    properties=lambda s, b: Properties((b, math.inf) if s > 0 else (-math.inf, b) if s < 0 else (b, b),
                                       "decreasing" if s < 0 else "increasing", 1 if s != 0 else math.inf, b == 0.0),
    paper=Paper("Yu, Weihao and Si, Chenyang and Zhou, Pan and Luo, Mi and Zhou, Yichen and Feng, Jiashi and Yan, "
                "Shuicheng and Wang, Xinchao", "MetaFormer Baselines for Vision", 2022, arxiv="2210.13452"),
    note="s = 0.8944 and b = -0.4472 are the paper's initial values (1/sqrt(1.25) and -0.5/sqrt(1.25)).",
)


def nlrelu(x: Array, beta: float, order: int = 0) -> Array:
    """ln(beta max(0, x) + 1) and its derivatives beta / (1 + beta x), -(beta / (1 + beta x))^2."""
    pos = np.maximum(x, 0.0)
    inner = 1.0 + beta * pos
    value = [np.log1p(beta * pos), beta / inner, -(beta / inner) ** 2][order]
    return np.where(x > 0, value, 0.0)


NLRELU = Activation(
    name="nlrelu",
    aliases=("natural-log-relu",),
    summary="NLReLU: ln(beta max(0, x) + 1), a rectifier that grows like a logarithm.",
    parameters=(Param("beta", 1.0, "the slope at 0+", symbol=r"\beta", domain=Interval(0.0, 1e150, high_open=False),
                      examples=(5.0,)),),
    formula=r"$\ln(\beta \max(0, x) + 1)$",
    derivative_formula=r"$\frac{\beta}{1 + \beta x}\ \mathrm{if}\ x > 0\ \mathrm{else}\ 0$",
    value_fn=nlrelu,
    derivative_fns=derivatives(nlrelu),
    breakpoints_fn=breaks_at(0.0),
    kink_convention="f'(0) = 0 and f''(0) = 0, the left side (as relu'(0) = 0).",
    properties=Properties((0.0, math.inf), "increasing", 0, True),
    paper=Paper("Liu, Yang and Zhang, Jianpeng and Gao, Chao and Qu, Jinghua and Ji, Lixin",
                "Natural-Logarithm-Rectified Activation Function in Convolutional Neural Networks", 2019,
                arxiv="1908.03682"),
    note="beta = 1 is the paper's default; beta is limited to 1e150, beyond which f'' = -beta^2 at 0+ overflows.",
)


def sqnl(x: Array, order: int = 0) -> Array:
    """1 above 2, x - x^2/4 on [0, 2], x + x^2/4 on [-2, 0), -1 below -2."""
    c = np.clip(x, -2.0, 2.0)
    inside = (x > -2.0) & (x < 2.0)
    if order == 0:
        return c - np.sign(c) * c * c / 4.0
    if order == 1:
        return np.where(inside, 1.0 - np.abs(c) / 2.0, 0.0)
    return np.where(inside & (x != 0.0), -np.sign(c) / 2.0, np.where(x == 0.0, -0.5, 0.0))


SQNL = Activation(
    name="sqnl",
    aliases=("square-nonlinearity",),
    summary="SQNL: a tanh made of two parabolas, x - sign(x) x^2/4 on [-2, 2] and +-1 outside.",
    formula=r"$x - \mathrm{sign}(x)\,\frac{x^2}{4}\ \mathrm{if}\ |x| \leq 2\ \mathrm{else}\ \mathrm{sign}(x)$",
    derivative_formula=r"$1 - \frac{|x|}{2}\ \mathrm{if}\ |x| \leq 2\ \mathrm{else}\ 0$",
    value_fn=sqnl,
    derivative_fns=derivatives(sqnl),
    breakpoints_fn=breaks_at(-2.0, 0.0, 2.0, order=2),
    kink_convention="f''(0) = -1/2 (the [0, 2] piece, as the definition's 0 <= x <= 2) and f''(+-2) = 0.",
    properties=Properties((-1.0, 1.0), "increasing", 1, True),
    paper=Paper("Wuraola, Adedamola and Patel, Nitish", "SQNL: A New Computationally Efficient Activation Function",
                2018, doi="10.1109/IJCNN.2018.8489043",
                venue="2018 International Joint Conference on Neural Networks (IJCNN)"),
    note="Wuraola and Patel's square nonlinearity: tanh's shape from squares only, cheap in hardware.",
)

ENTRIES = (SRELU, APL, PLU, FRELU, AReLU, CLIPPED_RELU, REPU, STAR_RELU, NLRELU, SQNL)
