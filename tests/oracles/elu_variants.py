"""Oracles of the exponential units from the literature: each paper's definition in mpmath."""

from __future__ import annotations

import mpmath as mp


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def _hard(x):
    return min(max((x + 1) / 2, 0), 1)


ORACLES = {
    "pelu": lambda x, a, b: a / b * x if x >= 0 else a * (mp.exp(x / b) - 1),
    "isrlu": lambda x, alpha: x if x >= 0 else x / mp.sqrt(1 + alpha * x * x),
    "mpelu": lambda x, alpha, beta: x if x > 0 else alpha * (mp.exp(beta * x) - 1),
    "xielu": lambda x, alpha_p, alpha_n, beta: (alpha_p * x * x + beta * x if x > 0
                                                else alpha_n * (mp.exp(x) - 1 - x) + beta * x),
    "serlu": lambda x: (mp.mpf("1.07862") * x if x >= 0
                        else mp.mpf("1.07862") * mp.mpf("2.90427") * x * mp.exp(x)),
    "soft-exponential": lambda x, alpha: x if alpha == 0 else (mp.exp(alpha * x) - 1) / alpha + alpha,
    "elish": lambda x: x * _sigmoid(x) if x >= 0 else (mp.exp(x) - 1) * _sigmoid(x),
    "hard-elish": lambda x: x * _hard(x) if x >= 0 else (mp.exp(x) - 1) * _hard(x),
}
