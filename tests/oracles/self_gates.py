"""Oracles of the self-gated family: each paper's definition restated in mpmath."""

from __future__ import annotations

import mpmath as mp


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def _gelu(x):
    return x * (1 + mp.erf(x / mp.sqrt(2))) / 2


ORACLES = {
    "tanhexp": lambda x: x * mp.tanh(mp.exp(x)),
    "serf": lambda x: x * mp.erf(mp.log(1 + mp.exp(x))),
    "logish": lambda x: x * mp.log(1 + _sigmoid(x)),
    "smish": lambda x: x * mp.tanh(mp.log(1 + _sigmoid(x))),
    "phish": lambda x: x * mp.tanh(_gelu(x)),
    "lisht": lambda x: x * mp.tanh(x),
    "e-swish": lambda x, beta: beta * x * _sigmoid(x),
    "quick-gelu": lambda x: x * _sigmoid(mp.mpf("1.702") * x),
    "golu": lambda x: x * mp.exp(-mp.exp(-x)),
}
