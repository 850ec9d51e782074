"""Snake (Ziyin et al., 2020): x + sin^2(alpha x) / alpha, a periodic activation for extrapolation.

A plug-in entry uses the same schema as actplot's built-ins: an actplot.Activation.
"""

import math

import numpy as np

from actplot.core.schema import POSITIVE, Activation, Param, Properties


def snake(x, alpha):
    """x + sin^2(alpha x) / alpha."""
    return x + np.sin(alpha * x) ** 2 / alpha


SNAKE = Activation(
    name="demo-snake",
    aliases=("DemoSnake",),
    summary="Snake: the identity plus a periodic ripple, sin^2(alpha x) / alpha.",
    parameters=(Param("alpha", 1.0, "frequency of the ripple", symbol=r"\alpha", domain=POSITIVE,
                      examples=(0.5, 2.0)),),
    formula=r"$x + \frac{\sin^2(\alpha x)}{\alpha}$",
    derivative_formula=r"$1 + \sin(2\alpha x)$",
    value_fn=snake,
    derivative_fns=(lambda x, alpha: 1.0 + np.sin(2.0 * alpha * x),
                    lambda x, alpha: 2.0 * alpha * np.cos(2.0 * alpha * x)),
    properties=Properties((-math.inf, math.inf), "increasing", math.inf, True),
)

ENTRIES = [SNAKE]
