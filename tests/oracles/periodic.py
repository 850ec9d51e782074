"""Oracles of the periodic family: each paper's definition restated in mpmath."""

from __future__ import annotations

import mpmath as mp

ORACLES = {
    "snake": lambda x, alpha: x + mp.sin(alpha * x) ** 2 / alpha,
    "siren": lambda x, w0: mp.sin(w0 * x),
    "gcu": lambda x: x * mp.cos(x),
    "sinc": lambda x: mp.sin(x) / x if x != 0 else mp.mpf(1),
    "mexican-hat": lambda x: (1 - x * x) * mp.exp(-x * x / 2),
}
