"""Elementary functions used as activations: the identity, a Gaussian bump and a sine wave."""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog.special import zeros
from actplot.core.schema import Activation, Array, Properties

TITLE = "Elementary functions"


def gaussian(x: Array) -> Array:
    """exp(-x^2), a bump used in radial-basis networks."""
    return np.exp(-x * x)


IDENTITY = Activation(
    name="identity",
    torch="Identity",
    aliases=("linear",),
    summary="The identity: no activation at all, the baseline every other curve bends away from.",
    formula=r"$x$",
    derivative_formula=r"$1$",
    value_fn=lambda x: x.copy(),
    derivative_fns=(np.ones_like, zeros),
    properties=Properties((-math.inf, math.inf), "increasing", math.inf, True),
)


GAUSSIAN = Activation(
    name="gaussian",
    aliases=("gauss", "radial-basis"),
    summary="Gaussian bump exp(-x^2): 1 at 0, vanishing on both sides.",
    formula=r"$e^{-x^2}$",
    derivative_formula=r"$-2x\,e^{-x^2}$",
    value_fn=gaussian,
    derivative_fns=(lambda x: -2.0 * x * gaussian(x), lambda x: (4.0 * x * x - 2.0) * gaussian(x)),
    properties=Properties((0.0, 1.0), "no", math.inf, False),
    default_range=(-3.0, 3.0),
)


SINUSOID = Activation(
    name="sinusoid",
    aliases=("sin", "sine"),
    summary="The sine wave, as in SIREN networks: periodic and bounded.",
    formula=r"$\sin(x)$",
    derivative_formula=r"$\cos(x)$",
    value_fn=np.sin,
    derivative_fns=(np.cos, lambda x: -np.sin(x)),
    properties=Properties((-1.0, 1.0), "no", math.inf, True),
    default_range=(-2.0 * math.pi, 2.0 * math.pi),
)

ENTRIES = (IDENTITY, GAUSSIAN, SINUSOID)
