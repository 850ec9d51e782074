"""Sigmoid-shaped and squashing curves from the literature: distribution functions, scaled
tanh and logistics, and sigmoids given a linear part.

The probit and the smooth step rise from 0 to 1 (the smooth step reaching them exactly at
finite points); the modified complementary log-log rises from -1 to 1; the scaled tanh is
LeCun's a tanh(b x) with its two constants free; tanhLU and SigLin add a straight line to a
tanh or a sigmoid, so that the curve keeps a slope in its tails instead of saturating. Every
derivative is written by hand and computed where nothing cancels (the normal tail keeps its
digits through :func:`~actplot.catalog.special.normal_cdf`).
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog.builder import closed, derivatives
from actplot.catalog.special import (
    normal_cdf,
    normal_pdf,
    sigmoid,
    sigmoid_curvature,
    sigmoid_slope,
    tanh_slope,
)
from actplot.core.schema import Activation, Array, Breakpoint, Paper, Param, Properties

TITLE = "Sigmoid-shaped curves"

#: Every curve here rises from 0 to 1, smooth or C1, and is 1/2 at 0, never 0.
UNIT_RANGE = (0.0, 1.0)

GOMES_2011 = Paper("Gomes, Gecynalda S. da S. and Ludermir, Teresa B. and Lima, Leyla M. M. R.",
                   "Comparison of new activation functions in neural network for forecasting financial time "
                   "series", 2011, doi="10.1007/s00521-010-0407-3", venue="Neural Computing and Applications")


# --- probit ---------------------------------------------------------------------------------------------

def probit(x: Array, order: int = 0) -> Array:
    """Phi(x), phi(x) and -x phi(x): phi is 0 in float64 beyond |x| = 38.6, so x is clipped at 40
    where it multiplies phi (x = 1e6 times 0 must stay 0)."""
    x = np.asarray(x, dtype=np.float64)
    if order == 0:
        return normal_cdf(x)
    if order == 1:
        return normal_pdf(x)
    return -np.clip(x, -40.0, 40.0) * normal_pdf(x)


PROBIT = Activation(
    name="probit",
    aliases=("normal-cdf", "gaussian-cdf"),
    summary="Probit: the standard normal distribution function Phi(x), a sigmoid with Gaussian tails.",
    formula=r"$\Phi(x) = \frac{1}{2}\,(1 + \mathrm{erf}(x / \sqrt{2}))$",
    derivative_formula=r"$\phi(x) = \frac{1}{\sqrt{2\pi}}\,e^{-x^2/2}$",
    value_fn=probit,
    derivative_fns=derivatives(probit),
    properties=Properties(UNIT_RANGE, "increasing", math.inf, False),
    paper=GOMES_2011,
    note=("Named after the probit link of generalised linear models, whose inverse Phi the paper uses as "
          "the activation (as the logistic sigmoid is the inverse of the logit). Its tails fall as "
          "exp(-x^2/2), faster than the sigmoid's exp(-|x|): below x = -38.5 it is 0 in float64, and the "
          "lower tail keeps every digit down to there. f'(0) = 1/sqrt(2 pi), f''(0) = 0. The same paper's "
          "log-log function exp(-exp(-x)) is gumbel, and its complementary log-log is cloglog."),
)


# --- smooth step ------------------------------------------------------------------------------------------

def smooth_step(x: Array, gamma: float, order: int = 0) -> Array:
    """With u = x / gamma clipped to [-1/2, 1/2]: 1/2 + 3u/2 - 2u^3, (3/2 - 6u^2)/gamma and
    -12u/gamma^2 inside, 0 or 1 and zero slopes outside.

    The clip keeps u and its powers small for any gamma (x / gamma is 1e12 for x = 1e6, gamma =
    1e-6); the knots belong to the flat pieces, as a where(|u| >= 1/2, ...) implementation has it."""
    x = np.asarray(x, dtype=np.float64)
    u = np.clip(x / gamma, -0.5, 0.5)
    inside = np.abs(x) < 0.5 * gamma
    if order == 0:
        return 0.5 + u * (1.5 - 2.0 * u * u)  # exactly 0 and 1 at u = -+1/2
    if order == 1:
        return np.where(inside, (1.5 - 6.0 * u * u) / gamma, 0.0)
    return np.where(inside, -12.0 * u / (gamma * gamma), 0.0)


SMOOTH_STEP = Activation(
    name="smooth-step",
    aliases=("smoothstep",),
    summary="Smooth-step: a cubic from 0 to 1 on [-gamma/2, gamma/2], exactly 0 below and 1 above.",
    parameters=(
        Param("gamma", 1.0, "width of the cubic ramp; outside it the step is exactly 0 or 1", symbol=r"\gamma",
              domain=closed(1e-6, 1e6), examples=(2.0, 0.5)),
    ),
    formula=(r"$0\ \mathrm{if}\ x \leq -\gamma/2;\ 1\ \mathrm{if}\ x \geq \gamma/2;\ "
             r"-\frac{2}{\gamma^3} x^3 + \frac{3}{2\gamma} x + \frac{1}{2}\ \mathrm{else}$"),
    derivative_formula=r"$\frac{3}{2\gamma} - \frac{6}{\gamma^3} x^2\ \mathrm{if}\ |x| < \gamma/2\ \mathrm{else}\ 0$",
    value_fn=smooth_step,
    derivative_fns=derivatives(smooth_step),
    breakpoints_fn=lambda gamma: (Breakpoint(-0.5 * gamma, 2), Breakpoint(0.5 * gamma, 2)),
    kink_convention=("f' = 0 on both sides of -+gamma/2 (the cubic is flat where it meets 0 and 1); f'' jumps "
                     "there from -+6/gamma^2 to 0, and f''(-+gamma/2) = 0, the flat pieces' value."),
    properties=Properties(UNIT_RANGE, "increasing", 1, False),
    paper=Paper("Hazimeh, Hussein and Ponomareva, Natalia and Mol, Petros and Tan, Zhenyu and Mazumder, Rahul",
                "The Tree Ensemble Layer: Differentiability meets Conditional Computation", 2020,
                arxiv="2002.07772", venue="Proceedings of the 37th International Conference on Machine Learning"),
    note=("The paper's routing function for soft trees: it reaches 0 and 1 exactly, so a sample goes down one "
          "branch only and the other's gradient is exactly 0 (conditional computation). gamma is a tuned "
          "hyperparameter there; actplot's default gamma = 1 is its own. At the knots the flat pieces hold, so "
          "f''(-+gamma/2) = 0 (the cubic's own f'' there is +-6/gamma^2); gamma is limited to [1e-6, 1e6], "
          "where f'' stays a float."),
    default_range=(-2.0, 2.0),
)


# --- modified complementary log-log ---------------------------------------------------------------------

#: The constants of cloglogm: 1 - SCALE exp(-RATE e^x), so that it runs from 1 - 2 = -1 to 1.
CLOGLOGM_SCALE, CLOGLOGM_RATE = 2.0, 0.7


def cloglogm(x: Array, order: int = 0) -> Array:
    """With t = 0.7 e^x: 1 - 2 e^-t, 2 t e^-t and 2 t e^-t (1 - t).

    Beyond x = 40, t is 1.6e17 and e^-t is 0 in float64, so x is clipped there (e^x would
    overflow at 710). The value is -expm1(ln 2 - t): as 1 - 2 e^-t it would cancel where the
    curve crosses 0 (at e^x = ln 2 / 0.7); below, it tends to -1 with t keeping its digits."""
    x = np.asarray(x, dtype=np.float64)
    t = CLOGLOGM_RATE * np.exp(np.minimum(x, 40.0))
    if order == 0:
        return -np.expm1(math.log(CLOGLOGM_SCALE) - t)
    slope = CLOGLOGM_SCALE * t * np.exp(-t)
    return slope if order == 1 else slope * (1.0 - t)


CLOGLOGM = Activation(
    name="cloglogm",
    aliases=("modified-cloglog", "modified-complementary-log-log"),
    summary="Modified complementary log-log: 1 - 2 exp(-0.7 e^x), an asymmetric squashing curve from -1 to 1.",
    formula=r"$1 - 2\,e^{-0.7\,e^{x}}$",
    derivative_formula=r"$1.4\,e^{x}\,e^{-0.7\,e^{x}}$",
    value_fn=cloglogm,
    derivative_fns=derivatives(cloglogm),
    properties=Properties((-1.0, 1.0), "increasing", math.inf, False),
    paper=GOMES_2011,
    note=("The complementary log-log (cloglog) stretched to run from -1 to 1, with the constants 2 and 0.7 "
          "as the survey of Kunc and Kléma (arXiv:2402.09092) restates it under this paper (the formula is "
          "the survey's). Like cloglog it is asymmetric: it leaves -1 slowly (as -1 + 1.4 e^x) and reaches 1 "
          "fast. f(0) = 1 - 2 e^-0.7 = 0.0068293924171809706 (not 0); it crosses 0 at "
          "x = ln(ln 2 / 0.7) = -0.0098379766429319481, and its steepest point, f' = 2/e, is at "
          "x = ln(1/0.7) = 0.35667494393873238."),
    default_range=(-5.0, 3.0),
)


# --- scaled tanh ------------------------------------------------------------------------------------------

#: LeCun et al.'s constants: f(+-1) = +-1, where the second derivative is largest.
STANH_SCALE, STANH_SLOPE = 1.7159, 2.0 / 3.0


def stanh(x: Array, a: float, b: float, order: int = 0) -> Array:
    """a tanh(b x), a b (1 - tanh^2(b x)) and -2 a b^2 tanh(b x) (1 - tanh^2(b x)).

    1 - tanh^2 comes from :func:`~actplot.catalog.special.tanh_slope` (accurate in the tails,
    where it is tiny); a and b are at most 1e6, so a b^2 stays far inside float64."""
    x = np.asarray(x, dtype=np.float64)
    u = b * x
    if order == 0:
        return a * np.tanh(u)
    if order == 1:
        return a * b * tanh_slope(u)
    return -2.0 * a * b * b * np.tanh(u) * tanh_slope(u)


STANH = Activation(
    name="stanh",
    aliases=("scaled-hyperbolic-tangent",),
    summary="Scaled hyperbolic tangent: a tanh(b x), with LeCun's a = 1.7159 and b = 2/3 as defaults.",
    parameters=(
        Param("a", STANH_SCALE, "the amplitude: the output range is (-a, a)", symbol="a",
              domain=closed(1e-6, 1e6), examples=(1.0, 2.0)),
        Param("b", STANH_SLOPE, "the slope of the argument; f'(0) = a b", symbol="b",
              domain=closed(1e-6, 1e6), examples=(1.0, 0.5)),
    ),
    formula=r"$a \tanh(b x)$",
    derivative_formula=r"$a b\,(1 - \tanh^2(b x))$",
    value_fn=stanh,
    derivative_fns=derivatives(stanh),
    properties=lambda a, b: Properties((-a, a), "increasing", math.inf, True),
    paper=Paper("LeCun, Yann and Bottou, Léon and Bengio, Yoshua and Haffner, Patrick",
                "Gradient-Based Learning Applied to Document Recognition", 1998, doi="10.1109/5.726791",
                venue="Proceedings of the IEEE"),
    note=("The squashing function of LeNet-5 (the paper's appendix): A tanh(S a) with A = 1.7159 and S = 2/3, "
          "chosen so that f(+-1) = +-1 and the gain is close to 1 in the normal operating range. At the "
          "defaults it is lecun-tanh; here a and b are free. Both are limited to [1e-6, 1e6], where "
          "f'' = -2 a b^2 tanh (1 - tanh^2) stays a float."),
)


# --- tanhLU -----------------------------------------------------------------------------------------------

def tanhlu(x: Array, alpha: float, beta: float, lambd: float, order: int = 0) -> Array:
    """alpha tanh(lambd x) + beta x and its derivatives: the scaled tanh's (:func:`stanh` with
    a = alpha, b = lambd) plus the line's, beta x and beta (the line adds nothing to f'')."""
    x = np.asarray(x, dtype=np.float64)
    curve = stanh(x, alpha, lambd, order)
    if order == 0:
        return curve + beta * x
    if order == 1:
        return curve + beta
    return curve


def tanhlu_properties(alpha: float, beta: float, lambd: float) -> Properties:
    """Unbounded with a line (beta > 0); the tanh alone (beta = 0) stays in (-alpha, alpha)."""
    bound = math.inf if beta > 0 else alpha
    return Properties((-bound, bound), "increasing", math.inf, True)


TANHLU = Activation(
    name="tanhlu",
    aliases=("tanh-lu", "tanh-linear-unit"),
    summary="tanhLU: alpha tanh(lambda x) + beta x, a tanh on a straight line, so it never saturates.",
    parameters=(
        Param("alpha", 1.0, "the amplitude of the tanh part", symbol=r"\alpha",
              domain=closed(0.0, 1e6), examples=(0.5, 2.0)),
        Param("beta", 1.0, "the slope of the linear part: the slope far from 0", symbol=r"\beta",
              domain=closed(0.0, 1e6), examples=(0.1, 0.0)),
        Param("lambd", 1.0, "the slope inside the tanh", symbol=r"\lambda", aliases=("lambda",),
              domain=closed(1e-6, 1e6), examples=(2.0, 0.5)),
    ),
    formula=r"$\alpha \tanh(\lambda x) + \beta x$",
    derivative_formula=r"$\alpha \lambda\,(1 - \tanh^2(\lambda x)) + \beta$",
    value_fn=tanhlu,
    derivative_fns=derivatives(tanhlu),
    properties=tanhlu_properties,
    paper=Paper("Shen, Shui-Long and Zhang, Ning and Zhou, Annan and Yin, Zhen-Yu",
                "Enhancement of neural networks with an alternative activation function tanhLU", 2022,
                doi="10.1016/j.eswa.2022.117181", venue="Expert Systems with Applications"),
    note=("The paper integrates tanh with a linear unit and lets its three parameters be constants or be "
          "trained; it fixes no single default, so actplot draws alpha = beta = lambda = 1 (then "
          "f'(0) = 2 and f(x) - x tends to +-1). beta = 0 is a scaled tanh, bounded by alpha; "
          "alpha = 0 is the line beta x. The parameters are kept non-negative (and lambda >= 1e-6), so "
          "the curve always rises."),
)


# --- SigLin -----------------------------------------------------------------------------------------------

def siglin(x: Array, a: float, order: int = 0) -> Array:
    """sigmoid(x) + a x, sigmoid'(x) + a and sigmoid''(x) (accurate in both tails)."""
    x = np.asarray(x, dtype=np.float64)
    if order == 0:
        return sigmoid(x) + a * x
    if order == 1:
        return sigmoid_slope(x) + a
    return sigmoid_curvature(x)


SIGLIN = Activation(
    name="siglin",
    aliases=("sig-lin",),
    summary="SigLin: sigmoid(x) + a x, the logistic sigmoid tilted by a line so its slope never falls below a.",
    parameters=(
        Param("a", 0.1, "the slope of the added line; a = 0 is the sigmoid", symbol="a",
              domain=closed(0.0, 1e6), examples=(0.05, 0.0)),
    ),
    formula=r"$\sigma(x) + a x$",
    derivative_formula=r"$\sigma(x)\,(1 - \sigma(x)) + a$",
    value_fn=siglin,
    derivative_fns=derivatives(siglin),
    properties=lambda a: Properties((-math.inf, math.inf) if a > 0 else UNIT_RANGE, "increasing", math.inf,
                                    False),
    paper=Paper("Roodschild, Matías and Gotay Sardiñas, Jorge and Will, Adrián",
                "A new approach for the vanishing gradient problem on sigmoid activation", 2020,
                doi="10.1007/s13748-020-00218-y", venue="Progress in Artificial Intelligence"),
    note=("The paper keeps the sigmoid in the forward pass and adds a small constant a to its derivative in "
          "backpropagation, so the gradient never vanishes; sigmoid(x) + a x is the function whose derivative "
          "that is, as the survey of Kunc and Kléma (arXiv:2402.09092) names and restates it. "
          "The paper is reported to have tried a = 0, 0.05, 0.1 and 0.15; actplot "
          "draws a = 0.1. f(0) = 1/2, f'(0) = 1/4 + a."),
)


ENTRIES = (PROBIT, CLOGLOGM, SMOOTH_STEP, STANH, TANHLU, SIGLIN)
