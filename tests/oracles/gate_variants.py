"""Oracles of the gate_variants family: each paper's definition restated in mpmath."""

from __future__ import annotations

import mpmath as mp


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def _erfrelu(x, alpha):
    return x if x >= 0 else alpha * mp.erf(x)


def _delu(x, n):
    # the author's form: SiLU at and below 0, (n + 1/2) x + |e^(-x) - 1| above
    return x * _sigmoid(x) if x <= 0 else (n + mp.mpf(1) / 2) * x + abs(mp.exp(-x) - 1)


def _shilu(x, alpha, beta):
    return alpha * max(x, 0) + beta


ORACLES = {
    "pflu": lambda x: x * (1 + x / mp.sqrt(1 + x * x)) / 2,
    "fpflu": lambda x: max(x, x / (1 + x * x)),
    "gish": lambda x: x * mp.log(2 - mp.exp(-mp.exp(x))),
    "aptx": lambda x, alpha, beta, gamma: (alpha + mp.tanh(beta * x)) * gamma * x,
    "resech": lambda x: x * mp.sech(x),
    "erfrelu": _erfrelu,
    # the Swish-T family as its authors write it: Swish plus a tanh bias, and sigmoid(beta x)(x + 2 a) - a
    "swish-t": lambda x, beta, alpha: x * _sigmoid(beta * x) + alpha * mp.tanh(x),
    "swish-t-b": lambda x, beta, alpha: _sigmoid(beta * x) * (x + 2 * alpha) - alpha,
    "swish-t-c": lambda x, beta, alpha: _sigmoid(beta * x) * (x + 2 * alpha / beta) - alpha / beta,
    # Pishchik's units as the author's code computes them
    "coslu": lambda x, a, b: _sigmoid(x) * (x + a * mp.cos(b * x)),
    "delu": _delu,
    "shilu": _shilu,
}
