"""Oracles of the sigmoids family: each paper's definition restated in mpmath."""

from __future__ import annotations

import mpmath as mp


def _smooth_step(x, gamma):
    """Hazimeh et al.'s smooth-step: 0 below -gamma/2, 1 above gamma/2, the cubic between."""
    if x <= -gamma / 2:
        return mp.mpf(0)
    if x >= gamma / 2:
        return mp.mpf(1)
    return -2 / gamma**3 * x**3 + 3 / (2 * gamma) * x + mp.mpf(1) / 2


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


ORACLES = {
    "probit": mp.ncdf,  # Gomes et al.: the inverse of the probit link, the normal distribution function
    "cloglogm": lambda x: 1 - 2 * mp.exp(-mp.mpf("0.7") * mp.exp(x)),
    "smooth-step": _smooth_step,
    "stanh": lambda x, a, b: a * mp.tanh(b * x),  # LeCun et al.: A tanh(S a)
    "tanhlu": lambda x, alpha, beta, lambd: alpha * mp.tanh(lambd * x) + beta * x,
    "siglin": lambda x, a: _sigmoid(x) + a * x,  # the function whose slope is Roodschild et al.'s sigmoid' + a
}
