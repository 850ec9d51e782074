"""Oracles of the rectifier variants from the literature: each paper's definition in mpmath."""

from __future__ import annotations

import mpmath as mp


def _bi_firing(x, a):
    if x < -a:
        return -x - a / 2
    if x > a:
        return x - a / 2
    return x * x / (2 * a)


def _sqlu(x):
    if x > 0:
        return x
    return x + x * x / 4 if x >= -2 else mp.mpf(-1)


def _rsigelu(x, alpha, beta):
    if x > 1:
        return x / (1 + mp.exp(-x)) * alpha + x
    return x if x >= 0 else beta * (mp.exp(x) - 1)


def _reltanh(x, lambda_pos, lambda_neg):
    for at, beyond in ((lambda_pos, x >= lambda_pos), (lambda_neg, x <= lambda_neg)):
        if beyond:
            return mp.tanh(at) + (1 - mp.tanh(at) ** 2) * (x - at)
    return mp.tanh(x)


ORACLES = {
    "dprelu": lambda x, alpha, beta: beta * x if x > 0 else alpha * x,
    "dual-line": lambda x, alpha, beta, m: (beta * x if x > 0 else alpha * x) + m,
    "bi-firing": _bi_firing,
    "sqlu": _sqlu,
    "reu": lambda x: x if x > 0 else x * mp.exp(x),
    "preu": lambda x, alpha, beta: x if x > 0 else alpha * x * mp.exp(beta * x),
    "rsigelu": _rsigelu,
    "reltanh": _reltanh,
    "signrelu": lambda x, alpha: x if x > 0 else alpha * x / (1 + abs(x)),
}
