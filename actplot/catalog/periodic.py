"""Periodic and oscillating units: sines, waves and wavelets.

Snake adds a periodic ripple to the identity, SIREN's sine oscillates at a chosen frequency,
the growing cosine unit oscillates with a growing amplitude, and sinc and the Mexican hat are
waves that die out. Each is accurate to a few ulps over the whole real line: the near-zero
cancellations of sinc's derivatives are replaced by their Taylor series.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog.builder import derivatives
from actplot.catalog.special import exp_neg_half_square
from actplot.core.schema import Activation, Array, Interval, Paper, Param, Properties

TITLE = "Periodic and oscillating"

#: A frequency of at most 1e100: omega^2 sin(omega x), SIREN's f'', then stays within float64.
FREQUENCY = Interval(0.0, 1e100, high_open=False)


def snake(x: Array, alpha: float) -> Array:
    """x + sin(alpha x)^2 / alpha, as x + sin(alpha x) (sin(alpha x) / alpha): no underflow of
    sin^2 for a tiny alpha."""
    s = np.sin(alpha * x)
    return x + s * (s / alpha)


def snake_d1(x: Array, alpha: float) -> Array:
    """1 + sin(2 alpha x) = (sin(alpha x) + cos(alpha x))^2: non-negative, no cancellation."""
    return (np.sin(alpha * x) + np.cos(alpha * x)) ** 2


SNAKE = Activation(
    name="snake",
    summary="Snake: the identity plus a periodic ripple, x + sin^2(alpha x) / alpha.",
    parameters=(
        Param("alpha", 1.0, "frequency of the ripple (its period is pi / alpha)", symbol=r"\alpha",
              domain=FREQUENCY, examples=(0.5, 2.0)),
    ),
    formula=r"$x + \frac{1}{\alpha}\sin^2(\alpha x)$",
    derivative_formula=r"$1 + \sin(2 \alpha x)$",
    value_fn=snake,
    derivative_fns=(snake_d1, lambda x, alpha: 2.0 * alpha * np.cos(2.0 * alpha * x)),
    properties=Properties((-math.inf, math.inf), "increasing", math.inf, True),
    paper=Paper("Ziyin, Liu and Hartwig, Tilman and Ueda, Masahito",
                "Neural Networks Fail to Learn Periodic Functions and How to Fix It", 2020,
                arxiv="2006.08195", venue="Advances in Neural Information Processing Systems 33"),
    note=("The paper learns alpha per channel; actplot's default alpha = 1 is the paper's x + sin^2(x). "
          "f' = 1 + sin(2 alpha x) touches 0 once a period, so Snake is increasing, never strictly."),
    default_range=(-8.0, 8.0),
)


SIREN = Activation(
    name="siren",
    aliases=("siren-sine",),
    summary="SIREN's sine: sin(omega_0 x), a sine at a chosen frequency (30 in SIREN's first layer).",
    parameters=(
        Param("w0", 30.0, "the frequency omega_0 that multiplies the input", symbol=r"\omega_0",
              domain=FREQUENCY, aliases=("omega_0", "omega"), examples=(1.0, 10.0)),
    ),
    formula=r"$\sin(\omega_0 x)$",
    derivative_formula=r"$\omega_0 \cos(\omega_0 x)$",
    value_fn=lambda x, w0: np.sin(w0 * x),
    derivative_fns=(lambda x, w0: w0 * np.cos(w0 * x), lambda x, w0: -(w0 * w0) * np.sin(w0 * x)),
    properties=Properties((-1.0, 1.0), "no", math.inf, True),
    paper=Paper("Sitzmann, Vincent and Martel, Julien N. P. and Bergman, Alexander W. and Lindell, David B. "
                "and Wetzstein, Gordon", "Implicit Neural Representations with Periodic Activation Functions",
                2020, arxiv="2006.09661", venue="Advances in Neural Information Processing Systems 33"),
    note=("SIREN writes sin(omega_0 (W x + b)) with omega_0 = 30 and folds omega_0 into the weights after the "
          "first layer; actplot draws the activation of one unit, sin(omega_0 x). omega_0 is limited to 1e100 "
          "so that f'' = -omega_0^2 sin(omega_0 x) stays within float64."),
    default_range=(-0.5, 0.5),
)


GCU = Activation(
    name="gcu",
    aliases=("growing-cosine-unit",),
    summary="Growing cosine unit: x cos x, an oscillation whose amplitude grows with |x|.",
    formula=r"$x \cos x$",
    derivative_formula=r"$\cos x - x \sin x$",
    value_fn=lambda x: x * np.cos(x),
    derivative_fns=(lambda x: np.cos(x) - x * np.sin(x), lambda x: -2.0 * np.sin(x) - x * np.cos(x)),
    properties=Properties((-math.inf, math.inf), "no", math.inf, True),
    paper=Paper("Noel, Mathew Mithra and L, Arunkumar and Trivedi, Advait and Dutta, Praneet",
                "Growing Cosine Unit: A Novel Oscillatory Activation Function That Can Speedup Training and "
                "Reduce Parameters in Convolutional Neural Networks", 2021, arxiv="2108.12943"),
    default_range=(-10.0, 10.0),
)


#: Below this |x|, sinc and its derivatives are summed as Taylor series (their closed forms
#: cancel there); 12 terms reach float64's precision.
SINC_SERIES_BELOW = 0.5
_SINC_TERMS = 12


def _sinc_series(x: Array, order: int) -> Array:
    """The order-th derivative of sinc's Taylor series sum (-1)^k x^(2k) / (2k + 1)!, by Horner
    in x^2 (times x for the odd first derivative)."""
    c = [(-1) ** k / math.factorial(2 * k + 1) for k in range(_SINC_TERMS + 1)]
    if order == 0:
        coefficients = c
    elif order == 1:
        coefficients = [c[j + 1] * 2 * (j + 1) for j in range(_SINC_TERMS)]
    else:
        coefficients = [c[j + 1] * 2 * (j + 1) * (2 * j + 1) for j in range(_SINC_TERMS)]
    square = x * x
    total = np.zeros_like(x)
    for coefficient in reversed(coefficients):
        total = total * square + coefficient
    return total * x if order == 1 else total


def sinc(x: Array, order: int = 0) -> Array:
    """sin(x) / x (1 at 0) and its derivatives: closed forms, Taylor series near 0."""
    x = np.asarray(x, dtype=np.float64)
    near = np.abs(x) < SINC_SERIES_BELOW
    far = np.where(near, 1.0, x)
    s, c = np.sin(far), np.cos(far)
    if order == 0:
        closed = s / far
    elif order == 1:
        closed = (far * c - s) / (far * far)
    else:
        closed = ((2.0 - far * far) * s - 2.0 * far * c) / (far * far * far)
    return np.where(near, _sinc_series(np.where(near, x, 0.0), order), closed)


#: sinc's minimum, sin(x0) / x0 at the first positive root x0 = 4.4934094579090642 of tan x = x
#: (mpmath findroot at 30 digits).
SINC_MINIMUM = -0.21723362821122166

SINC = Activation(
    name="sinc",
    summary="Sinc: sin(x) / x, 1 at 0, a wave that dies out as 1 / |x|.",
    formula=r"$\frac{\sin x}{x}\ \ (1\ \mathrm{at}\ 0)$",
    derivative_formula=r"$\frac{x \cos x - \sin x}{x^2}$",
    value_fn=sinc,
    derivative_fns=derivatives(sinc),
    properties=Properties((SINC_MINIMUM, 1.0), "no", math.inf, False),
    note=("The unnormalised sinc, sin(x) / x (numpy's np.sinc is sin(pi x) / (pi x)). At 0 its value 1 and "
          "derivatives 0 and -1/3 are the limits: the function is smooth there. Near 0 (|x| < 0.5) value and "
          "derivatives are summed as Taylor series, where the closed forms of f' and f'' cancel."),
    default_range=(-15.0, 15.0),
)


def mexican_hat(x: Array, order: int = 0) -> Array:
    """(1 - x^2) exp(-x^2 / 2) and its derivatives x (x^2 - 3) e and (-x^4 + 6 x^2 - 3) e."""
    x = np.asarray(x, dtype=np.float64)
    y = np.clip(x, -40.0, 40.0)  # beyond, exp(-x^2 / 2) is 0 and the polynomial cannot overflow it
    gauss = exp_neg_half_square(y)
    square = y * y
    if order == 0:
        return (1.0 - y) * (1.0 + y) * gauss
    if order == 1:
        return y * (square - 3.0) * gauss
    return -((square - 3.0) * (square - 3.0) - 6.0) * gauss


#: Its minimum, -2 exp(-3/2) at x = +-sqrt(3) (mpmath at 30 digits).
MEXICAN_HAT_MINIMUM = -0.44626032029685966

MEXICAN_HAT = Activation(
    name="mexican-hat",
    aliases=("ricker", "ricker-wavelet"),
    summary="Mexican hat (Ricker wavelet): (1 - x^2) exp(-x^2 / 2), a bump with two dips.",
    formula=r"$(1 - x^2)\, e^{-x^2/2}$",
    derivative_formula=r"$x\,(x^2 - 3)\, e^{-x^2/2}$",
    value_fn=mexican_hat,
    derivative_fns=derivatives(mexican_hat),
    properties=Properties((MEXICAN_HAT_MINIMUM, 1.0), "no", math.inf, False),
    note=("The wavelet without its normalising factor 2 / (sqrt(3) pi^(1/4)), so that f(0) = 1; a wavelet "
          "network scales and shifts it per unit."),
)

ENTRIES = (SNAKE, SIREN, GCU, SINC, MEXICAN_HAT)
