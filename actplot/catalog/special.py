"""Overflow-free building blocks shared by the catalog's formulas.

Everything here is exact to float64 rounding over the whole real line and raises no numpy
warning for any finite input, nor for the infinite ones :func:`scaled` returns. scipy is
imported only by the two functions that need it (GELU's erf and normal CDF), so importing the
catalog stays cheap.
"""

from __future__ import annotations

import math

import numpy as np

Array = np.ndarray

SQRT_2PI = math.sqrt(2.0 * math.pi)

#: Beyond |z| = 800 the sigmoid family has reached its limits in float64 (exp(-800) is 0).
SATURATED = 800.0


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
    """The sigmoid's second derivative, sigmoid(x) sigmoid(-x) (sigmoid(-x) - sigmoid(x))."""
    s, s_neg = sigmoid(x), sigmoid(-x)
    return s * s_neg * (s_neg - s)


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
    return 4.0 * sigmoid_slope(2.0 * x)


def normal_pdf(x: Array) -> Array:
    """The standard normal density exp(-x^2 / 2) / sqrt(2 pi)."""
    return np.exp(-0.5 * x * x) / SQRT_2PI


def normal_cdf(x: Array) -> Array:
    """The standard normal distribution function, accurate in the lower tail."""
    from scipy.special import ndtr

    return ndtr(x)


def logsumexp(values: tuple[float, ...]) -> float:
    """log(sum(exp(values))) without overflow."""
    return float(np.logaddexp.reduce(np.asarray(values, dtype=np.float64)))


def zeros(x: Array, **_: object) -> Array:
    """The zero function: the second derivative of every piecewise-linear entry."""
    return np.zeros_like(x)
