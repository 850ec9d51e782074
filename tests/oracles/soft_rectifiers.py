"""Oracles of the soft_rectifiers family: each paper's definition restated in mpmath."""

from __future__ import annotations

import mpmath as mp


def _polu(x, n):
    """Li et al.: the identity from 0 on, an inverse power below."""
    return x if x >= 0 else (1 - x) ** (-n) - 1


def _slu(x):
    """Zhao et al.'s general form a x / b ln(e^x + 1) - c with a = 1, b = 2, c = 2 ln 2."""
    return x if x >= 0 else 2 * mp.log(mp.exp(x) + 1) - 2 * mp.log(2)


def _shelu(x, b):
    """Grelsson and Felsberg: ELU (alpha = 1) of the shifted input."""
    t = x + b
    return t if t > 0 else mp.exp(t) - 1


ORACLES = {
    "polu": _polu,
    "slu": _slu,
    "soft-plus-plus": lambda x, k, c: mp.log(1 + mp.exp(k * x)) + x / c - mp.log(2),  # Ciuparu et al.
    "aria2": lambda x, alpha, beta: x * (1 + mp.exp(-beta * x)) ** (-alpha),  # Patwardhan et al.
    "shelu": _shelu,
    "scaled-softsign": lambda x, alpha, beta: alpha * x / (beta + abs(x)),  # Pishchik
}
