"""Oracles of the piecewise units from the literature: each paper's definition in mpmath."""

from __future__ import annotations

import mpmath as mp


def _srelu(x, t_l, a_l, t_r, a_r):
    if x >= t_r:
        return t_r + a_r * (x - t_r)
    return x if x > t_l else t_l + a_l * (x - t_l)


def _apl(x, a, b):
    return max(x, 0) + sum(a_s * max(-x + b_s, 0) for a_s, b_s in zip(a, b, strict=True))


def _sqnl(x):
    if x > 2:
        return mp.mpf(1)
    if x < -2:
        return mp.mpf(-1)
    return x - x * x / 4 if x >= 0 else x + x * x / 4


ORACLES = {
    "srelu": _srelu,
    "apl": _apl,
    "plu": lambda x, alpha, c: max(alpha * (x + c) - c, min(alpha * (x - c) + c, x)),
    "frelu": lambda x, b: max(x, 0) + b,
    "arelu": lambda x, alpha, beta: (1 + 1 / (1 + mp.exp(-beta))) * x if x >= 0 else min(max(alpha, 0.01), 0.99) * x,
    "clipped-relu": lambda x, cap: min(max(x, 0), cap),
    "repu": lambda x, p: max(x, 0) ** p,
    "star-relu": lambda x, s, b: s * max(x, 0) ** 2 + b,
    "nlrelu": lambda x, beta: mp.log(beta * max(x, 0) + 1),
    "sqnl": _sqnl,
}
