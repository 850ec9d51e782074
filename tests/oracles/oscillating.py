"""Oracles of the oscillating family: each paper's definition restated in mpmath."""

from __future__ import annotations

import mpmath as mp


def _soft_modulus_q(x):
    return x * x * (2 - abs(x)) if abs(x) <= 1 else abs(x)


def _rational_relu(x):
    """Boullé et al.'s P / Q with the published coefficients, as written (not rearranged)."""
    p = mp.mpf("1.1915") * x**3 + mp.mpf("1.5957") * x**2 + mp.mpf("0.5") * x + mp.mpf("0.0218")
    return p / (mp.mpf("2.383") * x**2 + 1)


ORACLES = {
    "squ": lambda x: x * x + x,
    "ncu": lambda x: x - x**3,
    "cube": lambda x: x**3,
    "cone": lambda x: 1 - abs(x - 1),
    "parabolic-cone": lambda x: x * (2 - x),
    "soft-modulus-q": _soft_modulus_q,
    "soft-modulus-t": lambda x, alpha: x * mp.tanh(x / alpha),
    # mpmath's sinc is the unnormalised sin(x) / x
    "ssu": lambda x: mp.pi * mp.sinc(x - mp.pi),
    "dsu": lambda x: mp.pi / 2 * (mp.sinc(x - mp.pi) - mp.sinc(x + mp.pi)),
    "rational-relu": _rational_relu,
}
