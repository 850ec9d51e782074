"""Overflow-free building blocks shared by the catalog's formulas.

Everything here is exact to float64 rounding over the whole real line (a few ulps relative,
tests/test_accuracy.py checks it against mpmath) and raises no numpy warning for any finite
input, nor for the infinite ones :func:`scaled` returns. scipy is imported only by the function
that needs it (the normal CDF), so importing the catalog stays cheap.

Where a float64 formula would lose digits, the exact error of a product or a sum is carried
along (:func:`two_product`, :func:`two_sum`: the value as an unevaluated sum ``hi + lo``, as in
double-double arithmetic): exp(-x^2 / 2) with x^2 rounded is off by x^2 / 2 ulps (hundreds in
the normal tail), and so is the GELU tanh gate exp(2u) with u rounded.
"""

from __future__ import annotations

import math

import numpy as np

Array = np.ndarray

SQRT_2PI = math.sqrt(2.0 * math.pi)

#: Beyond |z| = 800 the sigmoid family has reached its limits in float64 (exp(-800) is 0).
SATURATED = 800.0
#: sqrt(2) as hi + lo (lo the rounding error of hi), for 2 - x^2 = (sqrt 2 - x)(sqrt 2 + x).
SQRT2_HI, SQRT2_LO = 1.4142135623730951, -9.667293313452913e-17
#: Beyond |x| = 40, exp(-x^2 / 2) is 0 in float64 (it underflows below |x| = 38.6).
NORMAL_TAIL = 40.0
#: Beyond this |x|, exp(-x^2 / 2) takes x^2 exactly; below it, rounding x^2 costs at most 4 ulps.
EXACT_SQUARE_BEYOND = 4.0
#: Veltkamp's splitting constant 2^27 + 1: a float64 splits into two halves of 26 bits.
_SPLITTER = 134217729.0


def two_product(a: Array, b: Array) -> tuple[Array, Array]:
    """a * b as ``hi + lo`` exactly (Dekker): ``hi`` the rounded product, ``lo`` its error.

    For |a|, |b| below about 1e150 (the callers clip their arguments first).
    """
    hi = a * b
    a_hi, a_lo = _split(a)
    b_hi, b_lo = _split(b)
    lo = ((a_hi * b_hi - hi) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
    return hi, lo


def two_sum(a: Array, b: Array) -> tuple[Array, Array]:
    """a + b as ``hi + lo`` exactly (Knuth): ``hi`` the rounded sum, ``lo`` its error."""
    hi = a + b
    b_virtual = hi - a
    lo = (a - (hi - b_virtual)) + (b - b_virtual)
    return hi, lo


def _split(a: Array) -> tuple[Array, Array]:
    t = _SPLITTER * a
    hi = t - (t - a)
    return hi, a - hi


#: 1024 log(2) as hi + lo: exp(a) 2^1024 = exp(a + 1024 log 2), for results that would pass
#: through the subnormal range on their way to a normal value (see :func:`exp_sum`).
LOG_2_1024_HI, LOG_2_1024_LO = 709.782712893384, 2.3747039373786107e-14
SCALE_EXPONENT = 1024


def exp_sum(hi: Array, lo: Array, scaled: Array | bool = False) -> Array:
    """exp(hi + lo) for a small ``lo`` (the rounding error of ``hi``), to about an ulp; times
    2^1024 where ``scaled`` (undo it with ``np.ldexp(result, -SCALE_EXPONENT)`` once the
    factors that bring it back above 1e-308 are applied: a subnormal factor has lost digits).
    """
    shift, shift_lo = two_sum(hi, np.where(scaled, LOG_2_1024_HI, 0.0))
    return np.exp(shift) * (1.0 + (lo + shift_lo + np.where(scaled, LOG_2_1024_LO, 0.0)))


def exp_neg_half_square(x: Array, scaled: Array | bool = False) -> Array:
    """exp(-x^2 / 2) to about an ulp (times 2^1024 where ``scaled``: see :func:`exp_sum`):
    x^2 is taken exactly (``hi + lo``), so the tail keeps every digit (exp(-0.5 * x * x) loses
    x^2 / 2 ulps: 700 at x = -37)."""
    y = np.clip(np.asarray(x, dtype=np.float64), -NORMAL_TAIL, NORMAL_TAIL)
    if scaled is not False:
        square, error = two_product(y, y)
        return exp_sum(-0.5 * square, -0.5 * error, scaled)
    result = np.array(np.exp(-0.5 * y * y))  # within x^2 / 4 ulps: 4 ulps up to |x| = 4 ...
    far = np.abs(y) > EXACT_SQUARE_BEYOND
    if far.any():  # ... and beyond that, x^2 taken exactly (the slower way)
        square, error = two_product(y[far], y[far])
        result[far] = exp_sum(-0.5 * square, -0.5 * error)
    return result


def scaled(factor: float, x: Array) -> Array:
    """factor * x, +-inf (without a warning) where the product truly leaves float64's range.

    Used for the argument of a saturating function (sigmoid(beta x)), which takes an infinite
    argument to its exact limit, and for a result that truly overflows (a slope of 1e308 times
    x = -1e6 is -1e314: -inf).
    """
    with np.errstate(over="ignore"):
        return factor * x


def sigmoid(x: Array) -> Array:
    """1 / (1 + exp(-x)), computed from exp(-|x|) so it never overflows."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_slope(x: Array) -> Array:
    """sigmoid(x) * sigmoid(-x), the sigmoid's derivative, accurate in both tails."""
    return sigmoid(x) * sigmoid(-x)


def sigmoid_curvature(x: Array) -> Array:
    """The sigmoid's second derivative, sigmoid(x) sigmoid(-x) (sigmoid(-x) - sigmoid(x)).

    The bracket is -tanh(x / 2), computed so: as a difference it cancels near 0 (1e-8 relative
    accuracy at x = 1e-8).
    """
    with np.errstate(under="ignore"):
        half = 0.5 * x
    return -sigmoid_slope(x) * np.tanh(half)


def times_sigmoid_slope(z: Array) -> Array:
    """z sigmoid'(z), 0 in both tails, also for an infinite z (where z * 0 would be NaN)."""
    z = np.clip(z, -SATURATED, SATURATED)
    return z * sigmoid_slope(z)


def times_sigmoid_curvature(z: Array) -> Array:
    """z sigmoid''(z), 0 in both tails, also for an infinite z."""
    z = np.clip(z, -SATURATED, SATURATED)
    return z * sigmoid_curvature(z)


def softplus(x: Array) -> Array:
    """log(1 + exp(x)) without overflow."""
    return np.logaddexp(0.0, x)


def log_sigmoid(x: Array) -> Array:
    """log(sigmoid(x)) = -softplus(-x)."""
    return -np.logaddexp(0.0, -x)


def tanh_slope(x: Array) -> Array:
    """1 - tanh(x)^2, written as 4 sigmoid(2x) sigmoid(-2x) to stay accurate for large |x|."""
    return 4.0 * sigmoid_slope(scaled(2.0, x))


def normal_pdf(x: Array) -> Array:
    """The standard normal density exp(-x^2 / 2) / sqrt(2 pi), accurate in the tails."""
    return exp_neg_half_square(x) / SQRT_2PI


def normal_cdf(x: Array) -> Array:
    """The standard normal distribution function, accurate in the lower tail.

    Below x = -1 it is erfcx(-x / sqrt 2) exp(-x^2 / 2) / 2, the exponential taken exactly
    (scipy's ndtr rounds x^2 and is off by up to x^2 / 2 ulps there: 700 at x = -37).
    """
    from scipy.special import erfcx, ndtr

    x = np.asarray(x, dtype=np.float64)
    tail = x < -1.0
    result = np.array(ndtr(x), dtype=np.float64)  # an array also for a single number
    if tail.any():  # the slower exact tail only where it is needed
        low = x[tail]
        result[tail] = 0.5 * erfcx(-low / math.sqrt(2.0)) * exp_neg_half_square(low)
    return result


def logsumexp(values: tuple[float, ...]) -> float:
    """log(sum(exp(values))) without overflow."""
    return float(np.logaddexp.reduce(np.asarray(values, dtype=np.float64)))


def inside(x: Array, low: float, high: float, slope: float = 1.0) -> Array:
    """``slope`` strictly between low and high, 0 elsewhere: the derivative of a clip (0 at its corners)."""
    return np.where((x > low) & (x < high), slope, 0.0)


def zeros(x: Array, **_: object) -> Array:
    """The zero function: the second derivative of every piecewise-linear entry."""
    return np.zeros_like(x)
