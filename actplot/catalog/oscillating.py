"""Non-monotonic, oscillating and polynomial units from the literature.

Noel et al.'s four units that let a single neuron learn XOR (the shifted quadratic, the
non-monotonic cubic, the shifted sinc and the decaying sine), the cone and the parabolic cone,
the cube of Chen and Manning's parser, the two smooth moduli of Vallés-Pérez et al. and the
rational activation of Boullé et al. Each has more than one zero or a turning point, so a unit's
positive region can be a strip instead of a half-space.

The sinc-based units are sin x over a shifted x: the shift by pi is carried as two floats
(:data:`PI_LO`), and sin(x -+ pi) is taken as -sin x, so no digit is lost to rounding x - pi;
near the shifted zero the sinc's Taylor series is summed (:func:`actplot.catalog.periodic.sinc`).
Every extremum below is a root of f' found with mpmath at 30 digits, printed to 17.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog.builder import breaks_at, closed, derivatives
from actplot.catalog.periodic import SINC_MINIMUM, SINC_SERIES_BELOW
from actplot.catalog.periodic import sinc as sinc_series
from actplot.catalog.special import scaled, tanh_slope
from actplot.core.schema import Activation, Array, Breakpoint, Paper, Param, Properties

TITLE = "Non-monotonic and polynomial units"

#: pi - float(pi): pi as PI_HI + PI_LO, so that x - pi keeps every digit near pi.
PI_HI, PI_LO = math.pi, 1.2246467991473532e-16

NOEL_ET_AL_2021 = Paper(
    "Noel, Matthew Mithra and Bharadwaj, Shubham and Muthiah-Nakarajan, Venkataraman and Dutta, Praneet and "
    "Amali, Geraldine Bessie",
    "Biologically Inspired Oscillating Activation Functions Can Bridge the Performance Gap between Biological "
    "and Artificial Neurons", 2021, arxiv="2111.04020")
NOEL_OSWAL_2024 = Paper("Noel, Mathew Mithra and Oswal, Yug",
                        "A Significantly Better Class of Activation Functions Than ReLU Like Activation Functions",
                        2024, arxiv="2405.04459")
VALLES_PEREZ_ET_AL_2023 = Paper(
    "Vallés-Pérez, Iván and Soria-Olivas, Emilio and Martínez-Sober, Marcelino and Serrano-López, Antonio J. "
    "and Vila-Francés, Joan and Gómez-Sanchís, Juan",
    "Empirical study of the modulus as activation function in computer vision applications", 2023,
    arxiv="2301.05993")

#: The sinc's convention, said once for the two units built on it.
UNNORMALISED_SINC = ("sinc(t) = sin(t) / t, the unnormalised sinc (1 at 0): with it f(0) = 0 and f'(0) = 1, "
                     "as the unit is designed (numpy's normalised sinc, sin(pi t) / (pi t), would not give that).")


# --- polynomials ----------------------------------------------------------------------------------------

def squ(x: Array, order: int = 0) -> Array:
    """x^2 + x and its derivatives 2x + 1 and 2."""
    return [x * x + x, 2.0 * x + 1.0, np.full_like(x, 2.0)][order]


SQU = Activation(
    name="squ",
    aliases=("shifted-quadratic-unit",),
    summary="SQU, the shifted quadratic unit: x^2 + x, a parabola through 0 with zeros at -1 and 0.",
    formula=r"$x^2 + x$",
    derivative_formula=r"$2x + 1$",
    value_fn=squ,
    derivative_fns=derivatives(squ),
    properties=Properties((-0.25, math.inf), "no", math.inf, True),  # the vertex, -1/4 at x = -1/2
    paper=NOEL_ET_AL_2021,
    note="Its minimum is -1/4 at x = -1/2; f'(0) = 1, as for the identity.",
)


def ncu(x: Array, order: int = 0) -> Array:
    """x - x^3 and its derivatives 1 - 3x^2 and -6x."""
    return [x - x * x * x, 1.0 - 3.0 * x * x, -6.0 * x][order]


#: NCU's local maximum 2 / (3 sqrt 3) at x = 1 / sqrt 3 (and the minimum its negative at -1 / sqrt 3).
NCU_PEAK = 2.0 / (3.0 * math.sqrt(3.0))

NCU = Activation(
    name="ncu",
    aliases=("non-monotonic-cubic-unit",),
    summary="NCU, the non-monotonic cubic unit: x - x^3, rising between -1/sqrt(3) and 1/sqrt(3), falling outside.",
    formula=r"$x - x^3$",
    derivative_formula=r"$1 - 3x^2$",
    value_fn=ncu,
    derivative_fns=derivatives(ncu),
    properties=Properties((-math.inf, math.inf), "no", math.inf, True),
    paper=NOEL_ET_AL_2021,
    note=(f"Zeros at -1, 0 and 1; a local minimum -{NCU_PEAK:.17g} at x = -1/sqrt(3) and a local maximum "
          f"{NCU_PEAK:.17g} at 1/sqrt(3) (2 / (3 sqrt 3)). It falls without bound to the right."),
    default_range=(-2.0, 2.0),
)


def cube(x: Array, order: int = 0) -> Array:
    """x^3 and its derivatives 3x^2 and 6x."""
    return [x * x * x, 3.0 * x * x, 6.0 * x][order]


CUBE = Activation(
    name="cube",
    aliases=("cubic",),
    summary="Cube: x^3, the activation of Chen and Manning's neural dependency parser.",
    formula=r"$x^3$",
    derivative_formula=r"$3x^2$",
    value_fn=cube,
    derivative_fns=derivatives(cube),
    properties=Properties((-math.inf, math.inf), "increasing", math.inf, True),
    paper=Paper("Chen, Danqi and Manning, Christopher D.",
                "A Fast and Accurate Dependency Parser using Neural Networks", 2014, doi="10.3115/v1/D14-1082",
                venue="Proceedings of the 2014 Conference on Empirical Methods in Natural Language Processing "
                      "(EMNLP)"),
    note=("The cube of a sum holds every product of three of its terms: the parser uses it to combine three "
          "features without writing them out. f'(0) = 0: increasing, never strictly at 0."),
    default_range=(-2.0, 2.0),
)


# --- cones ----------------------------------------------------------------------------------------------------

def cone(x: Array, order: int = 0) -> Array:
    """1 - |x - 1| and its derivatives: sign(1 - x) (0 at the apex) and 0."""
    return [1.0 - np.abs(x - 1.0), np.sign(1.0 - x), np.zeros_like(x)][order]


CONE = Activation(
    name="cone",
    summary="Cone: 1 - |x - 1|, positive only between 0 and 2 with its apex 1 at x = 1.",
    formula=r"$1 - |x - 1|$",
    derivative_formula=r"$\mathrm{sign}(1 - x)$",
    value_fn=cone,
    derivative_fns=derivatives(cone),
    breakpoints_fn=breaks_at(1.0),
    kink_convention="f'(1) = 0 at the apex, as PyTorch's autograd takes |t|' = 0 at t = 0.",
    properties=Properties((-math.inf, 1.0), "no", 0, True),
    paper=NOEL_OSWAL_2024,
    note=("The set where a cone unit is positive is a strip 0 < w.x + b < 2, not a half-space. The paper's "
          "parametric form beta - |x - gamma|^alpha is an expression away (actplot expr)."),
    default_range=(-3.0, 5.0),
)


def parabolic_cone(x: Array, order: int = 0) -> Array:
    """x (2 - x) and its derivatives 2 - 2x and -2."""
    return [x * (2.0 - x), 2.0 - 2.0 * x, np.full_like(x, -2.0)][order]


PARABOLIC_CONE = Activation(
    name="parabolic-cone",
    summary="Parabolic cone: x (2 - x), the smooth cone, positive between 0 and 2 with its top 1 at x = 1.",
    formula=r"$x\, (2 - x)$",
    derivative_formula=r"$2 - 2x$",
    value_fn=parabolic_cone,
    derivative_fns=derivatives(parabolic_cone),
    properties=Properties((-math.inf, 1.0), "no", math.inf, True),
    paper=NOEL_OSWAL_2024,
    default_range=(-3.0, 5.0),
)


# --- smooth moduli ----------------------------------------------------------------------------------------------

def soft_modulus_q(x: Array, order: int = 0) -> Array:
    """x^2 (2 - |x|) = 2x^2 - |x|^3 inside [-1, 1], |x| outside; and their derivatives."""
    a = np.abs(x)
    inner = [x * x * (2.0 - a), x * (4.0 - 3.0 * a), 4.0 - 6.0 * a][order]
    outer = [a, np.sign(x), np.zeros_like(x)][order]
    return np.where(a <= 1.0, inner, outer)


SOFT_MODULUS_Q = Activation(
    name="soft-modulus-q",
    aliases=("softmodulusq",),
    summary="SoftModulusQ: x^2 (2 - |x|) inside [-1, 1] and |x| outside, a modulus with a rounded tip.",
    formula=r"$x^2\, (2 - |x|)\ \mathrm{if}\ |x| \leq 1\ \mathrm{else}\ |x|$",
    derivative_formula=r"$4x - 3x|x|\ \mathrm{if}\ |x| \leq 1\ \mathrm{else}\ \mathrm{sign}(x)$",
    value_fn=soft_modulus_q,
    derivative_fns=derivatives(soft_modulus_q),
    # f'' jumps from -2 to 0 at +-1; at 0 only f''' jumps (from 6 to -6)
    breakpoints_fn=lambda: (Breakpoint(-1.0, 2), Breakpoint(0.0, 3), Breakpoint(1.0, 2)),
    kink_convention=("f and f' are continuous (f'(+-1) = +-1); f''(+-1) = -2, the inner piece's (the definition "
                     "takes |x| <= 1 inside), 0 just outside. At 0, f'' = 4 on both sides: only f''' jumps."),
    properties=Properties((0.0, math.inf), "no", 1, True),
    paper=VALLES_PEREZ_ET_AL_2023,
    note=("A quadratic-cubic rounding of the modulus |x| that the paper proposes as an activation; the two pieces "
          "meet at |x| = 1 with equal value and slope. The piece 2x^2 - |x|^3 is the continuous reading: an "
          "inequality printed the other way round would leave the curve discontinuous."),
    default_range=(-3.0, 3.0),
)


#: SoftModulusT's scale: limited so that 2 / alpha (f'' at 0) and x / alpha stay floats.
MODULUS_SCALE = closed(1e-100, 1e100)
#: Beyond |z| = 400, 1 - tanh(z)^2 = 4 / (e^z + e^-z)^2 is 0 in float64.
TANH_SATURATED = 400.0


def soft_modulus_t(x: Array, alpha: float, order: int = 0) -> Array:
    """x tanh(z) for z = x / alpha, and its derivatives tanh z + z sech^2 z and
    (2 / alpha) sech^2 z (1 - z tanh z); sech^2 is 0 beyond |z| = 400, so z is clipped there
    (z sech^2 z would be inf * 0 for an infinite z)."""
    z = scaled(1.0 / alpha, x)  # +-inf, silently, where x / alpha leaves float64: tanh is +-1 there
    t = np.tanh(z)
    if order == 0:
        return x * t
    zc = np.clip(z, -TANH_SATURATED, TANH_SATURATED)
    slope = tanh_slope(zc)
    if order == 1:
        return t + zc * slope
    return (2.0 / alpha) * slope * (1.0 - zc * np.tanh(zc))


SOFT_MODULUS_T = Activation(
    name="soft-modulus-t",
    aliases=("softmodulust",),
    summary="SoftModulusT: x tanh(x / alpha), a smooth modulus; alpha = 1 is LiSHT, a small alpha nears |x|.",
    parameters=(Param("alpha", 0.01, "the width of the rounded tip", symbol=r"\alpha", domain=MODULUS_SCALE,
                      examples=(1.0, 0.5)),),
    formula=r"$x \tanh(x / \alpha)$",
    derivative_formula=r"$\tanh(x / \alpha) + \frac{x}{\alpha} (1 - \tanh^2(x / \alpha))$",
    value_fn=soft_modulus_t,
    derivative_fns=derivatives(soft_modulus_t),
    properties=Properties((0.0, math.inf), "no", math.inf, True),
    paper=VALLES_PEREZ_ET_AL_2023,
    note=("alpha = 0.01 is the value the survey of Kunc and Kléma (arXiv:2402.09092) gives for the paper's "
          "experiments. |x| - f(x) is at most 0.2784645427610738 alpha (at |x| = 0.6392322713805369 alpha), so a "
          "small alpha rounds only the tip of |x|. alpha is limited to [1e-100, 1e100]."),
    default_range=(-0.1, 0.1),
)


# --- sinc-based oscillations ---------------------------------------------------------------------------------------

def shifted_sinc(x: Array, sign: float, order: int) -> Array:
    """The order-th derivative of sinc(t) at t = x - sign pi (sign +-1), to a few ulps.

    t is x - pi taken with pi as PI_HI + PI_LO; where |t| < 0.5 the Taylor series is summed, and
    elsewhere sin t = -sin x and cos t = -cos x (exact for the float x) enter the closed forms
    sin(t) / t, (t cos t - sin t) / t^2 and ((2 - t^2) sin t - 2t cos t) / t^3, each divided by t
    one power at a time so nothing overflows."""
    t = (x - sign * PI_HI) - sign * PI_LO
    near = np.abs(t) < SINC_SERIES_BELOW
    series = sinc_series(np.where(near, t, 0.0), order)
    far = np.where(near, 1.0, t)
    s, c = np.sin(x), np.cos(x)
    closed_form = [-s / far, (s / far - c) / far, s / far + 2.0 * (c - s / far) / far / far][order]
    return np.where(near, series, closed_form)


def ssu(x: Array, order: int = 0) -> Array:
    """pi sinc(x - pi) and its derivatives."""
    x = np.asarray(x, dtype=np.float64)
    return math.pi * shifted_sinc(x, 1.0, order)


SSU = Activation(
    name="ssu",
    aliases=("shifted-sinc-unit",),
    summary="SSU, the shifted sinc unit: pi sinc(x - pi), a sinc peaking at pi (value pi) and through 0 at 0.",
    formula=r"$\pi\, \mathrm{sinc}(x - \pi),\ \mathrm{sinc}(t) = \frac{\sin t}{t}$",
    derivative_formula=r"$\pi\, \frac{t \cos t - \sin t}{t^2},\ t = x - \pi$",
    value_fn=ssu,
    derivative_fns=derivatives(ssu),
    # the sinc's minimum times pi: -0.68245957050103042 at x = pi +- 4.4934094579090642
    properties=Properties((math.pi * SINC_MINIMUM, math.pi), "no", math.inf, True),
    paper=NOEL_ET_AL_2021,
    note=UNNORMALISED_SINC + " The peak is pi at x = pi, the troughs pi times the sinc's minimum.",
    default_range=(-10.0, 15.0),
)


#: Below this |x|, DSU is the difference of the two sincs (the closed form has removable poles at
#: +-pi); beyond it the closed form pi^2 sin x / (pi^2 - x^2), which does not cancel in the tails.
DSU_CLOSED_BEYOND = 4.0


def dsu_closed(x: Array, order: int) -> Array:
    """sin x g(x) with g = pi^2 v, v = 1 / (pi^2 - x^2), and g' = 2 pi^2 x v^2,
    g'' = 2 pi^2 (pi^2 + 3 x^2) v^3 written with x v and x^2 v (which stay bounded) so nothing overflows."""
    v = 1.0 / ((PI_HI - x) + PI_LO) / ((PI_HI + x) + PI_LO)
    xv = x * v
    square = math.pi * math.pi
    g, dg = square * v, 2.0 * square * xv * v
    s, c = np.sin(x), np.cos(x)
    if order == 0:
        return s * g
    if order == 1:
        return c * g + s * dg
    d2g = 2.0 * square * (square * v + 3.0 * x * xv) * v * v
    return -s * g + 2.0 * c * dg + s * d2g


def dsu(x: Array, order: int = 0) -> Array:
    """(pi / 2) (sinc(x - pi) - sinc(x + pi)) and its derivatives, computed at |x| and given the
    symmetry back (f and f'' odd, f' even), so that the curve is exactly odd in float64 too."""
    x = np.asarray(x, dtype=np.float64)
    a = np.abs(x)
    near = a < DSU_CLOSED_BEYOND
    inner = np.where(near, a, 0.0)
    difference = 0.5 * math.pi * (shifted_sinc(inner, 1.0, order) - shifted_sinc(inner, -1.0, order))
    result = np.where(near, difference, dsu_closed(np.where(near, DSU_CLOSED_BEYOND, a), order))
    return result if order == 1 else np.sign(x) * result


#: DSU's maximum at x = 2.6309958519438117 (its minimum is the negative, at -2.6309958519438117).
DSU_MAXIMUM = 1.6364081368248818

DSU = Activation(
    name="dsu",
    aliases=("decaying-sine-unit",),
    summary="DSU, the decaying sine unit: (pi/2) (sinc(x - pi) - sinc(x + pi)), a sine that decays like 1/x^2.",
    formula=r"$\frac{\pi}{2} (\mathrm{sinc}(x - \pi) - \mathrm{sinc}(x + \pi)) = \frac{\pi^2 \sin x}{\pi^2 - x^2}$",
    derivative_formula=r"$\frac{\pi^2 ((\pi^2 - x^2) \cos x + 2x \sin x)}{(\pi^2 - x^2)^2}$",
    value_fn=dsu,
    derivative_fns=derivatives(dsu),
    properties=Properties((-DSU_MAXIMUM, DSU_MAXIMUM), "no", math.inf, True),
    paper=NOEL_ET_AL_2021,
    note=(UNNORMALISED_SINC + " The two sincs combine to pi^2 sin x / (pi^2 - x^2): odd, with its zeros those of "
          "sin x except +-pi, where it is +-pi/2. Near 0 and +-pi (|x| < 4) the difference of the sincs is "
          "evaluated, beyond it the closed form."),
    default_range=(-15.0, 15.0),
)


# --- rational -----------------------------------------------------------------------------------------------------

#: The paper's type (3, 2) initialisation, P(x) / Q(x) with P = a3 x^3 + a2 x^2 + a1 x + a0 and
#: Q = b2 x^2 + 1: the best rational approximation of ReLU on [-1, 1].
RATIONAL_P = (1.1915, 1.5957, 0.5, 0.0218)
RATIONAL_Q2 = 2.383
#: a3 / b2 = 1/2 and a1 = 1/2 exactly, so P / Q = x/2 + (a2 x^2 + a0) / (b2 x^2 + 1): the x term of
#: the remainder vanishes and f' = 1/2 + 2 (a2 - a0 b2) x / Q^2.
RATIONAL_SLOPE = 2.0 * (RATIONAL_P[1] - RATIONAL_P[3] * RATIONAL_Q2)
#: Beyond |x| = 1e100 the fraction's derivatives are 0 in float64; clipping keeps b2 x^2 finite.
RATIONAL_FLAT = 1e100


def rational_relu(x: Array, order: int = 0) -> Array:
    """x/2 + (a2 x^2 + a0) / (b2 x^2 + 1) and its derivatives 1/2 + c x u^2 and c (1 - 3 b2 x^2) u^3,
    with u = 1 / (b2 x^2 + 1) and c = 2 (a2 - a0 b2)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.clip(x, -RATIONAL_FLAT, RATIONAL_FLAT)
    square = y * y
    u = 1.0 / (RATIONAL_Q2 * square + 1.0)
    if order == 0:
        return 0.5 * x + (RATIONAL_P[1] * square + RATIONAL_P[3]) * u
    if order == 1:
        return 0.5 + RATIONAL_SLOPE * (y * u) * u
    return RATIONAL_SLOPE * (u - 3.0 * RATIONAL_Q2 * (y * u) * y) * u * u


#: The local maximum (at x = -0.64781812762459272) and minimum (at x = -0.19147708749848618).
RATIONAL_PEAK, RATIONAL_DIP = 0.021811275598345204, -0.021886978539562737

RATIONAL_RELU = Activation(
    name="rational-relu",
    aliases=("rational-nn", "boulle-rational"),
    summary="Rational activation (Boullé et al.): a type (3, 2) rational, the best approximation of ReLU on [-1, 1].",
    formula=r"$\frac{1.1915 x^3 + 1.5957 x^2 + 0.5 x + 0.0218}{2.383 x^2 + 1}$",
    derivative_formula=r"$\frac{1}{2} + \frac{2\, (1.5957 - 0.0218 \cdot 2.383)\, x}{(2.383 x^2 + 1)^2}$",
    value_fn=rational_relu,
    derivative_fns=derivatives(rational_relu),
    properties=Properties((-math.inf, math.inf), "no", math.inf, False),
    paper=Paper("Boullé, Nicolas and Nakatsukasa, Yuji and Townsend, Alex", "Rational neural networks", 2020,
                arxiv="2004.01902", venue="Advances in Neural Information Processing Systems 33"),
    note=("The paper trains P/Q per layer from this start, the minimax (3, 2) fit to ReLU on [-1, 1]; the "
          "coefficients are those of the authors' published RationalLayer. Q has no real root, so there is no "
          "pole. Outside [-1, 1] it is no longer ReLU: it grows like x/2 on both sides (P/Q = x/2 + "
          "(1.5957 x^2 + 0.0218) / (2.383 x^2 + 1) exactly), and it wobbles near 0, with a local maximum "
          "0.021811275598345204 at x = -0.64781812762459272, a local minimum -0.021886978539562737 at "
          "x = -0.19147708749848618 and f(0) = 0.0218."),
    default_range=(-3.0, 3.0),
)

ENTRIES = (SQU, NCU, CUBE, CONE, PARABOLIC_CONE, SOFT_MODULUS_Q, SOFT_MODULUS_T, SSU, DSU, RATIONAL_RELU)
