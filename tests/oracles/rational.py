"""Oracles of the rational family: the safe Padé unit restated in mpmath."""

from __future__ import annotations

import mpmath as mp


def _pau(x, a, b):
    numerator = sum(mp.mpf(c) * x**j for j, c in enumerate(a))
    return numerator / (1 + sum(abs(mp.mpf(c)) * abs(x) ** (k + 1) for k, c in enumerate(b)))


ORACLES = {"pau": _pau}
