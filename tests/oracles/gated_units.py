"""Oracles of the gated linear units: a g(b) with one input x and the other held, in mpmath.

The units are Shazeer's (GLU Variants Improve Transformer): the value input times the gate's
nonlinearity of the gate's input.
"""

from __future__ import annotations

import mpmath as mp


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def _gelu(x, approximate):
    if approximate == "tanh":
        return x * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x ** 3))) / 2
    return x * (1 + mp.erf(x / mp.sqrt(2))) / 2


def _unit(gate):
    """a g(b): x is the value a (vary='value') or the gate's input b (vary='gate')."""
    def oracle(x, vary, held, **params):
        return x * gate(held, **params) if vary == "value" else held * gate(x, **params)
    return oracle


ORACLES = {
    "bilinear": _unit(lambda b: b),
    "reglu": _unit(lambda b: max(b, 0)),
    "geglu": _unit(_gelu),
    "swiglu": _unit(lambda b, beta: b * _sigmoid(beta * b)),
}
