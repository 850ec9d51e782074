"""More self-gated units from the literature: x times a gate, Swish with a tanh added, and trainable relatives.

PFLU gates x by the power function (1 + x / sqrt(1 + x^2)) / 2 and FPFLU takes max(x, x / (1 + x^2))
instead; Gish gates by ln(2 - exp(-e^x)); APTx by gamma (alpha + tanh(beta x)); the rectified
hyperbolic secant is x sech(x); ErfReLU keeps x above 0 and takes alpha erf(x) below; the Swish-T
family adds a tanh to Swish. Pishchik's trainable units close the family: CosLU is (x + a cos(b x))
sigmoid(x), DELU SiLU below 0 and a line plus a saturating exponential above, ShiLU alpha ReLU(x) +
beta. Every gate is written so that nothing overflows and nothing cancels in
the tails (each entry's function says how). Minima and maxima are the roots of f' found with mpmath
at 30 digits, printed to 17, or, where parameters move them, found from the exact f'
(:func:`~actplot.catalog.extrema.scanned`).
"""

from __future__ import annotations

import math
import sys

import numpy as np

from actplot.catalog import papers
from actplot.catalog.builder import breaks_at, closed, derivatives, identity, times_x
from actplot.catalog.extrema import scanned
from actplot.catalog.gated import SILU_MIN, swish, swish_d1, swish_d2
from actplot.catalog.learned_gates import SINLU_RIGHT, ripple_gate, ripple_gate_minimum, ripple_tail_minimum
from actplot.catalog.special import sigmoid, tanh_slope
from actplot.core.schema import Activation, Array, Breakpoint, Interval, Paper, Param, Properties

TITLE = "More self-gated and trainable units"

#: A trained parameter, limited so that every product of three of them with x = 1e6 is a float.
BOUND = closed(-1e3, 1e3)
#: A positive rate that Swish-T_C divides by: alpha / beta stays a float.
RATE = closed(1e-3, 1e3)
#: Beyond |z| = 400, tanh(z) is +-1 and its slope 0 in float64 (as sigmoid(2z) is at 800).
TANH_SATURATED = 400.0
TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)


# --- PFLU and FPFLU ------------------------------------------------------------------------------

#: PFLU's minimum, at x0 = (1 - sqrt 5) / sqrt(2 (sqrt 5 - 1)) (the paper's closed form).
PFLU_MIN_AT, PFLU_MIN = -0.78615137775742329, -0.1501415530003888


def pflu(x: Array, order: int = 0) -> Array:
    """x (1 + x / r) / 2 with r = sqrt(1 + x^2), and its derivatives.

    Below 0 the bracket cancels (1 + x / r -> 0); there (1 + x / r) / 2 = 1 / (2 r (r - x)), since
    (r - x)(r + x) = 1, and f' = (1 / r^2 + x / r) / (2 r (r - x)), neither of which cancels. f'' is
    (1 - x^2 / 2) / r^5 on both sides, taken as (1 / r^2 - (x / r)^2 / 2) / r^3 so that no power of x
    overflows.
    """
    x = np.asarray(x, dtype=np.float64)
    r = np.hypot(1.0, x)
    if order == 2:
        return (1.0 / r / r - 0.5 * (x / r) ** 2) / r**3
    neg = np.minimum(x, 0.0)
    rn = np.hypot(1.0, neg)
    left = [0.5 * neg / (rn * (rn - neg)), (1.0 / rn / rn + neg / rn) / (2.0 * rn * (rn - neg))][order]
    pos = np.maximum(x, 0.0)
    rp = np.hypot(1.0, pos)
    right = [0.5 * pos * (1.0 + pos / rp), 0.5 * (1.0 + pos / rp) + 0.5 * pos / rp**3][order]
    return np.where(x < 0.0, left, right)


PFLU = Activation(
    name="pflu",
    aliases=("power-function-linear-unit",),
    summary="PFLU: x (1 + x / sqrt(1 + x^2)) / 2, a power-function gate with a dip below 0.",
    formula=r"$x \cdot \frac{1}{2}\left(1 + \frac{x}{\sqrt{1 + x^2}}\right)$",
    derivative_formula=r"$\frac{1}{2}\left(1 + \frac{x}{\sqrt{1 + x^2}} + \frac{x}{(1 + x^2)^{3/2}}\right)$",
    value_fn=pflu,
    derivative_fns=derivatives(pflu),
    properties=Properties((PFLU_MIN, math.inf), "no", math.inf, True),
    paper=Paper("Zhu, Meng and Min, Weidong and Wang, Qi and Zou, Song and Chen, Xinhao",
                "PFLU and FPFLU: Two novel non-monotonic activation functions in convolutional neural networks",
                2021, doi="10.1016/j.neucom.2020.11.068", venue="Neurocomputing"),
    note=(f"Its minimum {PFLU_MIN} sits at x0 = (1 - sqrt 5) / sqrt(2 (sqrt 5 - 1)) = {PFLU_MIN_AT}, where the "
          "paper shows f' = 0. For large x it approaches x, for x -> -inf it rises to 0 like -1 / (4 |x|)."),
)


def fpflu(x: Array, order: int = 0) -> Array:
    """x above 0; x / (1 + x^2) at and below 0 (as 1 / (x + 1 / x) below -1, where x^2 could
    overflow), and its derivatives written with q = 1 / (1 + x^2) and their factors paired so that
    no product overflows: f' = ((1 - x) q)((1 + x) q), f'' = 2 (x q)((x - sqrt 3) q)((x + sqrt 3) q)."""
    x = np.asarray(x, dtype=np.float64)
    neg = np.minimum(x, 0.0)
    h = np.hypot(1.0, neg)
    q = 1.0 / h / h
    root3 = math.sqrt(3.0)
    inner = np.maximum(neg, -1.0)
    outer = np.minimum(neg, -1.0)
    value = np.where(neg < -1.0, 1.0 / (outer + 1.0 / outer), inner / (1.0 + inner * inner))
    left = [value, ((1.0 - neg) * q) * ((1.0 + neg) * q),
            2.0 * (neg * q) * ((neg - root3) * q) * ((neg + root3) * q)][order]
    return np.where(x > 0.0, identity(x, order), left)


FPFLU = Activation(
    name="fpflu",
    aliases=("faster-pflu", "faster-power-function-linear-unit"),
    summary="FPFLU: max(x, x / (1 + x^2)), the identity above 0 and a dip to -1/2 below, without a square root.",
    formula=r"$\max\left(x, \frac{x}{1 + x^2}\right)$",
    derivative_formula=r"$1\ \mathrm{if}\ x > 0\ \mathrm{else}\ \frac{1 - x^2}{(1 + x^2)^2}$",
    value_fn=fpflu,
    derivative_fns=derivatives(fpflu),
    breakpoints_fn=breaks_at(0.0, order=3),
    kink_convention=("f, f' and f'' are continuous at 0: f'(0) = 1 and f''(0) = 0 from either side (the paper's "
                     "x <= 0 branch); only f''' jumps there, from -6 to 0."),
    properties=Properties((-0.5, math.inf), "no", 2, True),
    paper=PFLU.paper,
    note="Its minimum is -1/2 at x = -1; for x -> -inf it rises to 0 like 1 / x.",
)


# --- Gish ----------------------------------------------------------------------------------------

#: Beyond x = 40, e^x is so large that exp(-e^x) is 0: the gate is ln 2 and its slopes 0 in float64.
GISH_SATURATED = 40.0
GISH_MIN_AT, GISH_MIN = -1.282051049260126, -0.27815946089638691


def gish_gate(x: Array) -> tuple[Array, Array, Array]:
    """ln(2 - exp(-u)) = log1p(w), u = e^x, w = 1 - exp(-u) = -expm1(-u) (accurate where u is tiny);
    g' = v / (1 + w) and g'' = v ((1 - u)(1 + w) - v) / (1 + w)^2 with v = u exp(-u)."""
    u = np.exp(np.minimum(x, GISH_SATURATED))
    w = -np.expm1(-u)
    v = u * np.exp(-u)
    return np.log1p(w), v / (1.0 + w), v * ((1.0 - u) * (1.0 + w) - v) / (1.0 + w) ** 2


GISH = Activation(
    name="gish",
    summary="Gish: x ln(2 - exp(-e^x)), a gate that rises from 0 to ln 2 (a Gompertz curve inside a logarithm).",
    formula=r"$x \ln(2 - e^{-e^{x}})$",
    derivative_formula=r"$\ln(2 - e^{-e^{x}}) + \frac{x\, e^{x} e^{-e^{x}}}{2 - e^{-e^{x}}}$",
    value_fn=times_x(gish_gate),
    derivative_fns=derivatives(times_x(gish_gate)),
    properties=Properties((GISH_MIN, math.inf), "no", math.inf, True),
    paper=Paper("Kaytan, M. and Aydilek, İ. B. and Yeroğlu, C.", "Gish: a novel activation function for image "
                "classification", 2023, doi="10.1007/s00521-023-09035-5", venue="Neural Computing and Applications"),
    note=(f"The gate rises to ln 2, so Gish grows like x ln 2. Its minimum {GISH_MIN} is at x = {GISH_MIN_AT}; "
          "for x -> -inf it returns to 0 like x e^x."),
)


# --- APTx ----------------------------------------------------------------------------------------

def shifted_tanh(alpha: float, z: Array) -> Array:
    """alpha + tanh(z) without cancelling in a tail: (alpha - 1) + 2 sigmoid(2z) below 0 and
    (alpha + 1) - 2 sigmoid(-2z) above (alpha + tanh z would lose every digit of 1 + tanh z at
    alpha = 1, the paper's default, as z -> -inf)."""
    return np.where(z < 0.0, (alpha - 1.0) + 2.0 * sigmoid(2.0 * z), (alpha + 1.0) - 2.0 * sigmoid(-2.0 * z))


def aptx(x: Array, alpha: float, beta: float, gamma: float, order: int = 0) -> Array:
    """gamma x (alpha + tanh(z)), z = beta x: the gate gamma (alpha + tanh z), and x times its
    slopes written with z (x g' = gamma z s), so that no beta^2 appears; z is clipped where tanh
    has saturated (z s is then 0, not inf * 0)."""
    x = np.asarray(x, dtype=np.float64)
    z = np.clip(beta * x, -TANH_SATURATED, TANH_SATURATED)
    t, s = np.tanh(z), tanh_slope(z)
    gate = shifted_tanh(alpha, z)
    if order == 0:
        return gamma * x * gate
    if order == 1:
        return gamma * gate + gamma * z * s
    return 2.0 * gamma * beta * s * (1.0 - z * t)


APTX = Activation(
    name="aptx",
    aliases=("alpha-plus-tanh-times",),
    summary="APTx: gamma x (alpha + tanh(beta x)), a cheap Mish-like gate.",
    parameters=(
        Param("alpha", 1.0, "shift of the tanh gate (trainable)", symbol=r"\alpha", domain=BOUND, examples=(0.5,)),
        Param("beta", 1.0, "scale of x inside tanh (trainable)", symbol=r"\beta", domain=BOUND, examples=(0.5,)),
        Param("gamma", 0.5, "output scale (trainable)", symbol=r"\gamma", domain=BOUND, examples=(1.0,)),
    ),
    formula=r"$\gamma\, x\, (\alpha + \tanh(\beta x))$",
    derivative_formula=r"$\gamma\, (\alpha + \tanh(\beta x)) + \gamma \beta\, x\, (1 - \tanh^2(\beta x))$",
    value_fn=aptx,
    derivative_fns=derivatives(aptx),
    properties=scanned(aptx),
    paper=Paper("Kumar, Ravin", "APTx: better activation function than MISH, SWISH, and ReLU's variants used in "
                "deep learning", 2022, arxiv="2209.06119", doi="10.51483/IJAIML.2.2.2022.56-61",
                venue="International Journal of Artificial Intelligence and Machine Learning"),
    note=("The paper's defaults alpha = 1, beta = 1, gamma = 1/2; there (1 + tanh x) / 2 = sigmoid(2x), so APTx is "
          f"x sigmoid(2x), Swish with beta = 2, whose minimum is half SiLU's, {SILU_MIN / 2!r}. The paper suggests "
          "beta = 1/2 to follow Mish below 0. alpha, beta and gamma are trainable and limited to [-1000, 1000]; "
          "range and direction are found from the exact f' (actplot.catalog.extrema)."),
)


# --- The Swish-T family --------------------------------------------------------------------------

def tanh_parts(z: Array) -> tuple[Array, Array]:
    """tanh(z) and its slope 1 - tanh(z)^2, accurate in the tails."""
    return np.tanh(z), tanh_slope(z)


def swish_t(x: Array, beta: float, alpha: float, order: int = 0) -> Array:
    """x sigmoid(beta x) + alpha tanh(x)."""
    x = np.asarray(x, dtype=np.float64)
    t, s = tanh_parts(x)
    return [swish(x, beta) + alpha * t, swish_d1(x, beta) + alpha * s,
            swish_d2(x, beta) - 2.0 * alpha * t * s][order]


SWISH_T_ALPHA = 0.1
SWISH_T_SOURCE = Paper("Seo, Youngmin and Kim, Jinha and Park, Unsang",
                       "Swish-T: Enhancing Swish Activation with Tanh Bias for Improved Neural Network Performance",
                       2024, arxiv="2407.01012")
SWISH_T_NOTE = ("beta is trained (initial value 1) and alpha is a fixed hyperparameter, 0.1 in the authors' code; "
                "alpha is limited to [-1000, 1000]. Range and direction are found from the exact f' "
                "(actplot.catalog.extrema).")


def swish_t_params(beta_domain: Interval = BOUND) -> tuple[Param, Param]:
    """The family's beta (trained, initially 1) and alpha (the tanh's weight, 0.1)."""
    return (Param("beta", 1.0, "the sigmoid's slope (trainable)", symbol=r"\beta", domain=beta_domain,
                  examples=(2.0,)),
            Param("alpha", SWISH_T_ALPHA, "weight of the tanh term", symbol=r"\alpha", domain=BOUND,
                  examples=(0.5,)))


SWISH_T = Activation(
    name="swish-t",
    aliases=("swisht",),
    summary="Swish-T: x sigmoid(beta x) + alpha tanh(x), Swish with a tanh bias.",
    parameters=swish_t_params(),
    formula=r"$x\, \sigma(\beta x) + \alpha \tanh x$",
    derivative_formula=r"$\sigma(\beta x) + \beta x\, \sigma'(\beta x) + \alpha\, (1 - \tanh^2 x)$",
    value_fn=swish_t,
    derivative_fns=derivatives(swish_t),
    properties=scanned(swish_t),
    paper=SWISH_T_SOURCE,
    note="beta is limited to [-1000, 1000]. " + SWISH_T_NOTE,
)


def swish_t_b(x: Array, beta: float, alpha: float, order: int = 0) -> Array:
    """sigmoid(beta x)(x + 2 alpha) - alpha = x sigmoid(beta x) + alpha tanh(beta x / 2): the
    second form does not cancel near 0 and its derivatives are the tanh's, by z = beta x / 2."""
    x = np.asarray(x, dtype=np.float64)
    z = np.clip(0.5 * beta * x, -TANH_SATURATED, TANH_SATURATED)
    t, s = tanh_parts(z)
    return [swish(x, beta) + alpha * t, swish_d1(x, beta) + 0.5 * alpha * beta * s,
            swish_d2(x, beta) - 0.5 * alpha * beta * beta * t * s][order]


SWISH_T_B = Activation(
    name="swish-t-b",
    aliases=("swisht-b",),
    summary="Swish-T_B: sigmoid(beta x)(x + 2 alpha) - alpha, Swish with the tanh bias alpha tanh(beta x / 2).",
    parameters=swish_t_params(),
    formula=r"$\sigma(\beta x)(x + 2\alpha) - \alpha$",
    derivative_formula=r"$\sigma(\beta x) + \beta\, (x + 2\alpha)\, \sigma'(\beta x)$",
    value_fn=swish_t_b,
    derivative_fns=derivatives(swish_t_b),
    properties=scanned(swish_t_b),
    paper=SWISH_T_SOURCE,
    note=("Computed as x sigmoid(beta x) + alpha tanh(beta x / 2), the same function. At beta = 1 it is the paper's "
          "Swish-T_A. beta is limited to [-1000, 1000]. " + SWISH_T_NOTE),
)


def swish_t_c(x: Array, beta: float, alpha: float, order: int = 0) -> Array:
    """sigmoid(beta x)(x + 2 alpha / beta) - alpha / beta = x sigmoid(beta x) + (alpha / beta) tanh(beta x / 2):
    Swish-T_B with alpha / beta for alpha."""
    return swish_t_b(x, beta, alpha / beta, order)


SWISH_T_C = Activation(
    name="swish-t-c",
    aliases=("swisht-c",),
    summary="Swish-T_C: sigmoid(beta x)(x + 2 alpha / beta) - alpha / beta, the tanh bias scaled by 1 / beta.",
    parameters=swish_t_params(RATE),
    formula=r"$\sigma(\beta x)(x + 2\alpha / \beta) - \alpha / \beta$",
    derivative_formula=r"$\sigma(\beta x) + (\beta x + 2\alpha)\, \sigma'(\beta x)$",
    value_fn=swish_t_c,
    derivative_fns=derivatives(swish_t_c),
    properties=scanned(swish_t_c),
    paper=SWISH_T_SOURCE,
    note=("Computed as x sigmoid(beta x) + (alpha / beta) tanh(beta x / 2). The paper's recommended member: as beta "
          "grows it tends to ReLU, the bias alpha / beta vanishing with the sigmoid's width. beta is limited to "
          "[0.001, 1000] (it divides alpha). " + SWISH_T_NOTE),
)


# --- Rectified hyperbolic secant ----------------------------------------------------------------

#: The maximum, at the root of 1 = x tanh x (ACON-C's constant Q*), and its value; the curve is odd.
RESECH_MAX_AT, RESECH_MAX = 1.1996786402577338, 0.66274341934918158


def resech(x: Array, order: int = 0) -> Array:
    """x sech x, f' = sech x (1 - x tanh x), f'' = -sech x (2 tanh x + x (1 - 2 tanh^2 x)); sech x is
    2 e / (1 + e^2) with e = exp(-|x|), which never overflows."""
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    sech, t = 2.0 * e / (1.0 + e * e), np.tanh(x)
    return [x * sech, sech * (1.0 - x * t), -sech * (2.0 * t + x * (1.0 - 2.0 * t * t))][order]


RESECH = Activation(
    name="resech",
    aliases=("rectified-hyperbolic-secant", "x-sech"),
    summary="Rectified hyperbolic secant: x sech(x), odd, with a global maximum and minimum.",
    formula=r"$x\, \mathrm{sech}(x)$",
    derivative_formula=r"$\mathrm{sech}(x)\, (1 - x \tanh x)$",
    value_fn=resech,
    derivative_fns=derivatives(resech),
    properties=Properties((-RESECH_MAX, RESECH_MAX), "no", math.inf, True),
    paper=Paper("Samatin Njikam, Aboubakar Nasser and Zhao, Huan", "A novel activation function for multilayer "
                "feed-forward neural networks", 2016, doi="10.1007/s10489-015-0744-0", venue="Applied Intelligence"),
    note=(f"Its maximum {RESECH_MAX} is at x = {RESECH_MAX_AT}, where x tanh x = 1, and its minimum the opposite "
          "(the function is odd); it returns to 0 in both tails, the global extrema the paper designs for."),
)


# --- ErfReLU -------------------------------------------------------------------------------------

def erfrelu(x: Array, alpha: float, order: int = 0) -> Array:
    """x at and above 0; alpha erf(x) below, with alpha (2 / sqrt pi) e^(-x^2) and its derivative."""
    from scipy.special import erf

    x = np.asarray(x, dtype=np.float64)
    neg = np.minimum(x, 0.0)
    bump = alpha * TWO_OVER_SQRT_PI * np.exp(-neg * neg)
    left = [alpha * erf(neg), bump, -2.0 * neg * bump][order]
    return np.where(x >= 0.0, identity(x, order), left)


def erfrelu_order(alpha: float) -> int:
    """The order of the breakpoint at 0: a kink unless alpha 2 / sqrt(pi) = 1 (to a few ulps: the float
    nearest sqrt(pi) / 2 times 2 / sqrt(pi) need not be exactly 1), where f' and f''
    are continuous and only f''' jumps (from -2 to 0)."""
    return 3 if math.isclose(alpha * TWO_OVER_SQRT_PI, 1.0, rel_tol=4 * sys.float_info.epsilon) else 1


def erfrelu_properties(alpha: float) -> Properties:
    """alpha >= 0: rises from -alpha; alpha < 0: the left half falls from |alpha| to 0, so the
    minimum is 0 at 0."""
    order = erfrelu_order(alpha)
    if alpha >= 0.0:
        return Properties((-alpha, math.inf), "increasing", order - 1, True)
    return Properties((0.0, math.inf), "no", order - 1, True)


ERFRELU = Activation(
    name="erfrelu",
    aliases=("erf-relu",),
    summary="ErfReLU: x above 0, alpha erf(x) below, saturating at -alpha.",
    parameters=(Param("alpha", 1.0, "scale of the negative half (trainable)", symbol=r"\alpha", domain=BOUND,
                      examples=(0.5, -0.5)),),
    formula=r"$x\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ \alpha\, \mathrm{erf}(x)$",
    derivative_formula=r"$1\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ \frac{2\alpha}{\sqrt{\pi}} e^{-x^2}$",
    value_fn=erfrelu,
    derivative_fns=derivatives(erfrelu),
    breakpoints_fn=lambda alpha: (Breakpoint(0.0, erfrelu_order(alpha)),),
    kink_convention=("f'(0) = 1 and f''(0) = 0, the x >= 0 branch (autograd of where(x >= 0, x, alpha erf(x))); "
                     "from the left f' tends to 2 alpha / sqrt(pi)."),
    properties=erfrelu_properties,
    paper=Paper("Rajanand, Ashish and Singh, Pradeep", "ErfReLU: adaptive activation function for deep neural network",
                2024, arxiv="2306.01822", doi="10.1007/s10044-024-01277-w", venue="Pattern Analysis and Applications"),
    note=("alpha is trained; its initial value 1 is actplot's choice (as the survey of Kunc and Kléma restates it). "
          "alpha is limited to [-1000, 1000]. With alpha = sqrt(pi) / 2 the slopes meet at 0 and only f''' jumps."),
)

# --- Pishchik's trainable units: CosLU, DELU, ShiLU -----------------------------------------

PISHCHIK_SOURCE = ("The formula and the initial values are those of the author's code "
                   "(github.com/epishchik/TrainableActivation, activation.py), as the survey of Kunc and Kléma "
                   "restates them.")


def negative_sine(t: Array) -> Array:
    """-sin(t), the cosine's derivative."""
    return -np.sin(t)


def coslu(x: Array, a: float, b: float, order: int = 0) -> Array:
    """(x + a cos(b x)) sigmoid(x) and its derivatives (:func:`~actplot.catalog.learned_gates.ripple_gate`
    with the cosine, as SinLU is with the sine)."""
    return ripple_gate(x, a, b, order, np.cos, negative_sine)


def cosine_trough(a: float, b: float) -> float:
    """b x at a local minimum of x + a cos(b x), modulo 2 pi (|a b| > 1): sin(b x) = 1 / (a b) and
    cos(b x) has the sign of -a (g'' = -a b^2 cos(b x) > 0)."""
    sine = 1.0 / (a * b)
    return math.atan2(sine, -math.copysign(math.sqrt(1.0 - sine * sine), a))


def cosine_ripple_tail_minimum(a: float, b: float, start: float) -> float:
    """min over x >= start of x + a cos(b x), b >= 0, in closed form
    (:func:`~actplot.catalog.learned_gates.ripple_tail_minimum`; b = 0 is the line x + a)."""
    return ripple_tail_minimum(a, b, start, math.cos, cosine_trough)


def coslu_properties(a: float, b: float) -> Properties:
    """The range (its minimum, +inf), the minimum found as SinLU's is
    (:func:`~actplot.catalog.learned_gates.ripple_gate_minimum`).

    CosLU rises without bound (x + a cos(b x) for x >= 40), is a / 2 at 0 and is never monotonic
    (for x below -(1 + |a| + |a b|), f' < 0). f tends to 0 as x -> -inf, which the range includes."""
    b = abs(b)  # cos(b x) = cos(-b x): the same curve
    minimum = ripple_gate_minimum(coslu, a, b, cosine_ripple_tail_minimum(a, b, SINLU_RIGHT))
    return Properties((minimum, math.inf), "no", math.inf, a == 0.0)


COSLU = Activation(
    name="coslu",
    aliases=("cosine-linear-unit",),
    summary="CosLU: (x + a cos(b x)) sigmoid(x), SiLU with a cosine ripple (a / 2 at 0).",
    parameters=(
        Param("a", 1.0, "amplitude of the ripple (trainable)", symbol="a", domain=BOUND, examples=(0.5, 0.0)),
        Param("b", 1.0, "frequency of the ripple (trainable)", symbol="b", domain=BOUND, examples=(3.0,)),
    ),
    formula=r"$(x + a \cos(b x))\, \sigma(x)$",
    derivative_formula=r"$(1 - a b \sin(b x))\, \sigma(x) + (x + a \cos(b x))\, \sigma'(x)$",
    value_fn=coslu,
    derivative_fns=derivatives(coslu),
    properties=coslu_properties,
    paper=papers.PISHCHIK,
    note=("a and b are trained, both initially 1. Unlike SinLU it is a / 2, not 0, at x = 0. Both are limited to "
          "[-1000, 1000]. The minimum is found from the exact f' and f'' sampled 16 times a period of the ripple, "
          "where the envelope (x - |a|) sigmoid(x) allows it, and in closed form beyond x = 40. " + PISHCHIK_SOURCE),
)


#: DELU's largest value on x > 0 is d + (1 - d) log1p(-d), d = n + 3/2, when 0 < d < 1; below this
#: d it is summed as its series sum_k>=2 d^k / (k (k - 1)), as the closed form cancels.
DELU_SERIES_BELOW = 0.1
DELU_SERIES_TERMS = 20


def delu(x: Array, n: float, order: int = 0) -> Array:
    """x sigmoid(x) at and below 0; (n + 1/2) x + 1 - e^(-x) above, with 1 - e^(-x) = -expm1(-x)
    (accurate as x -> 0), and their derivatives; e^(-x) is taken of max(x, 0) only, so that the
    unused branch never overflows."""
    x = np.asarray(x, dtype=np.float64)
    pos, neg = np.maximum(x, 0.0), np.minimum(x, 0.0)
    e = np.exp(-pos)
    slope = n + 0.5
    right = [slope * pos - np.expm1(-pos), slope + e, -e][order]
    left = [swish(neg, 1.0), swish_d1(neg, 1.0), swish_d2(neg, 1.0)][order]
    return np.where(x > 0.0, right, left)


def delu_order(n: float) -> int:
    """The order of the breakpoint at 0: f' jumps from 1/2 to n + 3/2 unless n = -1, where only
    f'' jumps (from 1/2 to -1)."""
    return 2 if n == -1.0 else 1


def delu_peak(d: float) -> float:
    """d + (1 - d) log1p(-d), the maximum of the right branch for 0 < d < 1, without cancelling."""
    if d < DELU_SERIES_BELOW:
        return math.fsum(d**k / (k * (k - 1)) for k in range(2, DELU_SERIES_TERMS + 2))
    return d + (1.0 - d) * math.log1p(-d)


def delu_properties(n: float) -> Properties:
    """The left half is SiLU's (its minimum SILU_MIN, rising to 0 at -inf). The right half has
    slope c + e^(-x), c = n + 1/2: c > 0 rises without bound; c = 0 rises to 1; -1 < c < 0 peaks
    at x = -ln(-c) and falls without bound; c <= -1 falls from 0 without bound."""
    c = n + 0.5
    low = SILU_MIN if c >= 0.0 else -math.inf
    if c > 0.0:
        high = math.inf
    elif c == 0.0:
        high = 1.0
    elif c > -1.0:
        high = delu_peak(n + 1.5)
    else:
        high = 0.0
    return Properties((low, high), "no", delu_order(n) - 1, True)


DELU = Activation(
    name="delu",
    summary="DELU: SiLU at and below 0, (n + 1/2) x + 1 - e^(-x) above, a trainable slope.",
    parameters=(Param("n", 0.0, "added to the slope 1/2 of the positive half (trainable)", symbol="n",
                      domain=BOUND, examples=(-1.0, 1.0)),),
    formula=r"$x\, \sigma(x)\ \mathrm{if}\ x \leq 0\ \mathrm{else}\ (n + \frac{1}{2})\, x + 1 - e^{-x}$",
    derivative_formula=(r"$\sigma(x)\, (1 + x\, (1 - \sigma(x)))\ \mathrm{if}\ x \leq 0\ "
                        r"\mathrm{else}\ n + \frac{1}{2} + e^{-x}$"),
    value_fn=delu,
    derivative_fns=derivatives(delu),
    breakpoints_fn=lambda n: (Breakpoint(0.0, delu_order(n)),),
    kink_convention=("f'(0) = 1/2 and f''(0) = 1/2, SiLU's, the x <= 0 branch (the author's code masks SiLU with "
                     "x <= 0, so autograd takes it there); from the right f' tends to n + 3/2 and f'' to -1."),
    properties=delu_properties,
    paper=papers.PISHCHIK,
    note=("The paper writes the positive half as (n + 1/2) x + |e^(-x) - 1|, which is (n + 1/2) x + 1 - e^(-x) for "
          "x > 0. n is trained, initially 0 (then it is the author's HELU). n is limited to [-1000, 1000]. "
          "With n = -1 the slopes meet at 0 and only f'' jumps. " + PISHCHIK_SOURCE),
)


def shilu(x: Array, alpha: float, beta: float, order: int = 0) -> Array:
    """alpha max(x, 0) + beta, and its derivatives."""
    x = np.asarray(x, dtype=np.float64)
    return [alpha * np.maximum(x, 0.0) + beta, np.where(x > 0.0, alpha, 0.0), np.zeros_like(x)][order]


def shilu_properties(alpha: float, beta: float) -> Properties:
    """From beta up (alpha > 0) or down (alpha < 0) without bound; the constant beta at alpha = 0."""
    if alpha > 0.0:
        return Properties((beta, math.inf), "increasing", 0, beta == 0.0)
    if alpha < 0.0:
        return Properties((-math.inf, beta), "decreasing", 0, beta == 0.0)
    return Properties((beta, beta), "increasing", math.inf, beta == 0.0)


SHILU = Activation(
    name="shilu",
    summary="ShiLU: alpha ReLU(x) + beta, ReLU scaled and shifted by trainable parameters.",
    parameters=(
        Param("alpha", 1.0, "scale of ReLU (trainable)", symbol=r"\alpha", domain=BOUND, examples=(0.5, -1.0)),
        Param("beta", 1.0, "shift of the output (trainable)", symbol=r"\beta", domain=BOUND, examples=(0.0,)),
    ),
    formula=r"$\alpha \max(0, x) + \beta$",
    derivative_formula=r"$\alpha\ \mathrm{if}\ x > 0\ \mathrm{else}\ 0$",
    value_fn=shilu,
    derivative_fns=derivatives(shilu),
    breakpoints_fn=lambda alpha, beta: (Breakpoint(0.0, 1),) if alpha != 0.0 else (),
    kink_convention="f'(0) = 0 and f''(0) = 0, as relu'(0) = 0 in PyTorch (the author's code calls F.relu).",
    properties=shilu_properties,
    paper=papers.PISHCHIK,
    note=("alpha and beta are trained, both initially 1, so that by default ShiLU is 1 at 0, not 0. Both are "
          "limited to [-1000, 1000]; with alpha = 0 it is the constant beta, without a kink. " + PISHCHIK_SOURCE),
)

ENTRIES = (PFLU, FPFLU, GISH, APTX, RESECH, ERFRELU, SWISH_T, SWISH_T_B, SWISH_T_C, COSLU, DELU, SHILU)
